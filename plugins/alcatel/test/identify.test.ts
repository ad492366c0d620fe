/** ALE SIP DeskPhone identification and association, on the built plugin. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dhcpRequest, httpRequest, makeDevice, tftpRequest } from '@dialtone/plugin-sdk/testing';
import { stagedTestHost } from '@dialtone/plugin-tools';
import { PLUGIN_ID, pluginDir } from '../src/index.js';

const built = stagedTestHost(pluginDir, PLUGIN_ID);

const V = 'Alcatel-Lucent';
const ua = (userAgent: string, path = '/x') => built.host.extract(httpRequest(path, { headers: { 'User-Agent': userAgent } }));

test('User-Agent: model (the -CE variant is the same model), full version, MAC', async () => {
  assert.deepEqual(await ua('ALE M3-CE 2.11.01.1604 3c28a620089e'), { vendor: V, model: 'M3', version: '2.11.01.1604', mac: '3c:28:a6:20:08:9e' });
  assert.deepEqual(await ua('ALE 8028s 1.51.52.2102 3C28A6200001'), { vendor: V, model: '8028s', version: '1.51.52.2102', mac: '3c:28:a6:20:00:01' });
  assert.deepEqual(await ua('ALE H3G 1.2.3.4.5 3c28a6200002'), { vendor: V, model: 'H3G', version: '1.2.3.4.5', mac: '3c:28:a6:20:00:02' });
});

test('one malformed field loses only itself; control bytes and 0xFF survive', async () => {
  assert.deepEqual(await ua('ALE M5 2.13.02.100 3c28a62008'), { vendor: V, model: 'M5', version: '2.13.02.100' });
  assert.deepEqual(await ua('ALE M5 beta 3c28a620089e'), { vendor: V, model: 'M5', mac: '3c:28:a6:20:08:9e' });
  for (const junk of ['\x14', '\x16', '\x17', '\xff']) {
    assert.deepEqual(await ua(`${junk}ALE M7 2.13.02.100${junk}3c28a620089e${junk}`), { vendor: V, model: 'M7', version: '2.13.02.100', mac: '3c:28:a6:20:08:9e' }, JSON.stringify(junk));
  }
  assert.equal(await ua('ALEX 2.0 3c28a620089e'), null);
});

test('DHCP classes name the vendor; paths: model files and config.<mac>.xml of an ALE MAC only', async () => {
  for (const vc of ['aledevice', 'alcatel.ictouch.0', 'ictouch.0', 'alcatel.sip.0', 'alcatel.noe.0']) {
    assert.deepEqual(await built.host.extract(dhcpRequest({ mac: '3c:28:a6:20:08:9e', vendorClass: vc })), { vendor: V }, vc);
  }
  assert.equal(await built.host.extract(dhcpRequest({ mac: '3c:28:a6:20:08:9e', vendorClass: 'aledevice2' })), null);
  assert.deepEqual(await built.host.extract(httpRequest('/config.M3.xml')), { vendor: V, model: 'M3' });
  assert.deepEqual(await built.host.extract(httpRequest('/config.8078s.xml')), { vendor: V, model: '8078s' });
  assert.deepEqual(await built.host.extract(httpRequest('/config.3c28a620089e.xml')), { vendor: V, mac: '3c:28:a6:20:08:9e' });
  assert.equal(await built.host.extract(httpRequest('/config.001122334455.xml')), null, 'not an ALE MAC');
  assert.equal(await built.host.extract(httpRequest('/config.xml')), null);
  assert.equal(await built.host.extract(tftpRequest('config.3c28a620089e.xml')), null, 'not a TFTP name of theirs');
});

test('IP Touch 40x8: identified (User-Agent, sipconfig-<mac>.txt, TFTP lanpbx.cfg), never taken', async () => {
  assert.deepEqual(await ua('Alcatel IP Touch 4028/2.01.20', '/sipconfig-00809f123456.txt'), { vendor: V, model: '4028', version: '2.01.20', mac: '00:80:9f:12:34:56' });
  assert.deepEqual(await ua('\x17Alcatel IP Touch 4068/2.01.20\xff'), { vendor: V, model: '4068', version: '2.01.20' });
  assert.deepEqual(await built.host.extract(tftpRequest('/lanpbx.cfg')), { vendor: V });
  assert.deepEqual(await ua('Alcatel IP Touch 8068/2.01.20'), { vendor: V, version: '2.01.20' }, 'not an IP Touch model: only the model is lost');
  for (const model of ['4028', '4038', '4068']) assert.equal(await built.host.associate({ vendor: V, model, version: '2.01.20' }), 100, model);
});

test('association', async () => {
  assert.equal(await built.host.associate({ vendor: V, model: 'M7', version: '2.13.02' }), 600);
  assert.equal(await built.host.associate({ vendor: V, model: '8018', version: '1.51.52' }), 500);
  assert.equal(await built.host.associate({ vendor: V }), 300);
  assert.equal(await built.host.associate({ vendor: 'Yealink', model: 'M7' }), 100);
});

test('sensitive files and the remote-state trigger', () => {
  assert.equal(built.host.plugin.getRemoteStateTriggerFilename?.(makeDevice({ mac: '3c:28:a6:20:08:9e' })), 'config.3c28a620089e.xml');
  assert.equal(built.host.plugin.isSensitiveFilename?.('config.3c28a620089e.xml'), true);
  assert.equal(built.host.plugin.isSensitiveFilename?.('config.M3.xml'), false);
});
