/** Identification of Polycom phones from what they really send, association, file names. */
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

test('User-Agents of SoundPoint, SoundStation, VVX, Edge and CCX phones', async () => {
  const cases: Array<[string, Record<string, string>]> = [
    ['FileTransport PolycomVVX-VVX_411-UA/6.4.6.2022 (SN:0004f2aabbcc) Type/Application', { model: 'VVX411', version: '6.4.6.2022', mac: '00:04:f2:aa:bb:cc', sn: '0004f2aabbcc' }],
    ['FileTransport PolycomVVX-VVX_410-UA/5.9.5.0614 Type/Application', { model: 'VVX410', version: '5.9.5.0614' }],
    ['FileTransport PolycomSoundStationIP-SSIP_6000-UA/4.0.4.2906 Type/Application', { model: 'SSIP6000', version: '4.0.4.2906' }],
    ['FileTransport PolyEdge-Edge_E450-UA/8.0.3.6049 Type/Application', { model: 'E450', version: '8.0.3.6049' }],
    ['FileTransport PolyCCX-CCX_600-UA/8.0.2.3267 (SN:482567b5313f) Type/Application', { model: 'CCX600', version: '8.0.2.3267', mac: '48:25:67:b5:31:3f', sn: '482567b5313f' }],
  ];
  for (const [agent, want] of cases) assert.deepEqual(await ua(agent), { vendor: 'Polycom', ...want }, agent);
});

test('the updater and BootROM versions are not taken for the firmware version', async () => {
  assert.deepEqual(await ua('FileTransport PolycomSoundStationIP-SSIP_6000-UA/5.0.3.1667 Type/Updater'), { vendor: 'Polycom', model: 'SSIP6000' });
  assert.deepEqual(await ua('FileTransport PolycomVVX-VVX_411-UA/6.4.6.2022 (SN:0004f2aabbcc) Type/Updater'), { vendor: 'Polycom', model: 'VVX411', mac: '00:04:f2:aa:bb:cc', sn: '0004f2aabbcc' });
  assert.deepEqual(await ua('FileTransport PolycomSoundPointIP-SPIP_335-UA/3.2.1.0078'), { vendor: 'Polycom', model: 'SPIP335' }, 'no Type: BootROM or application, unknown');
  assert.deepEqual(await ua('FileTransport PolycomVVX-VVX_411-UA/6.4.6.2022 Type/ApplicationX'), { vendor: 'Polycom', model: 'VVX411' });
});

test('one malformed field loses only itself; control bytes and 0xFF survive', async () => {
  assert.deepEqual(await ua('FileTransport PolycomVVX-VVX_411-UA/6.4.6.2022 (SN:0004f2aabb) Type/Application'), { vendor: 'Polycom', model: 'VVX411', version: '6.4.6.2022' });
  assert.deepEqual(await ua('FileTransport PolycomVVX-???-UA/6.4.6.2022 (SN:0004f2aabbcc) Type/Application'), { vendor: 'Polycom', version: '6.4.6.2022', mac: '00:04:f2:aa:bb:cc', sn: '0004f2aabbcc' });
  for (const junk of ['\x14', '\x16', '\x17', '\xff']) {
    assert.deepEqual(
      await ua(`${junk}FileTransport${junk}PolycomVVX-VVX_411-UA/6.4.6.2022${junk}(SN:0004f2aabbcc)${junk}Type/Application${junk}`),
      { vendor: 'Polycom', model: 'VVX411', version: '6.4.6.2022', mac: '00:04:f2:aa:bb:cc', sn: '0004f2aabbcc' },
      JSON.stringify(junk),
    );
  }
});

test('paths and TFTP names: Polycom-only names, /<mac>.cfg with a Polycom OUI', async () => {
  assert.deepEqual(await host.extract(httpRequest('/0004f2aabbcc.cfg')), { vendor: 'Polycom', mac: '00:04:f2:aa:bb:cc' });
  assert.deepEqual(await host.extract(httpRequest('/64167faabbcc-user.cfg')), { vendor: 'Polycom', mac: '64:16:7f:aa:bb:cc' });
  assert.deepEqual(await host.extract(httpRequest('/logs/64167faabbcc-app.log', { method: 'PUT' })), { vendor: 'Polycom', mac: '64:16:7f:aa:bb:cc' });
  assert.deepEqual(await host.extract(httpRequest('/000000000000.cfg')), { vendor: 'Polycom' });
  assert.deepEqual(await host.extract(tftpRequest('0004f2aabbcc-boot.log')), { vendor: 'Polycom', mac: '00:04:f2:aa:bb:cc' });
  assert.deepEqual(await host.extract(tftpRequest('000000000000.cfg')), { vendor: 'Polycom' });
  // with the UA, the path gives the MAC the UA lacks
  assert.deepEqual(await ua('FileTransport PolycomVVX-VVX_410-UA/5.9.5.0614 Type/Application', '/0004f2aabbcc-user.cfg'), { vendor: 'Polycom', model: 'VVX410', version: '5.9.5.0614', mac: '00:04:f2:aa:bb:cc' });
  // nothing that says nothing of Polycom
  assert.equal(await host.extract(httpRequest('/805ec0aabbcc.cfg')), null, 'bare /<mac>.cfg, MAC not on the OUI list');
  assert.equal(await host.extract(httpRequest('/805ec0aabbcc.cfg', { headers: { 'User-Agent': 'Wget/1.21.2' } })), null, 'generic Wget');
  assert.equal(await host.extract(httpRequest('/x', { headers: { 'User-Agent': 'Mozilla/5.0 FileTransport PolycomVVX' } })), null);
  assert.equal(await host.extract(httpRequest('/x', { query: 'mac=0004f2aabbcc' })), null);
  assert.equal(await host.extract(tftpRequest('805ec0aabbcc.cfg')), null);
});

test('DHCP option 60', async () => {
  const dhcp = (vc: string) => host.extract(dhcpRequest({ mac: '00:04:f2:aa:bb:cc', vendorClass: vc }));
  assert.deepEqual(await dhcp('Polycom-VVX411'), { vendor: 'Polycom', model: 'VVX411' });
  assert.deepEqual(await dhcp('Polycom-SoundPointIP-SPIP_550'), { vendor: 'Polycom', model: 'SPIP550' });
  for (const vc of ['yealink', 'dslforum.org', 'Polycom', 'MSFT 5.0']) assert.equal(await dhcp(vc), null, vc);
});

test('association: any listed model at 6.4.6 is EXACT', async () => {
  assert.equal(await host.associate({ vendor: 'Polycom', model: 'VVX411', version: '6.4.6.2022' }), 600);
  assert.equal(await host.associate({ vendor: 'Polycom', model: 'VVX411', version: '6.4.60.1' }), 500, 'prefix with the dot');
  assert.equal(await host.associate({ vendor: 'Polycom', model: 'E450', version: '8.0.3.6049' }), 500);
  assert.equal(await host.associate({ vendor: 'Polycom', model: 'VVX999' }), 300);
  assert.equal(await host.associate({ vendor: 'Yealink', model: 'VVX411' }), 100);
  assert.equal(await host.associate({ mac: '00:04:f2:aa:bb:cc' }), 200);
});

test('sensitive files, trigger, common files, deconfigure', async () => {
  const device = makeDevice({ mac: '00:04:f2:aa:bb:cc', model: 'VVX411' });
  assert.equal(host.plugin.getRemoteStateTriggerFilename?.(device), '0004f2aabbcc-user.cfg');
  assert.equal(host.plugin.isSensitiveFilename?.('0004f2aabbcc-user.cfg'), true);
  assert.equal(host.plugin.isSensitiveFilename?.('000000000000.cfg'), false);
  assert.match(host.readFile('000000000000.cfg') ?? '', /CONFIG_FILES="\[PHONE_MAC_ADDRESS\]-user\.cfg, common\.cfg"/);
  await host.configure(device, { sip_lines: { '1': { username: 'a', password: 'p', proxy_ip: '10.0.0.2' } } });
  assert.match(host.readFile('0004f2aabbcc-user.cfg') ?? '', /reg\.1\.address="a"/);
  await host.deconfigure(device);
  assert.equal(host.readFile('0004f2aabbcc-user.cfg'), null);
});
