/** Identification of Yealink phones from what they really send, association, file names. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestHost, dhcpRequest, httpRequest, makeDevice, tftpRequest, type TestHost } from '@dialtone/plugin-sdk/testing';
import { PLUGIN_ID, pluginDir } from '../src/index.js';

let host: TestHost;
before(async () => {
  host = await createTestHost(pluginDir, { id: PLUGIN_ID });
});
after(() => host.close());

const ua = (userAgent: string, path = '/805ec0aabbcc.cfg') => host.extract(httpRequest(path, { headers: { 'User-Agent': userAgent } }));

test('User-Agents of T2x/T3x/T4x/T5x, CP and W-series phones, full firmware version', async () => {
  const cases: Array<[string, Record<string, string>]> = [
    ['Yealink SIP-T46S 66.86.0.15 80:5e:c0:12:34:56', { model: 'T46S', version: '66.86.0.15', mac: '80:5e:c0:12:34:56' }],
    ['Yealink SIP-T21P_E2 52.84.0.15 00:15:65:4c:4c:26', { model: 'T21P_E2', version: '52.84.0.15', mac: '00:15:65:4c:4c:26' }],
    ['Yealink SIP-T31G 124.85.257.55 80:5e:c0:d5:7d:72', { model: 'T31G', version: '124.85.257.55', mac: '80:5e:c0:d5:7d:72' }],
    ['Yealink SIP-T54W 96.86.0.45 24:9a:d8:88:d0:f4', { model: 'T54W', version: '96.86.0.45', mac: '24:9a:d8:88:d0:f4' }],
    ['Yealink SIP VP-T49G 51.80.0.100 00:15:65:aa:bb:cc', { model: 'T49G', version: '51.80.0.100', mac: '00:15:65:aa:bb:cc' }],
    ['Yealink SIP-CP920 78.86.0.15 80:5e:c0:01:02:03', { model: 'CP920', version: '78.86.0.15', mac: '80:5e:c0:01:02:03' }],
    ['Yealink W60B 77.85.0.25 80:5e:c0:0a:0b:0c', { model: 'W60B', version: '77.85.0.25', mac: '80:5e:c0:0a:0b:0c' }],
    ['Yealink W90DM 130.87.0.14 44:db:d2:67:58:4b', { model: 'W90DM', version: '130.87.0.14', mac: '44:db:d2:67:58:4b' }],
    ['Yealink-W52P 25.73.0.40 00:15:65:11:22:33', { model: 'W52P', version: '25.73.0.40', mac: '00:15:65:11:22:33' }],
    ['Yealink SIP-T48U 108.86.0.90.1 24:9a:d8:00:00:01', { model: 'T48U', version: '108.86.0.90.1', mac: '24:9a:d8:00:00:01' }],
  ];
  for (const [agent, want] of cases) assert.deepEqual(await ua(agent), { vendor: 'Yealink', ...want }, agent);
});

test('the reference defects are beaten', async () => {
  // the MAC without colons (the reference matched only 17-character MACs)
  assert.deepEqual(await ua('Yealink SIP-T46S 66.86.0.15 805ec0123456'), { vendor: 'Yealink', model: 'T46S', version: '66.86.0.15', mac: '80:5e:c0:12:34:56' });
  // one malformed field loses only itself
  assert.deepEqual(await ua('Yealink SIP-T46S 66.86.0.15 80:5e:c0:zz:34:56', '/x'), { vendor: 'Yealink', model: 'T46S', version: '66.86.0.15' });
  assert.deepEqual(await ua('Yealink SIP-T46S beta 805ec0123456', '/x'), { vendor: 'Yealink', model: 'T46S', mac: '80:5e:c0:12:34:56' });
  assert.deepEqual(await ua('Yealink ??? 66.86.0.15 805ec0123456', '/x'), { vendor: 'Yealink', version: '66.86.0.15', mac: '80:5e:c0:12:34:56' });
  // raw control bytes and 0xFF (as latin-1 decoding gives them) survive
  for (const junk of ['\x14', '\x16', '\x17', '\xff', '\x14\x16\x17\xff']) {
    assert.deepEqual(await ua(`Yealink SIP-T46S${junk} 66.86.0.15 805ec0123456${junk}`, '/x'), { vendor: 'Yealink', model: 'T46S', version: '66.86.0.15', mac: '80:5e:c0:12:34:56' }, JSON.stringify(junk));
    assert.deepEqual(await ua(`${junk}Yealink SIP-T46S 66.86.0.15${junk}805ec0123456`, '/x'), { vendor: 'Yealink', model: 'T46S', version: '66.86.0.15', mac: '80:5e:c0:12:34:56' }, JSON.stringify(junk));
  }
});

test('paths: <mac>.cfg with a Yealink OUI, y0000000000xx.cfg; nothing else', async () => {
  assert.deepEqual(await host.extract(httpRequest('/805ec0aabbcc.cfg')), { vendor: 'Yealink', mac: '80:5e:c0:aa:bb:cc' });
  assert.deepEqual(await host.extract(httpRequest('/001565AABBCC.cfg')), { vendor: 'Yealink', mac: '00:15:65:aa:bb:cc' });
  assert.deepEqual(await host.extract(httpRequest('/y000000000066.cfg')), { vendor: 'Yealink' });
  assert.deepEqual(await host.extract(tftpRequest('805ec0aabbcc.cfg')), { vendor: 'Yealink', mac: '80:5e:c0:aa:bb:cc' });
  assert.deepEqual(await host.extract(tftpRequest('/y000000000108.cfg')), { vendor: 'Yealink' });
  // a request that says nothing of a vendor is not Yealink's
  assert.equal(await host.extract(httpRequest('/0004f2aabbcc.cfg')), null, 'bare /<mac>.cfg, MAC not on the OUI list');
  assert.equal(await host.extract(httpRequest('/0004f2aabbcc.cfg', { headers: { 'User-Agent': 'Wget/1.21.2' } })), null, 'generic Wget');
  assert.equal(await host.extract(httpRequest('/cfg/805ec0aabbcc.cfg')), null);
  assert.equal(await host.extract(httpRequest('/x', { headers: { 'User-Agent': 'Mozilla/5.0 (X11; Linux) yealink-fan/1.0' } })), null, 'yealink not at the start');
  assert.equal(await host.extract(httpRequest('/x', { query: 'mac=805ec0aabbcc' })), null);
  assert.equal(await host.extract(tftpRequest('0004f2aabbcc.cfg')), null);
});

test('DHCP option 60 "yealink" gives the vendor; other classes nothing', async () => {
  assert.deepEqual(await host.extract(dhcpRequest({ mac: '80:5e:c0:aa:bb:cc', vendorClass: 'yealink' })), { vendor: 'Yealink' });
  for (const vc of ['dslforum.org', 'MSFT 5.0', 'udhcp 1.30.1', 'Polycom-VVX411', '']) {
    assert.equal(await host.extract(dhcpRequest({ mac: '80:5e:c0:aa:bb:cc', vendorClass: vc })), null, vc);
  }
});

test('extraction is synchronous (no hook): provd answers a known phone without a promise', () => {
  const answer = host.plugin.extractors?.http?.extract(httpRequest('/805ec0aabbcc.cfg'));
  assert.ok(!(answer instanceof Promise));
});

test('association', async () => {
  assert.equal(await host.associate({ vendor: 'Yealink', model: 'T46S', version: '66.86.0.15' }), 600);
  assert.equal(await host.associate({ vendor: 'Yealink', model: 'T46S', version: '66.84.0.10' }), 500);
  assert.equal(await host.associate({ vendor: 'Yealink', model: 'T99X' }), 300);
  assert.equal(await host.associate({ vendor: 'Yealink' }), 300);
  assert.equal(await host.associate({ vendor: 'Polycom', model: 'T46S' }), 100);
  assert.equal(await host.associate({ mac: '80:5e:c0:aa:bb:cc' }), 200);
});

test('sensitive files, trigger, deconfigure', async () => {
  const device = makeDevice({ mac: '80:5e:c0:aa:bb:cc', model: 'T46S' });
  assert.equal(host.plugin.getRemoteStateTriggerFilename?.(device), '805ec0aabbcc.cfg');
  assert.equal(host.plugin.isSensitiveFilename?.('805ec0aabbcc.cfg'), true);
  assert.equal(host.plugin.isSensitiveFilename?.('y000000000066.cfg'), false);
  await host.configure(device, { sip_lines: { '1': { username: 'a', password: 'p', proxy_ip: '10.0.0.2' } } });
  assert.match(host.readFile('805ec0aabbcc.cfg') ?? '', /^account\.1\.user_name = a$/m);
  await host.deconfigure(device);
  assert.equal(host.readFile('805ec0aabbcc.cfg'), null);
});
