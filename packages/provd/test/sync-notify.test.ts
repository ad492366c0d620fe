/**
 * POST /dev_mgr/synchronize with sync.type sip: provd sends the family's NOTIFY straight to the
 * phone. sipp plays the phone (it must see a well-formed NOTIFY with the family's Event and
 * answers 200); a UDP socket that never answers shows the RFC 3261 retransmissions and the
 * failure after timer F (timers shortened so the test is bounded).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createServer as createTlsServer } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { startTestProvd } from './support/provd.js';
import { configuredDevice, familyPlugin, freeUdpPort, operationOutcome } from './sync-support/fixtures.js';

const SCENARIO = fileURLToPath(new URL('./sync-support/uas_notify.xml', import.meta.url));
const TIMERS = { 'sync.sip.t1_ms': 50, 'sync.sip.t2_ms': 400, 'sync.sip.timeout_ms': 1500 };

/** sipp answering one NOTIFY on 127.0.0.1:port; resolves with its exit code and what it traced. */
function sippPhone(t: { after(fn: () => void): void }, port: number, eventRegex: string, transport: 'u1' | 't1' = 'u1') {
  const dir = mkdtempSync(join(tmpdir(), 'provd-sipp-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const scenario = join(dir, 'uas_notify.xml');
  writeFileSync(scenario, readFileSync(SCENARIO, 'utf8').replace('EVENT_REGEX', eventRegex));
  const messages = join(dir, 'messages.log');
  const child = spawn('sipp', ['-sf', scenario, '-t', transport, '-i', '127.0.0.1', '-p', String(port), '-m', '1', '-nostdin', '-trace_msg', '-message_file', messages, '-trace_logs', '-log_file', join(dir, 'checks.log'), '-timeout', '15s', '-timeout_error'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number>((resolve, reject) => {
    child.once('error', (err) => reject(new Error(`sipp could not start (${err.message}): run bash scripts/setup-test-deps.sh`)));
    child.once('exit', (code) => resolve(code ?? -1));
  });
  t.after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return { exited, messages: () => readFileSync(messages, 'utf8'), checks: () => readFileSync(join(dir, 'checks.log'), 'utf8'), output: () => output };
}

/** Waits until a UDP socket is bound to the port (read from /proc: a probe datagram would be a call). */
async function waitForListener(port: number, output: () => string = () => '', table = '/proc/net/udp'): Promise<void> {
  const suffix = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const deadline = Date.now() + 10_000;
  while (!readFileSync(table, 'utf8').split('\n').some((line) => line.trim().split(/\s+/)[1]?.endsWith(suffix))) {
    if (Date.now() > deadline) throw new Error(`sipp did not listen on ${port}:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A phone that never answers, in a child process: its port, then when each datagram came. */
function silentPhone(t: { after(fn: () => void): void }) {
  const code = `
    const s = require('node:dgram').createSocket('udp4');
    const seen = [];
    s.on('message', (m) => seen.push({ at: performance.now(), text: m.toString() }));
    s.bind(0, '127.0.0.1', () => console.log(s.address().port));
    process.stdin.on('end', () => { console.log(JSON.stringify(seen)); process.exit(0); });
    process.stdin.resume();`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['pipe', 'pipe', 'inherit'] });
  t.after(() => child.kill('SIGKILL'));
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const port = new Promise<number>((resolve) => {
    const check = () => (out.includes('\n') ? resolve(Number(out.split('\n')[0])) : setTimeout(check, 10));
    check();
  });
  const arrivals = async (): Promise<Array<{ at: number; text: string }>> => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdin.end();
    await exited;
    return JSON.parse(out.split('\n')[1]!);
  };
  return { port, arrivals };
}

test('sipp as the phone receives the family NOTIFY (Event: check-sync;reboot=false) and answers 200: the operation succeeds', async (t) => {
  const port = await freeUdpPort();
  const plugin = familyPlugin(t, 'acme-sync', 'check-sync;reboot=false');
  const p = await startTestProvd(t, { ...TIMERS, 'sync.sip.port': port }, { plugins: [plugin] });
  const id = await configuredDevice(p, 'acme-sync', { mac: '00:11:22:33:44:55', ip: '127.0.0.1' });
  const phone = sippPhone(t, port, '^ *check-sync;reboot=false$');
  await waitForListener(port, phone.output);

  const started = await p.call('POST', '/0.2/dev_mgr/synchronize', { id });
  assert.equal(started.status, 201, started.text);
  const location = started.headers.get('location')!;
  assert.match(location, /^\/0\.2\/dev_mgr\/synchronize\/\d+$/);
  const outcome = await operationOutcome(p, location);
  assert.equal(outcome.status, 'sync|success', JSON.stringify(outcome));
  assert.equal(await phone.exited, 0, `sipp saw a bad NOTIFY:\n${phone.output()}`);

  assert.match(phone.checks(), /checked Event: check-sync;reboot=false branch z9hG4bK[0-9a-f]+ CSeq: 1 NOTIFY/);
  const trace = phone.messages();
  const notify = /UDP message received[^\n]*\n\r?\n([\s\S]*?)\r?\n\r?\n/.exec(trace)?.[1] ?? '';
  const lines = notify.split(/\r?\n/);
  // the phone is reached at 127.0.0.1:<sync.sip.port>; the Request-URI is the one the plugin chose
  assert.equal(lines[0], 'NOTIFY sip:anonymous@127.0.0.1 SIP/2.0');
  for (const header of ['Via: SIP/2.0/UDP 127.0.0.1:', 'Max-Forwards: 70', 'From: <sip:provd@127.0.0.1>;tag=', 'To: <sip:anonymous@127.0.0.1>', 'Call-ID: ', 'CSeq: 1 NOTIFY', 'Contact: <sip:provd@127.0.0.1:', 'Event: check-sync;reboot=false', 'Subscription-State: terminated', 'Content-Length: 0']) {
    assert.ok(lines.some((l) => l.startsWith(header)), `NOTIFY lacks "${header}":\n${notify}`);
  }
  assert.match(notify, /;branch=z9hG4bK[0-9a-f]+/);

  assert.equal((await p.call('DELETE', location)).status, 204);
  assert.equal((await p.call('GET', location)).status, 404);
});

test('a device whose config says sip_transport: tcp gets the NOTIFY over TCP (sipp -t t1), sent once', async (t) => {
  const port = await freeUdpPort();
  const plugin = familyPlugin(t, 'acme-sync', 'check-sync');
  const p = await startTestProvd(t, { ...TIMERS, 'sync.sip.port': port }, { plugins: [plugin] });
  const id = await configuredDevice(p, 'acme-sync', { mac: '00:11:22:33:44:99', ip: '127.0.0.1' }, { sip_transport: 'tcp' });
  const phone = sippPhone(t, port, '^ *check-sync$', 't1');
  await waitForListener(port, phone.output, '/proc/net/tcp');

  const started = await p.call('POST', '/0.2/dev_mgr/synchronize', { id });
  assert.equal(started.status, 201, started.text);
  const outcome = await operationOutcome(p, started.headers.get('location')!);
  assert.equal(outcome.status, 'sync|success', JSON.stringify(outcome));
  assert.equal(await phone.exited, 0, `sipp saw a bad NOTIFY:\n${phone.output()}`);
  const trace = phone.messages();
  assert.match(trace, /TCP message received/);
  assert.match(trace, /Via: SIP\/2\.0\/TCP 127\.0\.0\.1:\d+;branch=z9hG4bK/);
  assert.equal(trace.match(/message received/g)?.length, 1, 'no retransmission over TCP');

});

/** A self-signed certificate made by openssl for 127.0.0.1 (the phone's), in a temp folder. */
function selfSigned(t: { after(fn: () => void): void }, name: string): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'provd-sync-tls-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.pem`);
  const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${name}`, '-addext', 'subjectAltName=IP:127.0.0.1'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl failed (run bash scripts/setup-test-deps.sh): ${r.error?.message ?? r.stderr}`);
  return { key, cert };
}

/** A phone listening for SIP over TLS on loopback: answers 200 to each NOTIFY and keeps what it got. */
async function tlsPhone(t: { after(fn: () => void): void }, identity: { key: string; cert: string }) {
  const received: string[] = [];
  const server = createTlsServer({ key: readFileSync(identity.key), cert: readFileSync(identity.cert) }, (socket) => {
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (!text.includes('\r\n\r\n')) return;
      received.push(text);
      const via = /^Via:.*$/im.exec(text)![0];
      const copy = (h: string) => new RegExp(`^${h}:.*$`, 'im').exec(text)![0];
      socket.end(['SIP/2.0 200 OK', via, copy('From'), `${copy('To')};tag=phone`, copy('Call-ID'), copy('CSeq'), 'Content-Length: 0', '', ''].join('\r\n'));
    });
    socket.on('error', () => undefined);
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  return { port: (server.address() as AddressInfo).port, received };
}

test('sip_transport: tls: the NOTIFY goes over TLS (Via TLS); with sync.sip.tls_ca_file the phone must prove it', async (t) => {
  const phoneIdentity = selfSigned(t, 'phone');
  const otherCa = selfSigned(t, 'another-ca');
  const phone = await tlsPhone(t, phoneIdentity);
  const plugin = familyPlugin(t, 'acme-sync', 'check-sync');

  const p = await startTestProvd(t, { ...TIMERS, 'sync.sip.tls_port': phone.port }, { plugins: [plugin] });
  const id = await configuredDevice(p, 'acme-sync', { mac: '00:11:22:33:44:9b', ip: '127.0.0.1' }, { sip_transport: 'tls' });
  const ok = await operationOutcome(p, (await p.call('POST', '/0.2/dev_mgr/synchronize', { id })).headers.get('location')!);
  assert.equal(ok.status, 'sync|success', JSON.stringify(ok));
  assert.equal(phone.received.length, 1);
  const notify = phone.received[0]!;
  assert.match(notify, /^NOTIFY sips?:[^@ ]+@127\.0\.0\.1[^ ]* SIP\/2\.0\r\n/);
  assert.match(notify, /^Via: SIP\/2\.0\/TLS 127\.0\.0\.1:\d+;branch=z9hG4bK/m);
  assert.match(notify, /^Event: check-sync\r$/m);

  const trusting = await startTestProvd(t, { ...TIMERS, 'sync.sip.tls_port': phone.port, 'sync.sip.tls_ca_file': phoneIdentity.cert }, { plugins: [plugin] });
  const trusted = await configuredDevice(trusting, 'acme-sync', { mac: '00:11:22:33:44:9c', ip: '127.0.0.1' }, { sip_transport: 'tls' });
  const good = await operationOutcome(trusting, (await trusting.call('POST', '/0.2/dev_mgr/synchronize', { id: trusted })).headers.get('location')!);
  assert.equal(good.status, 'sync|success', JSON.stringify(good));

  const strict = await startTestProvd(t, { ...TIMERS, 'sync.sip.tls_port': phone.port, 'sync.sip.tls_ca_file': otherCa.cert }, { plugins: [plugin] });
  const untrusted = await configuredDevice(strict, 'acme-sync', { mac: '00:11:22:33:44:9d', ip: '127.0.0.1' }, { sip_transport: 'tls' });
  const bad = await operationOutcome(strict, (await strict.call('POST', '/0.2/dev_mgr/synchronize', { id: untrusted })).headers.get('location')!);
  assert.equal(bad.status, 'sync|fail');
  assert.equal(bad.error?.code, 'DT_ERR_SYNC_FAILED');
  assert.match(bad.error!.message, /^cannot send a SIP NOTIFY to 127\.0\.0\.1:\d+ \(TLS\): .*certificate/i);
  assert.equal(phone.received.length, 2, 'nothing reached the phone whose certificate was not trusted');
});

test('a phone that never answers: retransmitted at T1, 2T1, 4T1… then the operation fails after timer F with the reason', async (t) => {
  // the phone is its own process, so provd's event loop cannot skew when datagrams are seen
  const silent = silentPhone(t);
  const silentPort = await silent.port;
  const plugin = familyPlugin(t, 'acme-sync', 'check-sync');
  const p = await startTestProvd(t, TIMERS, { plugins: [plugin] });
  // the device's own X_sip_port wins over sync.sip.port
  const id = await configuredDevice(p, 'acme-sync', { mac: '00:11:22:33:44:66', ip: '127.0.0.1', X_sip_port: silentPort });

  const begin = performance.now();
  const started = await p.call('POST', '/0.2/dev_mgr/synchronize', { id });
  assert.equal(started.status, 201);
  const outcome = await operationOutcome(p, started.headers.get('location')!);
  const took = performance.now() - begin;
  assert.equal(outcome.status, 'sync|fail');
  assert.equal(outcome.error?.code, 'DT_ERR_SYNC_FAILED');
  assert.match(outcome.error?.message ?? '', new RegExp(`no answer from 127\\.0\\.0\\.1:${silentPort} to the SIP NOTIFY \\(Event: check-sync\\) after 1500 ms and \\d+ retransmissions`));
  const arrivals = await silent.arrivals();
  assert.ok(took >= 1500, `gave up after ${took} ms, before timer F`);

  // sent at 0, 50, 150, 350, 750, 1150 ms when timers are on time; never earlier than that
  assert.ok(arrivals.length >= 4 && arrivals.length <= 6, `${arrivals.length} NOTIFYs`);
  assert.ok(arrivals.every((a) => a.text === arrivals[0]!.text), 'retransmissions are the same request');
  const since = arrivals.map((a) => a.at - arrivals[0]!.at);
  assert.ok(since[1]! >= 48, `first retransmission ${since[1]} ms after the request (T1 = 50)`);
  assert.ok(since[2]! >= 145, `second ${since[2]} ms after (T1 + 2 T1 = 150)`);
  assert.ok(since[3]! >= 340, `third ${since[3]} ms after (T1 + 2 T1 + 4 T1 = 350)`);
});

test('synchronize: unknown device 404 at once; unconfigured device, or a device without an address, fails with the reason', async (t) => {
  const plugin = familyPlugin(t, 'acme-sync', 'check-sync');
  const p = await startTestProvd(t, TIMERS, { plugins: [plugin] });
  const unknown = await p.call('POST', '/0.2/dev_mgr/synchronize', { id: 'nope' });
  assert.equal(unknown.status, 404);
  const bad = await p.call('POST', '/0.2/dev_mgr/synchronize', { nope: 1 });
  assert.equal(bad.status, 400);

  const bare = await p.call('POST', '/0.2/dev_mgr/devices', { device: { mac: '00:11:22:33:44:77' } });
  const first = await p.call('POST', '/0.2/dev_mgr/synchronize', { id: bare.body.id });
  assert.equal(first.status, 201);
  const notConfigured = await operationOutcome(p, first.headers.get('location')!);
  assert.equal(notConfigured.status, 'sync|fail');
  assert.deepEqual(notConfigured.error, { code: 'DT_ERR_SYNC_UNSUPPORTED', message: `device ${bare.body.id} is not configured` });

  const noIp = await configuredDevice(p, 'acme-sync', { mac: '00:11:22:33:44:88' });
  const second = await p.call('POST', '/0.2/dev_mgr/synchronize', { id: noIp });
  const outcome = await operationOutcome(p, second.headers.get('location')!);
  assert.equal(outcome.status, 'sync|fail');
  assert.match(outcome.error?.message ?? '', /has neither a SIP username nor an IP address|no IP address/);
});
