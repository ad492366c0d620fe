/** Identification of Snom phones from what they really send, association, file names. */
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

test('User-Agents: model and full version, not the boot loader version', async () => {
  assert.deepEqual(await ua('Mozilla/4.0 (compatible; snomD785-SIP 10.1.226.16)'), { vendor: 'Snom', model: 'D785', version: '10.1.226.16' });
  assert.deepEqual(await ua('Mozilla/4.0 (compatible; snom320-SIP 8.7.3.25 1.1.3-s)'), { vendor: 'Snom', model: '320', version: '8.7.3.25' });
  assert.deepEqual(await ua('Mozilla/4.0 (compatible; snomPA1-SIP 8.7.5.17)'), { vendor: 'Snom', model: 'PA1', version: '8.7.5.17' });
  assert.deepEqual(await ua('Mozilla/4.0 (compatible; snomD865-SIP 10.1.226.16)', '/snomD865-000413AABBCC.htm'), { vendor: 'Snom', model: 'D865', version: '10.1.226.16', mac: '00:04:13:aa:bb:cc' });
});

test('one malformed field loses only itself; control bytes and 0xFF survive', async () => {
  assert.deepEqual(await ua('Mozilla/4.0 (compatible; snomD785-SIP beta)'), { vendor: 'Snom', model: 'D785' });
  assert.deepEqual(await ua('Mozilla/4.0 (compatible; snomXYZ1234-SIP 10.1.226.16)'), { vendor: 'Snom', version: '10.1.226.16' });
  for (const junk of ['\x14', '\x16', '\x17', '\xff']) {
    assert.deepEqual(await ua(`Mozilla/4.0 (compatible;${junk}snomD785-SIP${junk}10.1.226.16${junk})`), { vendor: 'Snom', model: 'D785', version: '10.1.226.16' }, JSON.stringify(junk));
  }
});

test('paths and TFTP names', async () => {
  assert.deepEqual(await host.extract(httpRequest('/snomD785.htm')), { vendor: 'Snom', model: 'D785' });
  assert.deepEqual(await host.extract(httpRequest('/snomD785-000413AABBCC.htm')), { vendor: 'Snom', model: 'D785', mac: '00:04:13:aa:bb:cc' });
  assert.deepEqual(await host.extract(httpRequest('/000413AABBCC.xml')), { vendor: 'Snom', mac: '00:04:13:aa:bb:cc' });
  assert.deepEqual(await host.extract(tftpRequest('snom320-00087B112233.htm')), { vendor: 'Snom', model: '320', mac: '00:08:7b:11:22:33' });
  assert.equal(await host.extract(httpRequest('/805EC0AABBCC.xml')), null, 'bare /<MAC>.xml, not a Snom OUI');
  assert.equal(await host.extract(httpRequest('/805ec0aabbcc.cfg', { headers: { 'User-Agent': 'Wget/1.21.2' } })), null, 'generic Wget');
  assert.equal(await host.extract(httpRequest('/x', { query: 'mac=000413AABBCC' })), null, '?mac= alone says nothing');
  assert.equal(await host.extract(httpRequest('/x', { headers: { 'User-Agent': 'Mozilla/5.0 (X11) notsnomD785-SIP 1.2.3' } })), null);
});

test('DHCP option 60', async () => {
  const dhcp = (vc: string) => host.extract(dhcpRequest({ mac: '00:04:13:aa:bb:cc', vendorClass: vc }));
  assert.deepEqual(await dhcp('snomD785'), { vendor: 'Snom', model: 'D785' });
  assert.deepEqual(await dhcp('snom320'), { vendor: 'Snom', model: '320' });
  assert.deepEqual(await dhcp('snomM700-1'), { vendor: 'Snom', model: 'M700' });
  for (const vc of ['snom', 'snomD7855', 'yealink', 'dslforum.org']) assert.equal(await dhcp(vc), null, vc);
});

test('association: M-series and PA1 are not for this plugin', async () => {
  assert.equal(await host.associate({ vendor: 'Snom', model: 'D785', version: '10.1.226.16' }), 600);
  assert.equal(await host.associate({ vendor: 'Snom', model: 'D785', version: '10.1.198.19' }), 500);
  assert.equal(await host.associate({ vendor: 'Snom', model: '320' }), 300);
  assert.equal(await host.associate({ vendor: 'Snom', model: 'M700' }), 100);
  assert.equal(await host.associate({ vendor: 'Snom', model: 'PA1' }), 100);
  assert.equal(await host.associate({ vendor: 'Yealink', model: 'D785' }), 100);
});

test('files: snom<model>-<MAC>.htm, firmware file, common first files', async () => {
  const device = makeDevice({ mac: '00:04:13:aa:bb:cc', model: 'D785' });
  assert.equal(host.plugin.getRemoteStateTriggerFilename?.(device), 'snomD785-000413AABBCC.htm');
  assert.equal(host.plugin.isSensitiveFilename?.('snomD785-000413AABBCC.htm'), true);
  assert.equal(host.plugin.isSensitiveFilename?.('snomD785.htm'), false);
  assert.ok(host.readFile('snomD785.htm'));
  const written = await host.configure(device, { sip_lines: { '1': { username: 'a', password: 'p', proxy_ip: '10.0.0.2' } } });
  assert.deepEqual([...written.keys()].sort(), ['snomD785-000413AABBCC-firmware.xml', 'snomD785-000413AABBCC.htm']);
  assert.match(host.readFile('snomD785-000413AABBCC-firmware.xml') ?? '', /snomD785-10\.1\.226\.16-SIP-r\.bin/);
  await host.deconfigure(device);
  assert.equal(host.readFile('snomD785-000413AABBCC.htm'), null);
});
