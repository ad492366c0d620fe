/** Identification of Gigaset IP DECT bases; the plugin never takes a device. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestHost, dhcpRequest, httpRequest, type TestHost } from '@dialtone/plugin-sdk/testing';
import { PLUGIN_ID, pluginDir } from '../src/index.js';

let host: TestHost;
before(async () => {
  host = await createTestHost(pluginDir, { id: PLUGIN_ID });
});
after(() => host.close());

const ua = (userAgent: string) => host.extract(httpRequest('/x', { headers: { 'User-Agent': userAgent } }));

test('User-Agents: model, full version, MAC', async () => {
  assert.deepEqual(await ua('Gigaset N870 IP PRO/83.V2.11.0+build.a546b91;7C2F80E0D605'), { vendor: 'Gigaset', model: 'N870 IP PRO', version: '83.V2.11.0', mac: '7c:2f:80:e0:d6:05' });
  assert.deepEqual(await ua('"Gigaset N510 IP PRO/42.250.00.000.000;7C2F80123456;Handset=1"'), { vendor: 'Gigaset', model: 'N510 IP PRO', version: '42.250.00.000.000', mac: '7c:2f:80:12:34:56' }, 'all five groups, not two');
  assert.deepEqual(await ua('Gigaset N720 DM PRO/70.108.00.000.000;7C2F80ABCDEF'), { vendor: 'Gigaset', model: 'N720 DM PRO', version: '70.108.00.000.000', mac: '7c:2f:80:ab:cd:ef' });
});

test('one malformed field loses only itself; control bytes and 0xFF survive', async () => {
  assert.deepEqual(await ua('Gigaset N870 IP PRO/83.V2.11.0;7C2F80E0D6'), { vendor: 'Gigaset', model: 'N870 IP PRO', version: '83.V2.11.0' });
  assert.deepEqual(await ua('Gigaset N870 IP PRO/beta;7C2F80E0D605'), { vendor: 'Gigaset', model: 'N870 IP PRO', mac: '7c:2f:80:e0:d6:05' });
  for (const junk of ['\x14', '\x16', '\x17', '\xff']) {
    assert.deepEqual(await ua(`${junk}Gigaset N870 IP PRO/83.V2.65.0;${junk}7C2F80E0D605${junk}`), { vendor: 'Gigaset', model: 'N870 IP PRO', version: '83.V2.65.0', mac: '7c:2f:80:e0:d6:05' }, JSON.stringify(junk));
  }
  assert.equal(await ua('Mozilla/5.0 Gigaset fan'), null);
  assert.equal(await ua('Wget/1.21.2'), null);
});

test('DHCP option 60', async () => {
  assert.deepEqual(await host.extract(dhcpRequest({ mac: '7c:2f:80:aa:bb:cc', vendorClass: 'Gigaset_N720_DM_PRO' })), { vendor: 'Gigaset', model: 'N720 DM PRO' });
  assert.equal(await host.extract(dhcpRequest({ mac: '7c:2f:80:aa:bb:cc', vendorClass: 'dslforum.org' })), null);
});

test('never takes a device: every score is below PROBABLE, nothing is served', async () => {
  assert.equal(await host.associate({ vendor: 'Gigaset', model: 'N870 IP PRO', version: '83.V2.65.0' }), 100);
  assert.equal(await host.associate({ vendor: 'Gigaset' }), 100);
  assert.equal(host.plugin.http, false);
  assert.equal(host.plugin.tftp, false);
});
