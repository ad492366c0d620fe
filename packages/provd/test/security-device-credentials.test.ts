import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { tftpGet } from '@dialtone/tftp/testing';
import { FIXTURE_PLUGINS, startTestProvd, type TestProvd } from './support/provd.js';

/** The test plugin, declaring that its phones take provisioning credentials. */
function pluginWithCredentials(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'provd-creds-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const plugin = join(dir, 'test-plugin');
  cpSync(join(FIXTURE_PLUGINS, 'test-plugin'), plugin, { recursive: true });
  const info = JSON.parse(readFileSync(join(plugin, 'plugin-info'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(plugin, 'plugin-info'), JSON.stringify({ ...info, provisioning_credentials: true }));
  return plugin;
}

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function get(p: TestProvd, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${p.http}${path}`, { headers });
  return { status: res.status, text: await res.text(), challenge: res.headers.get('www-authenticate') };
}

async function device(p: TestProvd, mac: string, extra: Record<string, unknown> = {}): Promise<string> {
  const cfg = await p.call('POST', '/0.2/cfg_mgr/configs', { config: { parent_ids: [], raw_config: { sip_lines: { 1: { username: `u${mac.slice(-2)}`, password: 'sip-secret' } } } } });
  const res = await p.call('POST', '/0.2/dev_mgr/devices', { device: { mac, plugin: 'test-plugin', config: cfg.body.id, ...extra } });
  assert.equal(res.status, 201, res.text);
  return res.body.id as string;
}

function credentialsIn(text: string): { user: string; password: string } {
  const m = /^auth=(\S+):(\S+)$/m.exec(text);
  assert.ok(m, `the configuration carries the credentials:\n${text}`);
  return { user: m[1], password: m[2] };
}

test('per-device credentials: given in the first configuration, required once the phone has used them', async (t) => {
  const p = await startTestProvd(t, { 'http.device_credentials': true }, { plugins: [pluginWithCredentials(t)] });
  const id = await device(p, '00:11:22:33:55:01');
  const other = await device(p, '00:11:22:33:55:02');
  const first = await get(p, '/test/001122335501.cfg');
  assert.equal(first.status, 200, 'a new phone gets its configuration without credentials');
  const creds = credentialsIn(first.text);
  const otherCreds = credentialsIn((await get(p, '/test/001122335502.cfg')).text);
  assert.notDeepEqual(creds, otherCreds, 'each device has its own');
  assert.equal((await get(p, '/test/001122335501.cfg')).status, 200, 'until the phone uses them, it is served without');

  const wrong = await get(p, '/test/001122335501.cfg', { authorization: basic(creds.user, 'guess') });
  assert.equal(wrong.status, 401);
  assert.match(wrong.challenge ?? '', /Digest realm="provd".*Basic realm="provd"/);
  assert.equal((await get(p, '/test/001122335501.cfg', { authorization: basic(otherCreds.user, otherCreds.password) })).status, 401, 'another device\'s credentials');

  const authed = await get(p, '/test/001122335501.cfg', { authorization: basic(creds.user, creds.password) });
  assert.equal(authed.status, 200);
  assert.equal(authed.text, first.text);
  for (let i = 0; i < 100 && !(await p.call('GET', `/0.2/dev_mgr/devices/${id}`)).body.device.provisioning_enrolled; i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal((await p.call('GET', `/0.2/dev_mgr/devices/${id}`)).body.device.provisioning_enrolled, true);

  const anonymous = await get(p, '/test/001122335501.cfg');
  assert.equal(anonymous.status, 401, 'now the files need the credentials');
  assert.match(anonymous.challenge ?? '', /Basic/);
  assert.doesNotMatch(anonymous.text, /sip-secret|auth=/);
  // a real Digest client (curl answers the 401's Digest challenge: the device is enrolled now)
  const { stdout: digest } = await promisify(execFile)('curl', ['-sS', '--digest', '-u', `${creds.user}:${creds.password}`, `${p.http}/test/001122335501.cfg`]);
  assert.equal(digest, first.text, 'Digest works too');
  const { stdout: wrongDigest } = await promisify(execFile)('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code}', '--digest', '-u', `${creds.user}:nope`, `${p.http}/test/001122335501.cfg`]);
  assert.equal(wrongDigest, '401');
  assert.equal((await get(p, '/test/001122335501.cfg', { authorization: basic(creds.user, creds.password) })).status, 200);
  await assert.rejects(tftpGet({ host: '127.0.0.1', port: p.tftpPort, filename: 'test/001122335501.cfg', retransmitMs: 300, retries: 3 }), /credentials|access/i);
  assert.equal((await get(p, '/test/001122335502.cfg')).status, 200, 'the other phone, which never used its credentials, is unaffected');

  // a REST update (full replace) neither sets nor clears it
  const doc = (await p.call('GET', `/0.2/dev_mgr/devices/${id}`)).body.device;
  const { id: _i, configured: _c, is_new: _n, provisioning_enrolled: _e, ...body } = doc;
  assert.equal((await p.call('PUT', `/0.2/dev_mgr/devices/${id}`, { device: { ...body, X_note: 'x' } })).status, 204);
  assert.equal((await get(p, '/test/001122335501.cfg')).status, 401);
  assert.equal((await p.call('PUT', `/0.2/dev_mgr/devices/${other}`, { device: { mac: '00:11:22:33:55:02', plugin: 'test-plugin', provisioning_enrolled: true } })).status, 204);
  assert.notEqual((await p.call('GET', `/0.2/dev_mgr/devices/${other}`)).body.device.provisioning_enrolled, true, 'a client cannot set it');
});

test('secure profile: a request with the device\'s credentials is served from any address', async (t) => {
  const p = await startTestProvd(t, { 'http.device_credentials': true, 'general.identification_profile': 'secure', 'http.trusted_proxies_count': 1 }, { plugins: [pluginWithCredentials(t)] });
  await device(p, '00:11:22:33:55:03', { ip: '10.4.0.1' });
  const home = await get(p, '/test/001122335503.cfg', { 'x-forwarded-for': '10.4.0.1' });
  assert.equal(home.status, 200);
  const creds = credentialsIn(home.text);
  assert.equal((await get(p, '/test/001122335503.cfg', { 'x-forwarded-for': '10.4.0.2' })).status, 404, 'elsewhere, without credentials: not served');
  assert.equal((await get(p, '/test/001122335503.cfg', { 'x-forwarded-for': '10.4.0.2', authorization: basic(creds.user, creds.password) })).status, 200);
});

test('the Yealink family declares credentials and writes them into the phone\'s configuration', async (t) => {
  const yealink = new URL('../../../plugins/yealink', import.meta.url).pathname;
  const p = await startTestProvd(t, { 'http.device_credentials': true }, { plugins: [yealink] });
  const cfg = await p.call('POST', '/0.2/cfg_mgr/configs', { config: { parent_ids: [], raw_config: { sip_lines: { 1: { username: '1001', password: 'pw', proxy_ip: '10.0.0.1' } } } } });
  const created = await p.call('POST', '/0.2/dev_mgr/devices', { device: { mac: '80:5e:c0:00:00:01', vendor: 'Yealink', model: 'T54W', plugin: 'yealink', config: cfg.body.id } });
  assert.equal(created.status, 201, created.text);
  const device = (await p.call('GET', `/0.2/dev_mgr/devices/${created.body.id}`)).body.device;
  assert.equal(device.configured, true, device.configure_error);
  const file = await get(p, '/805ec0000001.cfg', { 'user-agent': 'Yealink SIP-T54W 96.86.0.45 80:5e:c0:00:00:01' });
  assert.equal(file.status, 200);
  const user = /^static\.auto_provision\.server\.username = (dt\S+)$/m.exec(file.text)?.[1];
  const password = /^static\.auto_provision\.server\.password = (\S+)$/m.exec(file.text)?.[1];
  assert.ok(user && password, file.text);
  const authed = await get(p, '/805ec0000001.cfg', { 'user-agent': 'Yealink SIP-T54W 96.86.0.45 80:5e:c0:00:00:01', authorization: basic(user, password) });
  assert.equal(authed.status, 200);
});

for (const family of [
  {
    plugin: 'polycom',
    device: { mac: '00:04:f2:00:01:10', vendor: 'Polycom', model: 'VVX411' },
    file: '/0004f2000110-user.cfg',
    ua: 'FileTransport PolycomVVX-VVX_411-UA/6.4.6.2022 (SN:0004f2000110) Type/Application',
    user: /device\.prov\.user="(dt[^"]+)"/,
    password: /device\.prov\.password="([^"]+)"/,
  },
  {
    plugin: 'cisco-spa',
    device: { mac: 'c4:72:95:00:01:05', vendor: 'Cisco', model: 'SPA508G' },
    file: '/c47295000105.xml',
    ua: 'Cisco/SPA508G-7.6.2 (C47295000105)(CBT151405AB)',
    user: /<Profile_Rule>\[--uid (dt\S+) --pwd /,
    password: /<Profile_Rule>\[--uid \S+ --pwd (\S+)\]/,
  },
]) {
  test(`the ${family.plugin} family declares credentials and writes them where the phone reads them`, async (t) => {
    const source = new URL(`../../../plugins/${family.plugin}`, import.meta.url).pathname;
    const p = await startTestProvd(t, { 'http.device_credentials': true }, { plugins: [source] });
    const cfg = await p.call('POST', '/0.2/cfg_mgr/configs', { config: { parent_ids: [], raw_config: { sip_lines: { 1: { username: '1001', password: 'pw', proxy_ip: '10.0.0.1' } } } } });
    const created = await p.call('POST', '/0.2/dev_mgr/devices', { device: { ...family.device, plugin: family.plugin, config: cfg.body.id } });
    assert.equal(created.status, 201, created.text);
    const device = (await p.call('GET', `/0.2/dev_mgr/devices/${created.body.id}`)).body.device;
    assert.equal(device.configured, true, device.configure_error);
    const file = await get(p, family.file, { 'user-agent': family.ua });
    assert.equal(file.status, 200);
    const user = family.user.exec(file.text)?.[1];
    const password = family.password.exec(file.text)?.[1];
    assert.ok(user && password, file.text);
    const authed = await get(p, family.file, { 'user-agent': family.ua, authorization: basic(user, password) });
    assert.equal(authed.status, 200, 'the credentials written in the file open it');
    // enrolment is recorded in the background: poll briefly
    let status = 0;
    for (let i = 0; i < 40 && status !== 401; i++) {
      status = (await get(p, family.file, { 'user-agent': family.ua })).status;
      if (status !== 401) await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(status, 401, 'once used, they are required');
  });
}
