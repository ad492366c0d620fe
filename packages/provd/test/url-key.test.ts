import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startTestProvd } from './support/provd.js';

test('url_key: phones fetch /<key>/<file>; unknown keys and other tenants\' keys are 404', async (t) => {
  const p = await startTestProvd(t, { 'general.http_auth_strategy': 'url_key' }, { plugins: ['test-plugin'] });
  const fetchFile = async (path: string) => (await fetch(`${p.http}${path}`)).status;
  // what the plugin is handed: the base URL with the tenant's key
  const seen: string[] = [];
  const loaded = p.provd.plugins.get('test-plugin')!.plugin;
  const configure = loaded.configure!.bind(loaded);
  loaded.configure = async (device, raw) => {
    seen.push(String(raw.http_base_url));
    return configure(device, raw);
  };
  await p.client.configs.create({ id: 'line', parent_ids: [], raw_config: { sip_lines: { 1: { username: 'u1' } } } });
  const masterDevice = await p.client.devices.create({ mac: '00:00:00:00:0a:01', plugin: 'test-plugin', config: 'line' });
  const noKey = await p.client.devices.get(masterDevice);
  assert.equal(noKey.configured, false);
  assert.match(noKey.configure_error ?? '', /has no provisioning key/);

  await p.client.params.set('provisioning_key', 'master-key-1');
  await p.provd.auth.tenants.update('t2', (e) => e);
  const t2 = p.client.withTenant('t2');
  await t2.params.set('provisioning_key', 'tenant-key-2');
  await p.provd.idle();
  assert.equal((await p.client.devices.get(masterDevice)).configured, true, 'a new key reconfigures the tenant\'s devices');
  const t2Device = await t2.devices.create({ mac: '00:00:00:00:0a:02', plugin: 'test-plugin', config: 'line' });
  assert.equal((await t2.devices.get(t2Device)).configured, true);
  assert.deepEqual(seen, [`${p.http}/master-key-1`, `${p.http}/tenant-key-2`]);

  assert.equal(await fetchFile('/master-key-1/test/000000000a01.cfg'), 200);
  assert.equal(await fetchFile('/tenant-key-2/test/000000000a02.cfg'), 200);
  assert.equal(await fetchFile('/test/000000000a01.cfg'), 404, 'no key');
  assert.equal(await fetchFile('/unknown-key/test/000000000a01.cfg'), 404, 'unknown key');
  assert.equal(await fetchFile('/tenant-key-2/test/000000000a01.cfg'), 200, 'a device still in the provd tenant is served under any key (unclaimed)');
  assert.equal(await fetchFile('/master-key-1/test/000000000a02.cfg'), 404, 'a tenant\'s device is never served under another tenant\'s key');
});
