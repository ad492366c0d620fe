import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestHost, dhcpRequest, httpRequest, makeDevice, tftpRequest, type TestHost } from '@dialtone/plugin-sdk/testing';
import type { DeviceInfo } from '@dialtone/plugin-sdk';
import { stageTemp } from '@dialtone/plugin-tools';
import { DIGIUM_PLUGIN_ID, digiumPluginDir } from '../src/index.js';

let host: TestHost;
let staged: Awaited<ReturnType<typeof stageTemp>>;
before(async () => {
  staged = await stageTemp(digiumPluginDir);
  host = await createTestHost(staged.dir, { id: DIGIUM_PLUGIN_ID });
});
after(async () => {
  await host.close();
  await staged.remove();
});

const MAC = '00:0f:d3:05:48:48';

test('DHCP vendor class digium_<model>_<fw>', async () => {
  assert.deepEqual(await host.extract(dhcpRequest({ mac: MAC, vendorClass: 'digium_D70_1_4_0_0_57389' })), { vendor: 'Digium', model: 'D70', version: '1.4.0.0.57389' });
  assert.deepEqual(await host.extract(dhcpRequest({ mac: MAC, vendorClass: 'digium_D40_1_1_0_0_48178' })), { vendor: 'Digium', model: 'D40', version: '1.1.0.0.48178' });
  assert.deepEqual(await host.extract(dhcpRequest({ mac: MAC, vendorClass: 'digium_D45_1_0_5_46476' })), { vendor: 'Digium', model: 'D45', version: '1.0.5.46476' });
  for (const vc of ['digium_D70', 'digium_D700_1_4', 'Digium_D70_1_4_0_0', 'digium_D70_1.4.0.0', 'yealink_T46', '']) {
    assert.equal(await host.extract(dhcpRequest({ mac: MAC, vendorClass: vc })), null, vc);
  }
  assert.equal(await host.extract(dhcpRequest({ mac: MAC })), null, 'no option 60');
});

test('HTTP /Digium/<mac>.cfg and other /Digium/ files', async () => {
  assert.deepEqual(await host.extract(httpRequest('/Digium/000fd3054848.cfg')), { vendor: 'Digium', mac: MAC });
  assert.deepEqual(await host.extract(httpRequest('/Digium/000FD3054848.cfg')), { vendor: 'Digium', mac: MAC });
  assert.deepEqual(await host.extract(httpRequest('/Digium/000000000000.cfg')), { vendor: 'Digium' }, 'the null MAC is not a device');
  assert.deepEqual(await host.extract(httpRequest('/Digium/000fd3054848-contacts.xml')), { vendor: 'Digium' });
  assert.deepEqual(await host.extract(httpRequest('/Digium/firmware/D70_1_4_0_0_57389.eff')), { vendor: 'Digium' });
  assert.equal(await host.extract(httpRequest('/000fd3054848.cfg')), null);
  assert.equal(await host.extract(httpRequest('/digium/000fd3054848.cfg')), null);
  assert.equal(await host.extract(tftpRequest('Digium/000fd3054848.cfg')), null, 'no TFTP extractor');
  assert.deepEqual(host.plugin.tftp, {}, 'served over TFTP too (found by its DHCP address)');
  assert.deepEqual(host.plugin.http, {});
  const answer = host.plugin.extractors?.http?.extract(httpRequest('/Digium/000fd3054848.cfg'));
  assert.ok(!(answer instanceof Promise), 'synchronous: provd answers a known phone without a promise');
});

test('the associator of the seed', async () => {
  const score = (info: DeviceInfo) => host.associate(info);
  assert.equal(await score({ vendor: 'Digium', model: 'D70', version: '1.4.0.0.57389' }), 600);
  for (const model of ['D40', 'D45', 'D50', 'D60', 'D62', 'D65', 'D70']) assert.equal(await score({ vendor: 'Digium', model, version: '1.1.0.0.48178' }), 500, model);
  assert.equal(await score({ vendor: 'Digium', model: 'D80' }), 300);
  assert.equal(await score({ vendor: 'Digium' }), 300);
  assert.equal(await score({ vendor: 'Yealink', model: 'D70' }), 100);
  assert.equal(await score({ mac: MAC }), 200);
});

test('sensitive files and the remote-state trigger', () => {
  const device = makeDevice({ mac: MAC });
  assert.equal(host.plugin.getRemoteStateTriggerFilename?.(device), '000fd3054848.cfg');
  assert.equal(host.plugin.getRemoteStateTriggerFilename?.(makeDevice()), null);
  assert.equal(host.plugin.isSensitiveFilename?.('000fd3054848.cfg'), true);
  assert.equal(host.plugin.isSensitiveFilename?.('Digium/000fd3054848.cfg'), true);
  assert.equal(host.plugin.isSensitiveFilename?.('000fd3054848-contacts.xml'), false);
  assert.equal(host.plugin.isSensitiveFilename?.('000FD3054848.cfg'), false, 'the phone asks in lower case');
});

test('synchronize sends check-sync to the SIP endpoint', async () => {
  await host.plugin.synchronize?.(makeDevice({ mac: MAC, remote_state_sip_username: 'alice' }), {});
  assert.deepEqual(host.sync?.notifies.at(-1), { target: { endpoint: 'alice' }, event: 'check-sync' });
});
