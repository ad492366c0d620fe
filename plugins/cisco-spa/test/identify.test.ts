/** Identification of Cisco SPA and multiplatform phones from what they really send, association, file names. */
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
const dhcp = (vc: string) => host.extract(dhcpRequest({ mac: '00:26:99:aa:bb:cc', vendorClass: vc }));

test('DHCP option 60: the whole model, trailing letters and digits kept', async () => {
  const cases: Array<[string, string]> = [
    ['Cisco SPA508G', 'SPA508G'], ['Cisco Systems, Inc. IP Phone SPA504G', 'SPA504G'], ['Cisco SPA525G2', 'SPA525G2'], ['Cisco SPA525G', 'SPA525G'],
    ['Cisco SPA525g', 'SPA525G'], ['CISCO SPA122', 'SPA122'], ['Cisco SPA303', 'SPA303'], ['LINKSYS SPA-942', 'SPA942'], ['LINKSYS SPA8000', 'SPA8000'],
    ['CISCO ATA190', 'ATA190'], ['CP-8841-3PCC', 'CP-8841-3PCC'], ['CP-7832-3PCC', 'CP-7832-3PCC'],
  ];
  for (const [vc, model] of cases) assert.deepEqual(await dhcp(vc), { vendor: 'Cisco', model }, vc);
  for (const vc of ['Cisco Systems, Inc. IP Phone CP-8841', 'Cisco SPA508Gx', 'dslforum.org', 'yealink', 'Cisco AP c2700', 'MSFT 5.0']) assert.equal(await dhcp(vc), null, vc);
});

test('User-Agents: SPA (MAC and serial), Linksys (serial), multiplatform (MAC), full versions', async () => {
  assert.deepEqual(await ua('Cisco/SPA508G-7.4.8a (0002FDFF2103)(CBT141400UK)'), { vendor: 'Cisco', model: 'SPA508G', version: '7.4.8a', mac: '00:02:fd:ff:21:03', sn: 'CBT141400UK' });
  assert.deepEqual(await ua('Cisco/SPA504G-7.6.2c (00269912ABCD)(CCQ17120XYZ)'), { vendor: 'Cisco', model: 'SPA504G', version: '7.6.2c', mac: '00:26:99:12:ab:cd', sn: 'CCQ17120XYZ' });
  assert.deepEqual(await ua('Cisco/SPA525G2-7.6.2 (CBT141900G7)'), { vendor: 'Cisco', model: 'SPA525G2', version: '7.6.2', sn: 'CBT141900G7' });
  assert.deepEqual(await ua('Linksys/SPA-942-6.1.5(a) (88019FA42805)'), { vendor: 'Cisco', model: 'SPA942', version: '6.1.5(a)', sn: '88019FA42805' });
  assert.deepEqual(await ua('Cisco-CP-8841-3PCC/12.0.7 (00562b0a0b0c)'), { vendor: 'Cisco', model: 'CP-8841-3PCC', version: '12.0.7', mac: '00:56:2b:0a:0b:0c' });
  assert.deepEqual(await ua('Cisco-CP-7832-3PCC/11.0.1MPP (00562b043615)'), { vendor: 'Cisco', model: 'CP-7832-3PCC', version: '11.0.1MPP', mac: '00:56:2b:04:36:15' });
});

test('one malformed field loses only itself; control bytes and 0xFF survive', async () => {
  assert.deepEqual(await ua('Cisco/SPA508G-7.4.8a (0002FDFF21)(CBT141400UK)'), { vendor: 'Cisco', model: 'SPA508G', version: '7.4.8a', sn: 'CBT141400UK' });
  assert.deepEqual(await ua('Cisco-CP-8841-3PCC/beta (00562b0a0b0c)'), { vendor: 'Cisco', model: 'CP-8841-3PCC', mac: '00:56:2b:0a:0b:0c' });
  for (const junk of ['\x14', '\x16', '\x17', '\xff']) {
    assert.deepEqual(await ua(`${junk}Cisco/SPA508G-7.4.8a${junk}(0002FDFF2103)(CBT141400UK)${junk}`), { vendor: 'Cisco', model: 'SPA508G', version: '7.4.8a', mac: '00:02:fd:ff:21:03', sn: 'CBT141400UK' }, JSON.stringify(junk));
    assert.deepEqual(await ua(`Cisco-CP-8841-3PCC/12.0.7${junk}(00562b0a0b0c)${junk}`), { vendor: 'Cisco', model: 'CP-8841-3PCC', version: '12.0.7', mac: '00:56:2b:0a:0b:0c' }, JSON.stringify(junk));
  }
});

test('paths and TFTP names: spa<psn>.cfg, <psn>.xml, /Cisco/CP-…/<mac>.cfg, ATA<MAC>.cnf.xml, <mac>.xml with a SPA OUI', async () => {
  assert.deepEqual(await host.extract(httpRequest('/spa508G.cfg')), { vendor: 'Cisco', model: 'SPA508G' });
  assert.deepEqual(await host.extract(httpRequest('/spa525G2.cfg')), { vendor: 'Cisco', model: 'SPA525G2' });
  assert.deepEqual(await host.extract(httpRequest('/8841-3PCC.xml')), { vendor: 'Cisco' });
  assert.deepEqual(await host.extract(httpRequest('/Cisco/CP-8841-3PCC/00562b0a0b0c.cfg')), { vendor: 'Cisco', model: 'CP-8841-3PCC', mac: '00:56:2b:0a:0b:0c' });
  assert.deepEqual(await host.extract(httpRequest('/002699aabbcc.xml')), { vendor: 'Cisco', mac: '00:26:99:aa:bb:cc' });
  assert.deepEqual(await host.extract(tftpRequest('/spa504G.cfg')), { vendor: 'Cisco', model: 'SPA504G' });
  assert.deepEqual(await host.extract(tftpRequest('spa303.cfg')), { vendor: 'Cisco', model: 'SPA303' });
  assert.deepEqual(await host.extract(tftpRequest('ATA00562B0A0B0C.cnf.xml')), { vendor: 'Cisco', mac: '00:56:2b:0a:0b:0c' });
  // the reference tagged any request with ?mac= as Cisco: a query says nothing of the vendor
  assert.equal(await host.extract(httpRequest('/provision', { query: 'mac=002699aabbcc' })), null);
  assert.equal(await host.extract(httpRequest('/0004f2aabbcc.xml')), null, 'bare /<mac>.xml, MAC not on the OUI list');
  assert.equal(await host.extract(httpRequest('/805ec0aabbcc.cfg', { headers: { 'User-Agent': 'Wget/1.21.2' } })), null, 'generic Wget');
  assert.equal(await host.extract(httpRequest('/x', { headers: { 'User-Agent': 'Mozilla/5.0 Cisco/SPA508G-7.4.8a' } })), null);
  assert.equal(await host.extract(tftpRequest('SEP00562B0A0B0C.cnf.xml')), null, 'an enterprise phone is not this family');
});

test('association: unlisted Cisco models and Cisco without a model are improbable', async () => {
  assert.equal(await host.associate({ vendor: 'Cisco', model: 'SPA508G', version: '7.6.2c' }), 600);
  assert.equal(await host.associate({ vendor: 'Cisco', model: 'SPA508G', version: '7.5.5' }), 500);
  assert.equal(await host.associate({ vendor: 'Cisco', model: 'CP-8841-3PCC', version: '12.0.7' }), 600);
  assert.equal(await host.associate({ vendor: 'Cisco', model: 'CP-8845' }), 100);
  assert.equal(await host.associate({ vendor: 'Cisco', model: 'ATA190' }), 100);
  assert.equal(await host.associate({ vendor: 'Cisco' }), 100, 'an enterprise phone\'s SEP<MAC>.cnf.xml says no more');
  assert.equal(await host.associate({ vendor: 'Polycom', model: 'SPA508G' }), 100);
  assert.equal(await host.associate({ mac: '00:26:99:aa:bb:cc' }), 200);
});

test('sensitive files, trigger, common files, deconfigure', async () => {
  const device = makeDevice({ mac: '00:26:99:aa:bb:cc', model: 'SPA508G' });
  assert.equal(host.plugin.getRemoteStateTriggerFilename?.(device), '002699aabbcc.xml');
  assert.equal(host.plugin.isSensitiveFilename?.('002699aabbcc.xml'), true);
  assert.equal(host.plugin.isSensitiveFilename?.('spa508G.cfg'), false);
  assert.match(host.readFile('spa508G.cfg') ?? '', /<Profile_Rule>http:\/\/10\.0\.0\.1:8667\/\$MA\.xml<\/Profile_Rule>/);
  await host.configure(device, { sip_lines: { '1': { username: 'a', password: 'p', proxy_ip: '10.0.0.2' } } });
  assert.match(host.readFile('002699aabbcc.xml') ?? '', /<User_ID_1_>a<\/User_ID_1_>/);
  await host.deconfigure(device);
  assert.equal(host.readFile('002699aabbcc.xml'), null);
});
