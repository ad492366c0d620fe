/** Identification of Aastra/Mitel phones from what they really send, association, file names. */
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

test('User-Agents: Aastra and Mitel names, the short 5xi forms, full version', async () => {
  assert.deepEqual(await ua('Aastra6731i MAC:00-08-5D-1A-2B-3C V:3.3.1.4305-SIP'), { vendor: 'Aastra', model: '6731i', mac: '00:08:5d:1a:2b:3c', version: '3.3.1.4305' });
  assert.deepEqual(await ua('Mitel6869i MAC:00-08-5D-AA-BB-CC V:6.4.0.140-SIP'), { vendor: 'Aastra', model: '6869i', mac: '00:08:5d:aa:bb:cc', version: '6.4.0.140' });
  assert.deepEqual(await ua('Aastra55i MAC:00-08-5D-11-22-33 V:2.6.0.2019-SIP'), { vendor: 'Aastra', model: '55i', mac: '00:08:5d:11:22:33', version: '2.6.0.2019' });
  assert.deepEqual(await ua('Aastra57iCT MAC:00-08-5D-11-22-34 V:3.3.1.4053-SIP'), { vendor: 'Aastra', model: '57iCT', mac: '00:08:5d:11:22:34', version: '3.3.1.4053' });
});

test('one malformed field loses only itself; control bytes and 0xFF survive', async () => {
  assert.deepEqual(await ua('Aastra6731i MAC:00-08-5D-1A-2B V:3.3.1.4305-SIP'), { vendor: 'Aastra', model: '6731i', version: '3.3.1.4305' });
  assert.deepEqual(await ua('Aastra6731i MAC:00-08-5D-1A-2B-3C V:beta-SIP'), { vendor: 'Aastra', model: '6731i', mac: '00:08:5d:1a:2b:3c' });
  for (const junk of ['\x14', '\x16', '\x17', '\xff']) {
    assert.deepEqual(await ua(`Aastra6731i${junk}MAC:00-08-5D-1A-2B-3C${junk}V:3.3.1.4305-SIP${junk}`), { vendor: 'Aastra', model: '6731i', mac: '00:08:5d:1a:2b:3c', version: '3.3.1.4305' }, JSON.stringify(junk));
  }
});

test('paths: aastra.cfg, /<MAC>.cfg with an Aastra OUI; nothing vendor-less', async () => {
  assert.deepEqual(await host.extract(httpRequest('/aastra.cfg')), { vendor: 'Aastra' });
  assert.deepEqual(await host.extract(httpRequest('/00085D1A2B3C.cfg')), { vendor: 'Aastra', mac: '00:08:5d:1a:2b:3c' });
  assert.deepEqual(await host.extract(tftpRequest('00085D1A2B3C.cfg')), { vendor: 'Aastra', mac: '00:08:5d:1a:2b:3c' });
  assert.equal(await host.extract(httpRequest('/805EC0AABBCC.cfg')), null, 'bare /<MAC>.cfg, not an Aastra OUI');
  assert.equal(await host.extract(httpRequest('/805ec0aabbcc.cfg', { headers: { 'User-Agent': 'Wget/1.21.2' } })), null, 'generic Wget');
  assert.equal(await host.extract(dhcpRequest({ mac: '00:08:5d:1a:2b:3c', vendorClass: 'dslforum.org' })), null);
});

test('association', async () => {
  assert.equal(await host.associate({ vendor: 'Aastra', model: '6869i', version: '6.4.0.140' }), 600);
  assert.equal(await host.associate({ vendor: 'Aastra', model: '6731i', version: '3.3.1.4305' }), 500);
  assert.equal(await host.associate({ vendor: 'Aastra', model: '55i' }), 300);
  assert.equal(await host.associate({ vendor: 'Snom', model: '6869i' }), 100);
});

test('files, trigger, common file, deconfigure', async () => {
  const device = makeDevice({ mac: '00:08:5d:1a:2b:3c', model: '6869i' });
  assert.equal(host.plugin.getRemoteStateTriggerFilename?.(device), '00085D1A2B3C.cfg');
  assert.equal(host.plugin.isSensitiveFilename?.('00085D1A2B3C.cfg'), true);
  assert.equal(host.plugin.isSensitiveFilename?.('aastra.cfg'), false);
  assert.match(host.readFile('aastra.cfg') ?? '', /^http server: 10\.0\.0\.1:8667$/m);
  await host.configure(device, { sip_lines: { '1': { username: 'a', password: 'p', proxy_ip: '10.0.0.2' } } });
  assert.match(host.readFile('00085D1A2B3C.cfg') ?? '', /^sip line1 user name: a$/m);
  await host.deconfigure(device);
  assert.equal(host.readFile('00085D1A2B3C.cfg'), null);
});
