/** Identification of SmartNode gateways from what they really send, association, file names. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestHost, dhcpRequest, httpRequest, makeDevice, tftpRequest, type TestHost } from '@dialtone/plugin-sdk/testing';
import { copyPlugin, PLUGIN_ID } from '../src/index.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let host: TestHost;
let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'patton-'));
  await copyPlugin(join(dir, PLUGIN_ID));
  host = await createTestHost(join(dir, PLUGIN_ID), { id: PLUGIN_ID });
});
after(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

const ua = (userAgent: string, path = '/x') => host.extract(httpRequest(path, { headers: { 'User-Agent': userAgent } }));

test('User-Agent: model without its variant suffix, serial as MAC, the full software release', async () => {
  assert.deepEqual(await ua('SmartNode (Model:SN4112/JS/EUI; Serial:00A0BA08933C; Software Version:R6.2 2012-09-11 H323 SIP FXS FXO; Hardware Version:4.4)'), { vendor: 'Patton', model: 'SN4112', version: '6.2', mac: '00:a0:ba:08:93:3c' });
  assert.deepEqual(await ua('SmartNode (Model:SN4316/JS; Serial:00A0BA0BA9A5; Software Version:R6.11 2019-07-02 H323 SIP FXS FXO; Hardware Version:2.3)'), { vendor: 'Patton', model: 'SN4316', version: '6.11', mac: '00:a0:ba:0b:a9:a5' });
  assert.deepEqual(await ua('SmartNode (Model:SN4112S/JS/EUI; Serial:00A0BA08933C; Software Version:R6.10.2 2018-01-01 H323 SIP FXS FXO; Hardware Version:4.4)'), { vendor: 'Patton', model: 'SN4112S', version: '6.10.2', mac: '00:a0:ba:08:93:3c' });
});

test('one malformed field loses only itself', async () => {
  assert.deepEqual(await ua('SmartNode (Model:SN4112/JS/EUI; Serial:00A0BA0893; Software Version:R6.11 2019-07-02; Hardware Version:4.4)'), { vendor: 'Patton', model: 'SN4112', version: '6.11' });
  assert.deepEqual(await ua('SmartNode (Model:??; Serial:00A0BA08933C; Software Version:Rx; Hardware Version:4.4)'), { vendor: 'Patton', mac: '00:a0:ba:08:93:3c' });
});

test('the provisioning path gives the MAC only with a Patton OUI; nothing else is claimed', async () => {
  assert.deepEqual(await host.extract(httpRequest('/00a0ba08933c.cfg')), { vendor: 'Patton', mac: '00:a0:ba:08:93:3c' });
  assert.equal(await host.extract(httpRequest('/001122334455.cfg')), null);
  assert.equal(await host.extract(httpRequest('/001122334455.cfg', { headers: { 'User-Agent': 'Wget/1.21.2' } })), null);
  assert.equal(await host.extract(httpRequest('/x', { headers: { 'User-Agent': 'Mozilla/5.0 (SmartNode fan page)' } })), null);
  assert.equal(await host.extract(tftpRequest('00a0ba08933c.cfg')), null, 'no TFTP extractor');
  assert.equal(await host.extract(dhcpRequest({ mac: '00:a0:ba:08:93:3c', vendorClass: 'dslforum.org' })), null);
});

test('association: listed model at 6.11 EXACT, other release COMPLETE, unknown SmartNode UNKNOWN', async () => {
  assert.equal(await host.associate({ vendor: 'Patton', model: 'SN4112', version: '6.11' }), 600);
  assert.equal(await host.associate({ vendor: 'Patton', model: 'SN4112', version: '6.2' }), 500);
  assert.equal(await host.associate({ vendor: 'Patton', model: 'SN4960' }), 200);
  assert.equal(await host.associate({ vendor: 'Snom', model: 'SN4112' }), 100);
});

test('files, trigger, sensitive names, deconfigure; TFTP not served', async () => {
  const device = makeDevice({ mac: '00:a0:ba:08:93:3c', model: 'SN4114' });
  assert.equal(host.plugin.getRemoteStateTriggerFilename?.(device), '00a0ba08933c.cfg');
  assert.equal(host.plugin.isSensitiveFilename?.('00a0ba08933c.cfg'), true);
  assert.equal(host.plugin.tftp, false);
  await host.configure(device, { sip_lines: { '1': { username: '3001', password: 'p', proxy_ip: '10.0.0.2' } } });
  assert.match(host.readFile('00a0ba08933c.cfg') ?? '', /^ {2}username 3001 password p$/m);
  await host.deconfigure(device);
  assert.equal(host.readFile('00a0ba08933c.cfg'), null);
});
