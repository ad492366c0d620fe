/** Identification of Fanvil phones from what they really send, association, file names. */
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

test('User-Agents: model (spaces as dashes), full version, MAC', async () => {
  assert.deepEqual(await ua('Fanvil X4 2.10.2.6887 0c383e07e16c'), { vendor: 'Fanvil', model: 'X4', version: '2.10.2.6887', mac: '0c:38:3e:07:e1:6c' });
  assert.deepEqual(await ua('Fanvil X6U Pro 0.0.10 0c383e2cd782'), { vendor: 'Fanvil', model: 'X6U-Pro', version: '0.0.10', mac: '0c:38:3e:2c:d7:82' });
  assert.deepEqual(await ua('Fanvil X5U-V2 2.12.16.17 0c383e557eb1'), { vendor: 'Fanvil', model: 'X5U-V2', version: '2.12.16.17', mac: '0c:38:3e:55:7e:b1' });
  assert.deepEqual(await ua('Fanvil i10SV 2.12.10.1 0c383e2397f4'), { vendor: 'Fanvil', model: 'i10SV', version: '2.12.10.1', mac: '0c:38:3e:23:97:f4' });
  assert.deepEqual(await ua('Fanvil H2U-V2 2.12.0 0c383e32342e'), { vendor: 'Fanvil', model: 'H2U-V2', version: '2.12.0', mac: '0c:38:3e:32:34:2e' });
});

test('one malformed field loses only itself; control bytes and 0xFF survive', async () => {
  assert.deepEqual(await ua('Fanvil X4 2.10.2.6887 0c383e07e1'), { vendor: 'Fanvil', model: 'X4', version: '2.10.2.6887' });
  assert.deepEqual(await ua('Fanvil ?? 2.10.2.6887 0c383e07e16c'), { vendor: 'Fanvil', version: '2.10.2.6887', mac: '0c:38:3e:07:e1:6c' });
  for (const junk of ['\x14', '\x16', '\x17', '\xff']) {
    assert.deepEqual(await ua(`Fanvil${junk}X4 2.10.2.6887${junk}0c383e07e16c${junk}`), { vendor: 'Fanvil', model: 'X4', version: '2.10.2.6887', mac: '0c:38:3e:07:e1:6c' }, JSON.stringify(junk));
  }
});

test('paths: bootstrap files name the model, /<mac>.cfg only with a Fanvil OUI', async () => {
  assert.deepEqual(await host.extract(httpRequest('/f0X4hw1.100.cfg')), { vendor: 'Fanvil', model: 'X4' });
  assert.deepEqual(await host.extract(httpRequest('/0c383eaabbcc.cfg')), { vendor: 'Fanvil', mac: '0c:38:3e:aa:bb:cc' });
  assert.deepEqual(await host.extract(tftpRequest('0c383eaabbcc.cfg')), { vendor: 'Fanvil', mac: '0c:38:3e:aa:bb:cc' });
  assert.equal(await host.extract(httpRequest('/805ec0aabbcc.cfg')), null, 'bare /<mac>.cfg, not a Fanvil OUI (the reference took the MAC of any)');
  assert.equal(await host.extract(httpRequest('/805ec0aabbcc.cfg', { headers: { 'User-Agent': 'Wget/1.21.2' } })), null, 'generic Wget');
  assert.equal(await host.extract(httpRequest('/x', { headers: { 'User-Agent': 'Mozilla/5.0 Fanvil X4 fan page' } })), null);
  assert.equal(await host.extract(dhcpRequest({ mac: '0c:38:3e:aa:bb:cc', vendorClass: 'dslforum.org' })), null);
});

test('association', async () => {
  assert.equal(await host.associate({ vendor: 'Fanvil', model: 'X4U', version: '2.12.20' }), 600);
  assert.equal(await host.associate({ vendor: 'Fanvil', model: 'X4U', version: '2.12.16.17' }), 500);
  assert.equal(await host.associate({ vendor: 'Fanvil', model: 'X9' }), 300);
  assert.equal(await host.associate({ vendor: 'Yealink', model: 'X4U' }), 100);
});

test('files, trigger, deconfigure', async () => {
  const device = makeDevice({ mac: '0c:38:3e:aa:bb:cc', model: 'X4U' });
  assert.equal(host.plugin.getRemoteStateTriggerFilename?.(device), '0c383eaabbcc.cfg');
  assert.equal(host.plugin.isSensitiveFilename?.('0c383eaabbcc.cfg'), true);
  await host.configure(device, { sip_lines: { '1': { username: 'a', password: 'p', proxy_ip: '10.0.0.2' } } });
  assert.match(host.readFile('0c383eaabbcc.cfg') ?? '', /^SIP1 Register User :a$/m);
  await host.deconfigure(device);
  assert.equal(host.readFile('0c383eaabbcc.cfg'), null);
});
