import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { startTestProvd, type TestProvd } from './support/provd.js';

async function fetchFile(p: TestProvd, name: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${p.http}/${name}`);
  return { status: res.status, text: await res.text() };
}

async function device(p: TestProvd, id: string) {
  return (await p.call('GET', `/0.2/dev_mgr/devices/${id}`)).body.device;
}

async function setup(t: Parameters<typeof startTestProvd>[0]) {
  const p = await startTestProvd(t, {}, { plugins: ['test-plugin', 'broken-entry', 'bad-iface', 'throws-on-load'] });
  await p.call('POST', '/0.2/cfg_mgr/configs', { config: { id: 'base', parent_ids: [], raw_config: { sip_lines: { 1: { display_name: 'Base' } } } } });
  await p.call('POST', '/0.2/cfg_mgr/configs', { config: { id: 'user1', parent_ids: ['base'], raw_config: { sip_lines: { 1: { username: 'u1' } } } } });
  const created = await p.call('POST', '/0.2/dev_mgr/devices', { device: { mac: '00:00:00:00:00:01', plugin: 'test-plugin', config: 'user1' } });
  return { p, id: created.body.id as string };
}

test('insert configures; parent config change re-renders descendants\' devices', async (t) => {
  const { p, id } = await setup(t);
  assert.equal((await device(p, id)).configured, true);
  assert.match((await fetchFile(p, 'test/000000000001.cfg')).text, /line1=u1 Base/);
  await p.call('PUT', '/0.2/cfg_mgr/configs/base', { config: { parent_ids: [], raw_config: { sip_lines: { 1: { display_name: 'Renamed' } } } } });
  await p.provd.idle();
  assert.match((await fetchFile(p, 'test/000000000001.cfg')).text, /line1=u1 Renamed/);
});

test('a configure error is visible on the device, and fixing it clears it', async (t) => {
  const { p, id } = await setup(t);
  await p.call('PUT', '/0.2/cfg_mgr/configs/user1', { config: { parent_ids: ['base'], raw_config: { X_fail: 'bad key' } } });
  await p.provd.idle();
  const failed = await device(p, id);
  assert.equal(failed.configured, false);
  assert.match(failed.configure_error, /test-plugin: refusing to configure: bad key/);
  // As the reference: a configure failure is not a request error (the official client expects
  // 204); the reason stays on the device.
  const reconfigure = await p.call('POST', '/0.2/dev_mgr/reconfigure', { id });
  assert.equal(reconfigure.status, 204);
  assert.match((await device(p, id)).configure_error, /refusing to configure/);
  await p.call('PUT', '/0.2/cfg_mgr/configs/user1', { config: { parent_ids: ['base'], raw_config: {} } });
  await p.provd.idle();
  const fixed = await device(p, id);
  assert.equal(fixed.configured, true);
  assert.equal(fixed.configure_error, undefined);
  assert.equal((await p.call('POST', '/0.2/dev_mgr/reconfigure', { id })).status, 204);
  assert.equal((await p.call('POST', '/0.2/dev_mgr/reconfigure', { id: 'ghost' })).status, 400);
});

test('an invalid flattened raw config is reported, not rendered', async (t) => {
  const { p, id } = await setup(t);
  await p.call('PUT', '/0.2/cfg_mgr/configs/user1', { config: { parent_ids: ['base'], raw_config: { ntp_enabled: true } } });
  await p.provd.idle();
  const d = await device(p, id);
  assert.equal(d.configured, false);
  assert.match(d.configure_error, /ntp_ip: required when ntp_enabled is true/);
});

test('deleting a device deconfigures it; deleting its config leaves it unconfigured', async (t) => {
  const { p, id } = await setup(t);
  const second = (await p.call('POST', '/0.2/dev_mgr/devices', { device: { mac: '00:00:00:00:00:02', plugin: 'test-plugin', config: 'user1' } })).body.id;
  assert.equal((await fetchFile(p, 'test/000000000002.cfg')).status, 200);
  await p.call('DELETE', `/0.2/dev_mgr/devices/${second}`);
  assert.equal((await fetchFile(p, 'test/000000000002.cfg')).status, 404, 'deconfigure removed the file');
  await p.call('DELETE', '/0.2/cfg_mgr/configs/user1');
  await p.provd.idle();
  const d = await device(p, id);
  assert.equal(d.configured, false);
  assert.match(d.configure_error, /config "user1" was deleted/);
  assert.equal((await fetchFile(p, 'test/000000000001.cfg')).status, 404);
});

test('changing a device key that matters reconfigures it', async (t) => {
  const { p, id } = await setup(t);
  const before = await device(p, id);
  await p.call('PUT', `/0.2/dev_mgr/devices/${id}`, { device: { ...strip(before), mac: '00:00:00:00:00:09' } });
  assert.equal((await fetchFile(p, 'test/000000000001.cfg')).status, 404, 'old file removed');
  assert.equal((await fetchFile(p, 'test/000000000009.cfg')).status, 200, 'new file rendered');
  await p.call('PUT', `/0.2/dev_mgr/devices/${id}`, { device: { ...strip(before), mac: '00:00:00:00:00:09', plugin: 'nonexistent' } });
  const d = await device(p, id);
  assert.equal(d.configured, false);
  assert.match(d.configure_error, /plugin nonexistent is not loaded/);
});

function strip(d: Record<string, unknown>) {
  const { id: _i, configured: _c, is_new: _n, configure_error: _e, ...rest } = d;
  return rest;
}

test('broken plugins are reported over REST and do not stop the others', async (t) => {
  const { p } = await setup(t);
  const { plugins } = (await p.call('GET', '/0.2/pg_mgr/plugins')).body;
  assert.equal(plugins['test-plugin'].state, 'loaded');
  assert.equal(plugins.null.state, 'loaded');
  assert.equal(plugins['broken-entry'].state, 'broken');
  assert.equal(plugins['broken-entry'].error.code, 'DT_ERR_PLUGIN_ENTRY_INVALID');
  assert.equal(plugins['bad-iface'].state, 'broken');
  assert.equal(plugins['bad-iface'].error.code, 'DT_ERR_PLUGIN_IFACE_MISMATCH');
  assert.match(plugins['bad-iface'].error.message, /interface version \[99, -\]/);
  assert.match(plugins['throws-on-load'].error.message, /cannot render common files/);
  const info = await p.call('GET', '/0.2/pg_mgr/plugins/test-plugin/info');
  assert.equal(info.body.plugin_info.version, '1.0');
  assert.equal((await p.call('GET', '/0.2/pg_mgr/plugins/broken-entry/info')).status, 404);
});

test('unloading a plugin marks its devices unconfigured; loading it again reconfigures them', async (t) => {
  const { p, id } = await setup(t);
  await p.provd.plugins.unload('test-plugin');
  await new Promise((r) => setTimeout(r, 50));
  assert.equal((await device(p, id)).configured, false);
  await p.provd.plugins.load('test-plugin');
  await new Promise((r) => setTimeout(r, 50));
  await p.provd.idle();
  assert.equal((await device(p, id)).configured, true);
});

test('DHCP commit identifies and creates the device; malformed commits are 400', async (t) => {
  const { p } = await setup(t);
  const hex = (s: string) => Buffer.from(s).toString('hex').match(/../g)!.join('.');
  const res = await p.call('POST', '/0.2/dev_mgr/dhcpinfo', { dhcp_info: { op: 'commit', ip: '10.9.8.7', mac: '00:11:22:33:44:55', options: [`060${hex('testphone_T1')}`] } });
  assert.equal(res.status, 204);
  await p.provd.idle();
  const found = (await p.call('GET', `/0.2/dev_mgr/devices?q=${encodeURIComponent('{"mac":"00:11:22:33:44:55"}')}`)).body.devices;
  assert.equal(found.length, 1);
  assert.equal(found[0].ip, '10.9.8.7');
  assert.equal(found[0].model, 'T1');
  assert.equal(found[0].plugin, 'test-plugin');
  for (const [body, message] of [
    [{ dhcp_info: { op: 'commit', ip: '10.0.0.1', mac: '00:11:22:33:44:56' } }, /options: required/],
    [{ dhcp_info: { op: 'commit', ip: '10.0.0.1', options: [] } }, /mac: required/],
    [{ dhcp_info: { op: 'commit', ip: '10.0.0.1', mac: 'xx', options: [] } }, /mac: invalid MAC/],
    [{ dhcp_info: { op: 'commit', ip: '10.0.0.1', mac: '00:11:22:33:44:56', options: ['6'] } }, /invalid DHCP option/],
    [{ dhcp_info: { op: 'renew' } }, /op must be equal to one of the allowed values/],
  ] as const) {
    const r = await p.call('POST', '/0.2/dev_mgr/dhcpinfo', body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.match(r.text, message);
  }
  assert.equal((await p.call('POST', '/0.2/dev_mgr/dhcpinfo', { dhcp_info: { op: 'release' } })).status, 204);
});

test('TFTP requests go through identification and serve generated and static files', async (t) => {
  const { p } = await setup(t);
  const port = p.tftpPort;
  // curl runs asynchronously: the server lives in this process.
  const curl = (name: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile('curl', ['-s', '-S', '--max-time', '10', `tftp://127.0.0.1:${port}/${name}`], (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  const generated = await curl('test/000000000001.cfg');
  assert.equal(generated.code, 0, generated.stderr);
  assert.match(generated.stdout, /line1=u1 Base/);
  const firmware = await curl('test/firmware.bin');
  assert.equal(firmware.stdout, 'firmware bytes\n');
  const escape = await curl('../plugin-info');
  assert.notEqual(escape.code, 0);
  assert.doesNotMatch(escape.stdout, /version/);
  const missing = await curl('test/nothing-here.bin');
  assert.notEqual(missing.code, 0);
});

test('a parent config change reaches every device under more configs than one lookup takes', async (t) => {
  const { p } = await setup(t);
  const count = 1_200; // the configurator looks devices up 500 configs at a time
  await p.provd.store.transaction(async (tx) => {
    for (let i = 0; i < count; i++) {
      const hex = (0x100000 + i).toString(16).padStart(12, '0');
      await tx.configs.insert({ id: `many-${i}`, parent_ids: ['base'], raw_config: { sip_lines: { 1: { username: `m${i}` } } } });
      await tx.devices.insert({ id: `dev-many-${i}`, mac: hex.match(/../g)!.join(':'), plugin: 'test-plugin', config: `many-${i}`, configured: false });
    }
  });
  await p.call('PUT', '/0.2/cfg_mgr/configs/base', { config: { parent_ids: [], raw_config: { sip_lines: { 1: { display_name: 'Many' } } } } });
  await p.provd.idle();
  const configured = await p.provd.store.devices.find({ plugin: 'test-plugin', configured: true }, { fields: ['id'] });
  assert.equal(configured.filter((d) => d.id.startsWith('dev-many-')).length, count);
  assert.match((await fetchFile(p, 'test/000000100457.cfg')).text, /line1=m1111 Many/);
});
