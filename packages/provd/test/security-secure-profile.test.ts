import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tftpGet } from '@dialtone/tftp/testing';
import { startTestProvd, type TestProvd } from './support/provd.js';

const hex = (s: string) => Buffer.from(s).toString('hex').match(/../g)!.join('.');
const MAC = '00:11:22:33:44:01';
const FILE = '/test/001122334401.cfg';

async function fetchFrom(p: TestProvd, from: string): Promise<number> {
  const res = await fetch(`${p.http}${FILE}`, { headers: { 'x-forwarded-for': from } });
  await res.arrayBuffer();
  return res.status;
}

async function dhcpCommit(p: TestProvd, ip: string): Promise<void> {
  const res = await p.call('POST', '/0.2/dev_mgr/dhcpinfo', { dhcp_info: { op: 'commit', ip, mac: MAC, options: [`060${hex('testphone_T1')}`] } });
  assert.equal(res.status, 204);
  await p.provd.idle();
  for (let i = 0; i < 200; i++) {
    const { devices } = (await p.call('GET', `/0.2/dev_mgr/devices?q=${encodeURIComponent(JSON.stringify({ mac: MAC }))}`)).body;
    if (devices[0]?.ip === ip) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail(`the DHCP information did not reach the device (${ip})`);
}

async function configuredDevice(p: TestProvd): Promise<void> {
  const cfg = await p.call('POST', '/0.2/cfg_mgr/configs', { config: { parent_ids: [], raw_config: { sip_lines: { 1: { username: 'alice', password: 'secret' } } } } });
  assert.equal((await p.call('POST', '/0.2/dev_mgr/devices', { device: { mac: MAC, plugin: 'test-plugin', config: cfg.body.id } })).status, 201);
}

const tftp = (p: TestProvd) =>
  tftpGet({ host: '127.0.0.1', port: p.tftpPort, filename: FILE.slice(1), retransmitMs: 300, retries: 3 }).then(
    () => 'served',
    (err: Error) => err.message,
  );

test('secure profile: a device\'s files go only to the address DHCP reported for it', async (t) => {
  const p = await startTestProvd(t, { 'general.identification_profile': 'secure', 'http.trusted_proxies_count': 1 }, { plugins: ['test-plugin'] });
  await configuredDevice(p);
  assert.equal(await fetchFrom(p, '10.3.0.5'), 404, 'no address known yet: not served');
  assert.match(await tftp(p), /not found|no such file/i);

  await dhcpCommit(p, '10.3.0.5');
  assert.equal(await fetchFrom(p, '10.3.0.5'), 200, 'the leased address is served');
  for (const other of ['10.3.0.6', '10.3.0.50', '192.168.1.5']) assert.equal(await fetchFrom(p, other), 404, other);
  assert.equal(await fetchFrom(p, '10.3.0.5'), 200, 'still served (cached path)');
  assert.equal(await fetchFrom(p, '10.3.0.7'), 404, 'still refused (cached path)');
  assert.match(await tftp(p), /not found|no such file/i, 'TFTP from another address is refused too');

  // a new lease moves it
  await dhcpCommit(p, '127.0.0.1');
  assert.equal(await tftp(p), 'served');
  assert.equal(await fetchFrom(p, '10.3.0.5'), 404, 'the old address is no longer served');
  const device = (await p.call('GET', `/0.2/dev_mgr/devices?q=${encodeURIComponent(JSON.stringify({ mac: MAC }))}`)).body.devices[0];
  assert.equal(device.ip, '127.0.0.1');
});

test('secure profile with secure_bind_address off: served to any address naming the device', async (t) => {
  const p = await startTestProvd(t, { 'general.identification_profile': 'secure', 'general.secure_bind_address': false, 'http.trusted_proxies_count': 1 }, { plugins: ['test-plugin'] });
  await configuredDevice(p);
  assert.equal(await fetchFrom(p, '10.3.0.9'), 200);
});
