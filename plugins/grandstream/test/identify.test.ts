/** Identification of Grandstream devices from what they really send, association, file names. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestHost, dhcpRequest, httpRequest, makeDevice, tftpRequest, type TestHost } from '@dialtone/plugin-sdk/testing';
import { PLUGIN_ID, pluginDir } from '../src/index.js';

let host: TestHost;
before(async () => {
  host = await createTestHost(pluginDir, { id: PLUGIN_ID });
});
after(() => host.close());

const ua = (userAgent: string, path = '/x') => host.extract(httpRequest(path, { headers: { 'User-Agent': userAgent } }));

test('User-Agents: model, application version, MAC', async () => {
  assert.deepEqual(await ua('Grandstream Model HW GXP2170 SW 1.0.11.85 DevId 000b82aabbcc'), { vendor: 'Grandstream', model: 'GXP2170', version: '1.0.11.85', mac: '00:0b:82:aa:bb:cc' });
  assert.deepEqual(await ua('Grandstream Model HW GXP2200 V2.2A SW 1.0.1.33 DevId 000b82462d97'), { vendor: 'Grandstream', model: 'GXP2200', version: '1.0.1.33', mac: '00:0b:82:46:2d:97' });
  assert.deepEqual(await ua('Grandstream Model HW GXV3350  V1.3A SW 1.0.1.8 DevId c074ad150b88'), { vendor: 'Grandstream', model: 'GXV3350', version: '1.0.1.8', mac: 'c0:74:ad:15:0b:88' });
  assert.deepEqual(await ua('Grandstream Model HW HT801 V1.1A SW 1.0.17.5 DevId c074ad273a10'), { vendor: 'Grandstream', model: 'HT801', version: '1.0.17.5', mac: 'c0:74:ad:27:3a:10' });
});

test('the boot loader version is not the firmware version (GXP2000)', async () => {
  assert.deepEqual(await ua('Grandstream GXP2000 (gxp2000e.bin:1.2.5.3/boot55e.bin:1.1.6.9) DevId 000b822726c8'), { vendor: 'Grandstream', model: 'GXP2000', version: '1.2.5.3', mac: '00:0b:82:27:26:c8' });
  assert.deepEqual(await ua('Grandstream GXP2000 (boot55e.bin:1.1.6.9) DevId 000b822726c8'), { vendor: 'Grandstream', model: 'GXP2000', mac: '00:0b:82:27:26:c8' });
});

test('one malformed field loses only itself; control bytes and 0xFF survive', async () => {
  assert.deepEqual(await ua('Grandstream Model HW GXP2170 SW 1.0.11.85 DevId 000b82aabb'), { vendor: 'Grandstream', model: 'GXP2170', version: '1.0.11.85' });
  assert.deepEqual(await ua('Grandstream Model HW ??? SW 1.0.11.85 DevId 000b82aabbcc'), { vendor: 'Grandstream', version: '1.0.11.85', mac: '00:0b:82:aa:bb:cc' });
  for (const junk of ['\x14', '\x16', '\x17', '\xff']) {
    assert.deepEqual(await ua(`Grandstream Model HW GXP2170${junk}SW 1.0.11.85${junk}DevId 000b82aabbcc${junk}`), { vendor: 'Grandstream', model: 'GXP2170', version: '1.0.11.85', mac: '00:0b:82:aa:bb:cc' }, JSON.stringify(junk));
  }
});

test('paths: cfg<mac>.xml only with a Grandstream OUI; nothing vendor-less', async () => {
  assert.deepEqual(await host.extract(httpRequest('/cfg000b82aabbcc.xml')), { vendor: 'Grandstream', mac: '00:0b:82:aa:bb:cc' });
  assert.deepEqual(await host.extract(httpRequest('/cfgc074adaabbcc')), { vendor: 'Grandstream', mac: 'c0:74:ad:aa:bb:cc' });
  assert.deepEqual(await host.extract(tftpRequest('cfg000b82aabbcc.xml')), { vendor: 'Grandstream', mac: '00:0b:82:aa:bb:cc' });
  assert.equal(await host.extract(httpRequest('/cfg001fc1aabbcc.xml')), null, 'an Htek phone asks for cfg<mac>.xml too');
  assert.equal(await host.extract(httpRequest('/000b82aabbcc.cfg', { headers: { 'User-Agent': 'Wget/1.21.2' } })), null, 'generic Wget, bare /<mac>.cfg');
  assert.equal(await host.extract(httpRequest('/x', { headers: { 'User-Agent': 'Mozilla/5.0 Grandstream Model HW GXP2170' } })), null);
  assert.equal(await host.extract(dhcpRequest({ mac: '00:0b:82:aa:bb:cc', vendorClass: 'dslforum.org' })), null, 'no DHCP rule: a TR-069 class says nothing');
});

test('association', async () => {
  assert.equal(await host.associate({ vendor: 'Grandstream', model: 'GXP2170', version: '1.0.11.85' }), 600);
  assert.equal(await host.associate({ vendor: 'Grandstream', model: 'GXP2170', version: '1.0.11.79' }), 500);
  assert.equal(await host.associate({ vendor: 'Grandstream', model: 'GXP2200' }), 300);
  assert.equal(await host.associate({ vendor: 'Yealink', model: 'GXP2170' }), 100);
});

test('files, trigger, deconfigure', async () => {
  const device = makeDevice({ mac: '00:0b:82:aa:bb:cc', model: 'GXP2170' });
  assert.equal(host.plugin.getRemoteStateTriggerFilename?.(device), 'cfg000b82aabbcc.xml');
  assert.equal(host.plugin.isSensitiveFilename?.('cfg000b82aabbcc.xml'), true);
  await host.configure(device, { sip_lines: { '1': { username: 'a', password: 'p', proxy_ip: '10.0.0.2' } } });
  assert.match(host.readFile('cfg000b82aabbcc.xml') ?? '', /<P35>a<\/P35>/);
  await host.deconfigure(device);
  assert.equal(host.readFile('cfg000b82aabbcc.xml'), null);
});
