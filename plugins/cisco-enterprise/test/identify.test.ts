/** Identification of Cisco enterprise phones; the plugin never takes a device. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestHost, dhcpRequest, httpRequest, tftpRequest, type TestHost } from '@dialtone/plugin-sdk/testing';
import { PLUGIN_ID, pluginDir } from '../src/index.js';

let host: TestHost;
before(async () => {
  host = await createTestHost(pluginDir, { id: PLUGIN_ID });
});
after(() => host.close());

test('DHCP vendor classes, NUL-terminated or not', async () => {
  const dhcp = (vc: string) => host.extract(dhcpRequest({ mac: '00:1e:4a:aa:bb:cc', vendorClass: vc }));
  assert.deepEqual(await dhcp('Cisco Systems, Inc. IP Phone CP-7960G\x00'), { vendor: 'Cisco', model: 'CP-7960G' });
  assert.deepEqual(await dhcp('Cisco Systems, Inc. IP Phone CP-8841'), { vendor: 'Cisco', model: 'CP-8841' });
  assert.deepEqual(await dhcp('Cisco Systems Inc. Wireless Phone 7921'), { vendor: 'Cisco', model: '7921' });
  for (const vc of ['Cisco SPA508G', 'CP-8841-3PCC', 'Cisco AP c2700', 'dslforum.org']) assert.equal(await dhcp(vc), null, vc);
});

test('SEP/CTL/ITL files over TFTP and HTTP give the MAC', async () => {
  assert.deepEqual(await host.extract(tftpRequest('SEP001E4AAABBCC.cnf.xml')), { vendor: 'Cisco', mac: '00:1e:4a:aa:bb:cc' });
  assert.deepEqual(await host.extract(tftpRequest('CTLSEP001E4AAABBCC.tlv')), { vendor: 'Cisco', mac: '00:1e:4a:aa:bb:cc' });
  assert.deepEqual(await host.extract(tftpRequest('ITLSEP001E4AAABBCC.tlv')), { vendor: 'Cisco', mac: '00:1e:4a:aa:bb:cc' });
  assert.deepEqual(await host.extract(tftpRequest('/SEP001E4AAABBCC.cnf.xml.sgn')), { vendor: 'Cisco', mac: '00:1e:4a:aa:bb:cc' });
  assert.deepEqual(await host.extract(tftpRequest('ITLFile.tlv')), { vendor: 'Cisco' });
  assert.deepEqual(await host.extract(httpRequest('/SEP001E4AAABBCC.cnf.xml')), { vendor: 'Cisco', mac: '00:1e:4a:aa:bb:cc' });
  assert.equal(await host.extract(tftpRequest('001E4AAABBCC.cnf.xml')), null);
  assert.equal(await host.extract(httpRequest('/x', { query: 'mac=001e4aaabbcc' })), null);
});

test('never takes a device, serves nothing', async () => {
  assert.equal(await host.associate({ vendor: 'Cisco', model: 'CP-8841' }), 100);
  assert.equal(await host.associate({ vendor: 'Cisco' }), 100);
  assert.equal(host.plugin.http, false);
  assert.equal(host.plugin.tftp, false);
});
