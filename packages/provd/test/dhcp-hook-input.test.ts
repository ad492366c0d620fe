/**
 * The lease-hook side without a DHCP server: hostile dhcpinfo payloads get a clear 400 and
 * store nothing; the hook token can do nothing else; the deploy/dhcp hook returns at once and
 * keeps at most MAX_PENDING reports in flight when provd does not answer.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { dhcpinfoToken } from './dhcp-support/hooks.js';
import { startTestProvd } from './support/provd.js';

const DIGIUM = fileURLToPath(new URL('../../../plugins/digium', import.meta.url));
const POST_HOOK = fileURLToPath(new URL('../../../deploy/dhcp/dialtone-dhcp-post', import.meta.url));
const VCI = Buffer.from('digium_D70_1_4_0_0_57389').toString('hex').match(/../g)!.join('.');

/** The hook installed in a temp folder with its settings beside it. */
function installedHook(t: { after(fn: () => void): void }, url: string, token: string, extra: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'provd-dhcp-hook-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  copyFileSync(POST_HOOK, join(dir, 'dialtone-dhcp-post'));
  chmodSync(join(dir, 'dialtone-dhcp-post'), 0o755);
  writeFileSync(join(dir, 'token'), token, { mode: 0o600 });
  const spool = join(dir, 'spool');
  writeFileSync(join(dir, 'dhcp-hook.conf'), [`PROVD_URL=${url}`, `PROVD_TOKEN_FILE=${join(dir, 'token')}`, `SPOOL_DIR=${spool}`, ...extra, ''].join('\n'));
  return {
    run: (...args: string[]) => execFileSync(join(dir, 'dialtone-dhcp-post'), args, { encoding: 'utf8', timeout: 5000 }),
    /** Reports still in flight (one slot folder each). */
    pending: () => (existsSync(spool) ? readdirSync(spool).length : 0),
  };
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`still not ${what} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

test('dhcpinfo: malformed option, bad MAC, bad IP → 400 naming the field, and nothing stored', async (t) => {
  const p = await startTestProvd(t, {}, { plugins: [DIGIUM] });
  const post = (info: Record<string, unknown>) => p.call('POST', '/0.2/dev_mgr/dhcpinfo', { dhcp_info: info });
  const good = { op: 'commit', ip: '192.0.2.40', mac: '00:0f:d3:0b:00:01', options: [`060${VCI}`] };
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ ...good, options: ['06zz.41'] }, /invalid DHCP option "06zz\.41"/],
    [{ ...good, options: ['99941'] }, /code 999 is over 255/],
    [{ ...good, options: [`060${VCI}`, 60] }, /invalid DHCP option "60"/],
    [{ ...good, options: '060.41' }, /invalid DHCP option "060\.41"/],
    [{ ...good, mac: '00:0f:d3:0b:00' }, /dhcp_info\.mac: invalid MAC address/],
    [{ ...good, mac: 'zz:0f:d3:0b:00:01' }, /dhcp_info\.mac: invalid MAC address/],
    [{ ...good, ip: '300.1.2.3' }, /dhcp_info\.ip: invalid IP address/],
    [{ ...good, ip: '192.0.2.40; rm -rf /' }, /dhcp_info\.ip: invalid IP address/],
    [{ op: 'release', ip: '192.0.2.40', mac: 'not-a-mac' }, /dhcp_info\.mac: invalid MAC address/],
    [{ op: 'expiry', ip: 'nope', mac: '00:0f:d3:0b:00:01' }, /dhcp_info\.ip: invalid IP address/],
    [{ ...good, op: 'renew' }, /op/],
  ];
  for (const [info, message] of cases) {
    const answer = await post(info);
    assert.equal(answer.status, 400, `${JSON.stringify(info)} → ${answer.status} ${answer.text}`);
    assert.match(answer.text, message);
  }
  await p.provd.idle();
  assert.deepEqual((await p.call('GET', '/0.2/dev_mgr/devices')).body.devices, [], 'nothing stored');
  assert.equal((await post(good)).status, 204, 'the same payload, well-formed, is taken');
});

test('release and expiry take the address off only the device that still holds it', async (t) => {
  const p = await startTestProvd(t, {}, { plugins: [DIGIUM] });
  const post = (info: Record<string, unknown>) => p.call('POST', '/0.2/dev_mgr/dhcpinfo', { dhcp_info: info });
  const mac = '00:0f:d3:0b:00:05';
  assert.equal((await post({ op: 'commit', ip: '192.0.2.44', mac, options: [`060${VCI}`] })).status, 204);
  await p.provd.idle();
  const ipOf = async () => ((await p.call('GET', `/0.2/dev_mgr/devices?q=${encodeURIComponent(JSON.stringify({ mac }))}`)).body.devices as Array<{ ip?: string }>).map((d) => d.ip);
  assert.deepEqual(await ipOf(), ['192.0.2.44']);
  // an old lease of this phone ending (it moved to .44 since): nothing changes
  assert.equal((await post({ op: 'expiry', ip: '192.0.2.45', mac })).status, 204);
  // another phone's lease of the same address ending: nothing changes either
  assert.equal((await post({ op: 'release', ip: '192.0.2.44', mac: '00:0f:d3:0b:00:06' })).status, 204);
  await p.provd.idle();
  assert.deepEqual(await ipOf(), ['192.0.2.44']);
  assert.equal((await post({ op: 'release', ip: '192.0.2.44', mac })).status, 204);
  await p.provd.idle();
  assert.deepEqual(await ipOf(), [undefined]);
});

test('the hook token (provd tokens create --acl provd.dev_mgr.dhcpinfo.create) may post leases and nothing else', async (t) => {
  const p = await startTestProvd(t, {}, { plugins: [DIGIUM] });
  const token = dhcpinfoToken(p.dataDir);
  const as = { 'x-auth-token': token };
  const commit = await p.call('POST', '/0.2/dev_mgr/dhcpinfo', { dhcp_info: { op: 'commit', ip: '192.0.2.41', mac: '00:0f:d3:0b:00:02', options: [`060${VCI}`] } }, as);
  assert.equal(commit.status, 204);
  assert.equal((await p.call('GET', '/0.2/dev_mgr/devices', undefined, as)).status, 403);
  assert.equal((await p.call('POST', '/0.2/dev_mgr/synchronize', { id: 'x' }, as)).status, 403);
  assert.equal((await p.call('GET', '/0.2/dhcp_mgr/config/isc', undefined, as)).status, 403);
});

test('the hook: a bad MAC reaches provd, which refuses it; nothing stored', async (t) => {
  const p = await startTestProvd(t, {}, { plugins: [DIGIUM] });
  const hook = installedHook(t, p.rest, dhcpinfoToken(p.dataDir));
  hook.run('commit', '192.0.2.42', '0:f:d3:b:0', VCI);
  hook.run('commit', '192.0.2.43', '0:f:d3:b:0:3', VCI);
  await until('done reporting', () => hook.pending() === 0);
  await p.provd.idle();
  const devices = (await p.call('GET', '/0.2/dev_mgr/devices')).body.devices as Array<{ mac: string; ip: string }>;
  // ISC dhcpd writes 0:f:d3:b:0:3; the hook pads it; the five-byte MAC is refused
  assert.deepEqual(devices.map((d) => [d.mac, d.ip]), [['00:0f:d3:0b:00:03', '192.0.2.43']]);
});

test('the hook never waits for provd: it returns at once, and past MAX_PENDING reports in flight it drops the event', async (t) => {
  // accepts connections and never answers
  const sockets = new Set<Socket>();
  const stuck = createServer((s) => sockets.add(s));
  await new Promise<void>((resolve) => stuck.listen(0, '127.0.0.1', resolve));
  t.after(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => stuck.close(r));
  });
  const { port } = stuck.address() as { port: number };
  const hook = installedHook(t, `http://127.0.0.1:${port}`, 'dt_token', ['TIMEOUT=2', 'MAX_PENDING=2']);
  const begin = performance.now();
  for (let i = 0; i < 5; i++) hook.run('commit', `192.0.2.${50 + i}`, '00:0f:d3:0b:00:09', VCI);
  assert.ok(performance.now() - begin < 2500, `five hook runs took ${Math.round(performance.now() - begin)} ms`);
  await until('two requests at provd', () => sockets.size === 2);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(sockets.size, 2, 'at most MAX_PENDING in flight');
  assert.equal(hook.pending(), 2);
  // after TIMEOUT, curl gives up and the slots are free again
  await until('slots freed after TIMEOUT', () => hook.pending() === 0, 8000);
  hook.run('commit', '192.0.2.60', '00:0f:d3:0b:00:09', VCI);
  await until('a new request once a slot is free', () => sockets.size === 3);
});
