import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startTestProvd } from './support/provd.js';

const UA = { 'user-agent': 'TestPhone/T1/1.0' };

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

const twoLines = {
  parent_ids: [],
  raw_config: { sip_lines: { 1: { username: 'alice', display_name: 'Alice' }, 2: { username: 'bob', display_name: 'Bob' } } },
};

test('unknown phone: first request creates one device, config makes its file', async (t) => {
  const p = await startTestProvd(t, {}, { plugins: ['test-plugin'] });
  const first = await get(`${p.http}/test/000fd3054848.cfg`, UA);
  assert.equal(first.status, 404, 'no config yet, so nothing generated');
  const { devices } = (await p.call('GET', '/0.2/dev_mgr/devices')).body;
  assert.equal(devices.length, 1);
  const device = devices[0];
  assert.equal(device.mac, '00:0f:d3:05:48:48');
  assert.equal(device.vendor, 'TestVendor');
  assert.equal(device.model, 'T1');
  assert.equal(device.version, '1.0');
  assert.equal(device.ip, '127.0.0.1');
  assert.equal(device.plugin, 'test-plugin');
  assert.equal(device.added, 'auto');
  assert.equal(device.is_new, true);

  const cfg = await p.call('POST', '/0.2/cfg_mgr/configs', { config: twoLines });
  const { id: _id, configured: _c, is_new: _n, ...body } = device;
  assert.equal((await p.call('PUT', `/0.2/dev_mgr/devices/${device.id}`, { device: { ...body, config: cfg.body.id } })).status, 204);
  const after = (await p.call('GET', `/0.2/dev_mgr/devices/${device.id}`)).body.device;
  assert.equal(after.configured, true, after.configure_error);
  const file = await get(`${p.http}/test/000fd3054848.cfg`);
  assert.equal(file.status, 200);
  assert.match(file.text, /line1=alice Alice/);
  assert.match(file.text, /line2=bob Bob/);
  assert.ok(file.headers.get('etag'));
  assert.equal((await get(`${p.http}/test/000fd3054848.cfg`, { 'if-none-match': file.headers.get('etag')! })).status, 304);
  const after2 = (await p.call('GET', `/0.2/dev_mgr/devices/${device.id}`)).body.device;
  assert.equal(after2.remote_state_sip_username, 'alice', 'trigger file fetched: remote state recorded');
  assert.equal((await p.call('GET', '/0.2/dev_mgr/devices')).body.devices.length, 1);
});

test('50 parallel first requests from one new phone create exactly one device', async (t) => {
  const p = await startTestProvd(t, {}, { plugins: ['test-plugin'] });
  const results = await Promise.all(Array.from({ length: 50 }, () => get(`${p.http}/test/00aabbccddee.cfg`, UA)));
  assert.ok(results.every((r) => r.status === 404));
  const { devices } = (await p.call('GET', '/0.2/dev_mgr/devices')).body;
  assert.equal(devices.length, 1);
  assert.equal(devices[0].mac, '00:aa:bb:cc:dd:ee');
});

test('autocreate config on first contact configures the phone at once', async (t) => {
  const p = await startTestProvd(t, {}, { plugins: ['test-plugin'] });
  await p.call('POST', '/0.2/cfg_mgr/configs', { config: { id: 'autoprov', role: 'autocreate', parent_ids: [], raw_config: { sip_lines: { 1: { username: 'ap12345678' } } } } });
  const first = await get(`${p.http}/test/001122334455.cfg`, UA);
  assert.equal(first.status, 200);
  assert.match(first.text, /line1=ap12345678/);
  const device = (await p.call('GET', '/0.2/dev_mgr/devices')).body.devices[0];
  assert.match(device.config, /^autoprov[0-9a-f]{32}$/);
  assert.equal(device.configured, true);
});

test('static files: HEAD, Range, ETag; no listing; no escape', async (t) => {
  const p = await startTestProvd(t, {}, { plugins: ['test-plugin'] });
  await get(`${p.http}/test/000000000001.cfg`, UA);
  const full = await get(`${p.http}/test/firmware.bin`);
  assert.equal(full.status, 200);
  assert.equal(full.text, 'firmware bytes\n');
  const head = await fetch(`${p.http}/test/firmware.bin`, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('content-length'), '15');
  const part = await get(`${p.http}/test/firmware.bin`, { range: 'bytes=0-7' });
  assert.equal(part.status, 206);
  assert.equal(part.text, 'firmware');
  assert.equal(part.headers.get('content-range'), 'bytes 0-7/15');
  assert.equal((await get(`${p.http}/test/firmware.bin`, { range: 'bytes=99-' })).status, 416);
  assert.equal((await get(`${p.http}/test/`)).status, 404, 'no directory listing');
  assert.equal((await get(`${p.http}/test/common.cfg`)).text, 'common\n', 'configureCommon output served');
  const put = await fetch(`${p.http}/test/firmware.bin`, { method: 'PUT', body: 'x' });
  assert.equal(put.status, 405);
  assert.equal(put.headers.get('allow'), 'GET, HEAD, POST');
  assert.equal((await fetch(`${p.http}/test/firmware.bin`, { method: 'POST' })).status, 415, 'a POST that is not a form');
});

test('a url-encoded form POST (Jitsi) is served like a GET; other bodies are refused before being read', async (t) => {
  const p = await startTestProvd(t, {}, { plugins: ['test-plugin'] });
  await p.call('POST', '/0.2/cfg_mgr/configs', { config: { id: 'autoprov', role: 'autocreate', parent_ids: [], raw_config: { sip_lines: { 1: { username: 'jitsi1' } } } } });
  const form = { 'content-type': 'application/x-www-form-urlencoded', ...UA };
  const byGet = await get(`${p.http}/test/001122334455.cfg`, UA);
  assert.equal(byGet.status, 200);
  const byPost = await fetch(`${p.http}/test/001122334455.cfg`, { method: 'POST', headers: form, body: 'uuid=7f523550&osname=Linux' });
  assert.equal(byPost.status, 200);
  assert.equal(await byPost.text(), byGet.text);
  assert.match(byGet.text, /line1=jitsi1/);
  const big = await fetch(`${p.http}/test/001122334455.cfg`, { method: 'POST', headers: form, body: 'a='.padEnd(9000, 'x') });
  assert.equal(big.status, 413);
  const binary = await fetch(`${p.http}/test/001122334455.cfg`, { method: 'POST', headers: form, body: 'a=\u0000\u00ff' });
  assert.equal(binary.status, 400);
  const json = await fetch(`${p.http}/test/001122334455.cfg`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  assert.equal(json.status, 415);
});

test('path traversal attempts never leave the plugin folder', async (t) => {
  const p = await startTestProvd(t, {}, { plugins: ['test-plugin'] });
  await get(`${p.http}/test/000000000001.cfg`, UA);
  const net = await import('node:net');
  const rawGet = (path: string) =>
    new Promise<string>((resolve, reject) => {
      const port = Number(new URL(p.http).port);
      const socket = net.connect(port, '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
      let data = '';
      socket.on('data', (c) => (data += c));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
  for (const path of ['//etc/passwd', '/../plugin-info', '/test/../../plugin-info', '/%2e%2e/plugin-info', '/test/%2e%2e/%2e%2e/plugin-info', '/..%2fplugin-info', '//etc/passwd', '/test\\..\\..\\plugin-info', '/%5c..%5cplugin-info', '/test/%00', '/%E0%A4%A']) {
    const response = await rawGet(path);
    const status = Number(response.split(' ')[1]);
    assert.ok(status === 404 || status === 400, `${path} → ${status}`);
    assert.doesNotMatch(response, /"version"|root:/, `${path} leaked a file`);
  }
});

test('null-plugin devices and unknown phones in the secure profile get 404', async (t) => {
  const p = await startTestProvd(t, {}, { plugins: ['test-plugin'] });
  await p.call('POST', '/0.2/dev_mgr/devices', { device: { mac: '00:00:00:00:00:77', plugin: 'null' } });
  const res = await get(`${p.http}/test/000000000077.cfg`, UA);
  assert.equal(res.status, 404);
  assert.equal((await p.call('GET', '/0.2/dev_mgr/devices')).body.devices[0].plugin, 'null', 'association is sticky');

  const secure = await startTestProvd(t, { 'general.identification_profile': 'secure' }, { plugins: ['test-plugin'] });
  assert.equal((await get(`${secure.http}/test/000000000088.cfg`, UA)).status, 404);
  assert.equal((await secure.call('GET', '/0.2/dev_mgr/devices')).body.devices.length, 0, 'secure profile never auto-adds');
});

test('X-Forwarded-For is used only with trusted proxies', async (t) => {
  const p = await startTestProvd(t, { 'http.trusted_proxies_count': 1 }, { plugins: ['test-plugin'] });
  await get(`${p.http}/test/000000000011.cfg`, { ...UA, 'x-forwarded-for': '10.1.2.3' });
  await get(`${p.http}/test/000000000012.cfg`, UA);
  const devices = (await p.call('GET', '/0.2/dev_mgr/devices?sort=mac')).body.devices;
  assert.deepEqual(devices.map((d: { ip?: string }) => d.ip), ['10.1.2.3', '127.0.0.1']);
});
