/** Avaya J100 identification and association, on the built plugin. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dhcpRequest, httpRequest, makeDevice, tftpRequest } from '@dialtone/plugin-sdk/testing';
import { stagedTestHost } from '@dialtone/plugin-tools';
import { PLUGIN_ID, pluginDir } from '../src/index.js';

const built = stagedTestHost(pluginDir, PLUGIN_ID);

const ua = (userAgent: string, path = '/c81fea83e85a.cfg') => built.host.extract(httpRequest(path, { headers: { 'User-Agent': userAgent } }));

test('User-Agent: model, full version, MAC', async () => {
  assert.deepEqual(await ua('Mozilla/4.0 (compatible; MSIE 6.0) AVAYA/J179-4.1.3.0.6 (MAC:c81fea83e85a)'), { vendor: 'Avaya', model: 'J179', version: '4.1.3.0.6', mac: 'c8:1f:ea:83:e8:5a' });
  assert.deepEqual(await ua('AVAYA/J129-4.0.11.0.4 (MAC:C81FEA000129)'), { vendor: 'Avaya', model: 'J129', version: '4.0.11.0.4', mac: 'c8:1f:ea:00:01:29' });
});

test('one malformed field loses only itself; control bytes and 0xFF survive', async () => {
  assert.deepEqual(await ua('AVAYA/J139-4.1.3.0.6 (MAC:c81fea83e8)'), { vendor: 'Avaya', model: 'J139', version: '4.1.3.0.6' });
  assert.deepEqual(await ua('AVAYA/J139-beta (MAC:c81fea83e85a)'), { vendor: 'Avaya', model: 'J139', mac: 'c8:1f:ea:83:e8:5a' });
  for (const junk of ['\x14', '\x16', '\x17', '\xff']) {
    assert.deepEqual(await ua(`${junk}AVAYA/J189-4.1.3.0.6${junk}(MAC:c81fea83e85a)${junk}`), { vendor: 'Avaya', model: 'J189', version: '4.1.3.0.6', mac: 'c8:1f:ea:83:e8:5a' }, JSON.stringify(junk));
  }
});

test('DHCP ccp.avaya.com and the upgrade script name the vendor only; nothing else is claimed', async () => {
  assert.deepEqual(await built.host.extract(dhcpRequest({ mac: 'c8:1f:ea:83:e8:5a', vendorClass: 'ccp.avaya.com' })), { vendor: 'Avaya' });
  assert.deepEqual(await built.host.extract(tftpRequest('J100Supgrade.txt')), { vendor: 'Avaya' });
  assert.deepEqual(await built.host.extract(httpRequest('/J100Supgrade.txt')), { vendor: 'Avaya' });
  assert.equal(await built.host.extract(dhcpRequest({ mac: 'c8:1f:ea:83:e8:5a', vendorClass: 'ccp.avaya.com.evil' })), null);
  assert.equal(await built.host.extract(httpRequest('/c81fea83e85a.cfg')), null);
  assert.equal(await built.host.extract(tftpRequest('c81fea83e85a.cfg')), null);
  assert.equal(await ua('Wget/1.21'), null);
});

test('1220/1230: identified (control bytes and 0xFF after the product), never taken', async () => {
  for (const junk of ['\x14', '\x16', '\x17', '\xff']) {
    assert.deepEqual(await ua(`AVAYA/SIP12x0${junk}/04.01.13.00`, '/1230SIP.cfg'), { vendor: 'Avaya', model: '12x0', version: '04.01.13.00' }, JSON.stringify(junk));
  }
  assert.deepEqual(await built.host.extract(tftpRequest('1220.cfg')), { vendor: 'Avaya', model: '1220' });
  assert.deepEqual(await built.host.extract(tftpRequest('/1230SIP.cfg')), { vendor: 'Avaya', model: '1230' });
  assert.deepEqual(await built.host.extract(httpRequest('/1220SIP.cfg')), { vendor: 'Avaya', model: '1220' });
  for (const model of ['12x0', '1220', '1230']) assert.equal(await built.host.associate({ vendor: 'Avaya', model, version: '04.01.13.00' }), 100, model);
});

test('association', async () => {
  assert.equal(await built.host.associate({ vendor: 'Avaya', model: 'J179', version: '4.1.3.0.6' }), 600);
  assert.equal(await built.host.associate({ vendor: 'Avaya', model: 'J169', version: '4.0.11.0.4' }), 500);
  assert.equal(await built.host.associate({ vendor: 'Avaya' }), 300);
  assert.equal(await built.host.associate({ vendor: 'Polycom', model: 'J179' }), 100);
});

test('sensitive files and the remote-state trigger (the reference had none)', () => {
  assert.equal(built.host.plugin.getRemoteStateTriggerFilename?.(makeDevice({ mac: 'c8:1f:ea:83:e8:5a' })), 'c81fea83e85a.cfg');
  assert.equal(built.host.plugin.isSensitiveFilename?.('c81fea83e85a.cfg'), true);
  assert.equal(built.host.plugin.isSensitiveFilename?.('J100Supgrade.txt'), false);
});
