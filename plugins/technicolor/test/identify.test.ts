/** Identification of Technicolor/Thomson phones from what they really send, association, file names. */
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

test('User-Agents of the three models: model, full firmware version, MAC', async () => {
  assert.deepEqual(await ua('THOMSON ST2030 hw5 fw2.74 00-14-7F-E1-47-B3'), { vendor: 'Technicolor', model: 'ST2030', version: '2.74', mac: '00:14:7f:e1:47:b3' });
  assert.deepEqual(await ua('THOMSON ST2022 hw2 fw4.68 00-14-7F-E1-FC-6D'), { vendor: 'Technicolor', model: 'ST2022', version: '4.68', mac: '00:14:7f:e1:fc:6d' });
  assert.deepEqual(await ua('Thomson TB30 hw1 fw1.74.0 00-1F-9F-84-F1-80'), { vendor: 'Technicolor', model: 'TB30', version: '1.74.0', mac: '00:1f:9f:84:f1:80' });
});

test('one malformed field loses only itself', async () => {
  assert.deepEqual(await ua('THOMSON ST2030 hw5 fw2.74 00-14-7F-E1-47'), { vendor: 'Technicolor', model: 'ST2030', version: '2.74' });
  assert.deepEqual(await ua('THOMSON ST2030 hw5 fwX 00-14-7F-E1-47-B3'), { vendor: 'Technicolor', model: 'ST2030', mac: '00:14:7f:e1:47:b3' });
});

test('boot and configuration file names over HTTP and TFTP', async () => {
  assert.deepEqual(await host.extract(httpRequest('/ST2030S.inf')), { vendor: 'Technicolor', model: 'ST2030' });
  assert.deepEqual(await host.extract(tftpRequest('TB30S_001F9F84F180.txt')), { vendor: 'Technicolor', model: 'TB30', mac: '00:1f:9f:84:f1:80' });
  assert.deepEqual(await host.extract(tftpRequest('/ST2022S.inf')), { vendor: 'Technicolor', model: 'ST2022' });
});

test('nothing else is claimed', async () => {
  assert.equal(await ua('Thomson TG789vn (SpeedTouch gateway)'), null);
  assert.equal(await ua('Wget/1.21.2', '/001122334455.cfg'), null);
  assert.equal(await host.extract(httpRequest('/ST2040S.inf')), null);
  assert.equal(await host.extract(tftpRequest('001122334455.txt')), null);
  assert.equal(await host.extract(dhcpRequest({ mac: '00:14:7f:e1:47:b3', vendorClass: 'dslforum.org' })), null);
});

test('association: each model EXACT at its own firmware only', async () => {
  assert.equal(await host.associate({ vendor: 'Technicolor', model: 'ST2030', version: '2.74' }), 600);
  assert.equal(await host.associate({ vendor: 'Technicolor', model: 'TB30', version: '2.74' }), 500);
  assert.equal(await host.associate({ vendor: 'Technicolor', model: 'ST2030', version: '2.72' }), 500);
  assert.equal(await host.associate({ vendor: 'Technicolor', model: 'ST2040' }), 300);
  assert.equal(await host.associate({ vendor: 'Snom', model: 'ST2030' }), 100);
});

test('files, trigger, sensitive names, deconfigure', async () => {
  const device = makeDevice({ mac: '00:14:7f:e1:47:b3', model: 'ST2030' });
  assert.equal(host.plugin.getRemoteStateTriggerFilename?.(device), 'ST2030S_00147FE147B3.txt');
  assert.equal(host.plugin.isSensitiveFilename?.('ST2030S_00147FE147B3.txt'), true);
  assert.equal(host.plugin.isSensitiveFilename?.('ST2030S.inf'), false);
  await host.configure(device, { sip_lines: { '1': { username: 'a', password: 'p', proxy_ip: '10.0.0.2' } } });
  assert.match(host.readFile('ST2030S_00147FE147B3.txt', 'latin1') ?? '', /^User_Name=a$/m);
  await host.deconfigure(device);
  assert.equal(host.readFile('ST2030S_00147FE147B3.txt'), null);
});
