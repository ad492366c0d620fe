/** Identification of Jitsi Desktop by User-Agent and UUID, association, files. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestHost, dhcpRequest, httpRequest, makeDevice, type TestHost } from '@dialtone/plugin-sdk/testing';
import { PLUGIN_ID, pluginDir } from '../src/index.js';

let host: TestHost;
before(async () => {
  host = await createTestHost(pluginDir, { id: PLUGIN_ID });
});
after(() => host.close());

const UUID = '7f523550-03cf-4dac-a858-cb8afdb34775';
const jitsi = (path: string, query = '', ua = 'Jitsi/2.10.5550') => host.extract(httpRequest(path, { query, headers: { 'User-Agent': ua } }));

test('User-Agent: the whole version; the UUID from the path or the ?uuid= query', async () => {
  assert.deepEqual(await jitsi(`/jitsi/${UUID}`), { vendor: 'Jitsi', model: 'Jitsi', version: '2.10.5550', uuid: UUID });
  assert.deepEqual(await jitsi('/jitsi', `uuid=${UUID.toUpperCase()}`, 'Jitsi/1.0-beta1-nightly.build.3408'), { vendor: 'Jitsi', model: 'Jitsi', version: '1.0-beta1-nightly.build.3408', uuid: UUID });
  assert.deepEqual(await host.extract(httpRequest(`/jitsi/${UUID}`)), { vendor: 'Jitsi', model: 'Jitsi', uuid: UUID });
});

test('a malformed UUID is never taken (it would name another file); nothing else is claimed', async () => {
  assert.deepEqual(await jitsi('/jitsi', 'uuid=../../etc/passwd'), { vendor: 'Jitsi', model: 'Jitsi', version: '2.10.5550' });
  assert.equal(await host.extract(httpRequest('/jitsi/not-a-uuid')), null);
  assert.equal(await host.extract(httpRequest('/x', { query: `uuid=${UUID}` })), null, 'a query alone names no vendor');
  assert.equal(await jitsi('/x', '', 'Mozilla/5.0 Jitsi/2.10'), null);
  assert.equal(await host.extract(httpRequest('/001122334455.cfg', { headers: { 'User-Agent': 'Wget/1.21.2' } })), null);
  assert.equal(await host.extract(dhcpRequest({ mac: '00:11:22:33:44:55', vendorClass: 'MSFT 5.0' })), null);
});

test('association: 1.x and 2.x EXACT, other versions COMPLETE, other vendors IMPROBABLE', async () => {
  assert.equal(await host.associate({ vendor: 'Jitsi', model: 'Jitsi', version: '2.10.5550' }), 600);
  assert.equal(await host.associate({ vendor: 'Jitsi', model: 'Jitsi', version: '1.0-beta1' }), 600);
  assert.equal(await host.associate({ vendor: 'Jitsi', model: 'Jitsi', version: '3.0' }), 500);
  assert.equal(await host.associate({ vendor: 'Jitsi', model: 'Meet' }), 100);
  assert.equal(await host.associate({ vendor: 'Yealink', model: 'Jitsi' }), 100);
});

test('files by UUID; a device without one cannot be configured', async () => {
  const device = makeDevice({ uuid: UUID, vendor: 'Jitsi', model: 'Jitsi' });
  assert.equal(host.plugin.getRemoteStateTriggerFilename?.(device), UUID);
  assert.equal(host.plugin.isSensitiveFilename?.(UUID), true);
  assert.equal(host.plugin.tftp, false);
  await host.configure(device, { sip_lines: { '1': { username: 'a', password: 'p', proxy_ip: '10.0.0.2' } } });
  assert.match(host.readFile(`jitsi/${UUID}`) ?? '', /^net\.java\.sip\.communicator\.impl\.protocol\.sip\.acc1\.USER_ID=a@10\.0\.0\.2$/m);
  await host.deconfigure(device);
  assert.equal(host.readFile(`jitsi/${UUID}`), null);
  await assert.rejects(Promise.resolve(host.configure(makeDevice({ mac: '00:11:22:33:44:55', model: 'Jitsi' }), {})), /uuid/i);
});
