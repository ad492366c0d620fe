import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import pino from 'pino';
import { ProvdClient } from '@dialtone/provd-client';
import { tftpGet } from '@dialtone/tftp/testing';
import { startEphemeralProvd } from '../src/testing/index.js';
import { FIXTURE_PLUGINS } from './support/provd.js';

/** provd with its log lines kept (the security log is a child of it). */
async function provdWithLog(t: { after(fn: () => Promise<void>): void }, settings: Record<string, unknown>) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const running = await startEphemeralProvd({ settings, plugins: [join(FIXTURE_PLUGINS, 'test-plugin')], logger: pino({ level: 'info' }, sink) });
  t.after(() => running.close());
  const client = new ProvdClient({ url: running.rest, token: running.adminToken });
  const devices = async () => (await client.raw('GET', '/0.2/dev_mgr/devices')).body.devices as { mac?: string; ip?: string }[];
  const security = () => lines.filter((l) => l.component === 'security');
  return { ...running, devices, security };
}

const mac = (n: number) => `00ee0000${n.toString(16).padStart(4, '0')}`;

async function ask(http: string, path: string, from: string): Promise<number> {
  const res = await fetch(`${http}${path}`, { headers: { 'x-forwarded-for': from } });
  await res.arrayBuffer();
  return res.status;
}

test('requests no plugin claims never add a device, over HTTP or TFTP', async (t) => {
  const p = await provdWithLog(t, {});
  for (const path of ['/x.cfg', '/other/000000000001.bin', '/index.html']) assert.equal(await ask(p.http, path, '10.1.0.1'), 404);
  await assert.rejects(tftpGet({ host: '127.0.0.1', port: p.tftpPort, filename: 'anything.bin', retransmitMs: 300, retries: 3 }));
  await assert.rejects(tftpGet({ host: '127.0.0.1', port: p.tftpPort, filename: 'pxelinux.0', retransmitMs: 300, retries: 3 }));
  assert.deepEqual(await p.devices(), []);
  // a request a plugin claims still adds its phone
  await ask(p.http, `/test/${mac(1)}.cfg`, '10.1.0.2');
  assert.equal((await p.devices()).length, 1);
});

test('devices are added at most at the per-source and global rates, refusals on the security log', async (t) => {
  const p = await provdWithLog(t, {
    'http.trusted_proxies_count': 1,
    'general.auto_create.per_source_burst': 3,
    'general.auto_create.per_source_per_second': 1,
    'general.auto_create.burst': 8,
    'general.auto_create.per_second': 1,
  });
  const started = performance.now();
  const elapsed = () => Math.ceil((performance.now() - started) / 1000);

  // one phone's simultaneous first requests add one device and cost one token
  await Promise.all(Array.from({ length: 10 }, () => ask(p.http, `/test/${mac(1)}.cfg`, '10.2.0.1')));
  assert.equal((await p.devices()).length, 1);
  assert.equal(await ask(p.http, `/test/${mac(2)}.cfg`, '10.2.0.1'), 404, 'a second phone from that source is still added');
  assert.equal((await p.devices()).length, 2);

  // one source guessing MACs: its burst, then its rate
  for (let n = 10; n < 20; n++) await ask(p.http, `/test/${mac(n)}.cfg`, '10.2.0.2');
  // (each new device takes the address from the previous one: count them by MAC)
  const fromSecond = (await p.devices()).length - 2;
  assert.ok(fromSecond >= 3 && fromSecond <= 3 + elapsed(), `${fromSecond} devices added for 10 guesses`);

  // many sources: the global bucket runs out
  for (let s = 3; s < 12; s++) for (let n = 0; n < 3; n++) await ask(p.http, `/test/${mac(s * 100 + n)}.cfg`, `10.2.0.${s}`);
  const total = (await p.devices()).length;
  assert.ok(total >= 8 && total <= 8 + elapsed(), `${total} devices added in all (global burst 8)`);

  const refused = p.security().filter((l) => /Device creation refused/.test(String(l.msg)));
  assert.ok(refused.some((l) => l.limit === 'source' && l.ip === '10.2.0.2'), 'the per-source refusal is logged');
  assert.ok(refused.some((l) => l.limit === 'global'), 'the global refusal is logged');
});
