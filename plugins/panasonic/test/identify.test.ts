/** Panasonic identification and association, on the built plugin. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dhcpRequest, httpRequest, makeDevice, tftpRequest } from '@dialtone/plugin-sdk/testing';
import { stagedTestHost } from '@dialtone/plugin-tools';
import { PLUGIN_ID, pluginDir } from '../src/index.js';

const built = stagedTestHost(pluginDir, PLUGIN_ID);

const ua = (userAgent: string, path = '/x') => built.host.extract(httpRequest(path, { headers: { 'User-Agent': userAgent } }));

test('User-Agent: model, full version, MAC', async () => {
  assert.deepEqual(await ua('Panasonic_KX-UT113/01.133 (0080f0c8c381)'), { vendor: 'Panasonic', model: 'KX-UT113', version: '01.133', mac: '00:80:f0:c8:c3:81' });
  assert.deepEqual(await ua('Panasonic_KX-HDV230NE/12.080 (0080F0AABBCC)'), { vendor: 'Panasonic', model: 'KX-HDV230NE', version: '12.080', mac: '00:80:f0:aa:bb:cc' });
});

test('one malformed field loses only itself; control bytes and 0xFF survive', async () => {
  assert.deepEqual(await ua('Panasonic_KX-UT133/01.133 (0080f0c8c3)'), { vendor: 'Panasonic', model: 'KX-UT133', version: '01.133' });
  assert.deepEqual(await ua('Panasonic_KX-UT133/beta (0080f0c8c381)'), { vendor: 'Panasonic', model: 'KX-UT133', mac: '00:80:f0:c8:c3:81' });
  for (const junk of ['\x14', '\x16', '\x17', '\xff']) {
    assert.deepEqual(await ua(`${junk}Panasonic_KX-HDV130/01.133 ${junk}(0080f0c8c381)${junk}`), { vendor: 'Panasonic', model: 'KX-HDV130', version: '01.133', mac: '00:80:f0:c8:c3:81' }, JSON.stringify(junk));
  }
});

test('paths: the model file and Panasonic/Config<MAC>.cfg; nothing else', async () => {
  assert.deepEqual(await built.host.extract(httpRequest('/KX-HDV330.cfg')), { vendor: 'Panasonic', model: 'KX-HDV330' });
  assert.deepEqual(await built.host.extract(httpRequest('/Panasonic/Config0080F0C8C381.cfg')), { vendor: 'Panasonic', mac: '00:80:f0:c8:c3:81' });
  assert.equal(await built.host.extract(httpRequest('/0080f0c8c381.cfg')), null);
  assert.equal(await built.host.extract(httpRequest('/Config0080F0C8C381.cfg')), null);
  assert.equal(await ua('Wget/1.21'), null);
  assert.equal(await built.host.extract(tftpRequest('KX-UT113.cfg')), null);
  assert.equal(await built.host.extract(dhcpRequest({ mac: '00:80:f0:c8:c3:81', vendorClass: 'Panasonic' })), null);
});

test('association: an unlisted Panasonic model is UNKNOWN, as in the reference', async () => {
  assert.equal(await built.host.associate({ vendor: 'Panasonic', model: 'KX-UT113', version: '01.133' }), 600);
  assert.equal(await built.host.associate({ vendor: 'Panasonic', model: 'KX-HDV230', version: '12.080' }), 500);
  assert.equal(await built.host.associate({ vendor: 'Panasonic', model: 'KX-TGP500' }), 200);
  assert.equal(await built.host.associate({ vendor: 'Yealink', model: 'KX-UT113' }), 100);
});

test('sensitive files and the remote-state trigger (upper-case MAC); served over HTTP only', () => {
  assert.equal(built.host.plugin.getRemoteStateTriggerFilename?.(makeDevice({ mac: '00:80:f0:c8:c3:81' })), 'Config0080F0C8C381.cfg');
  assert.equal(built.host.plugin.isSensitiveFilename?.('Panasonic/Config0080F0C8C381.cfg'), true);
  assert.equal(built.host.plugin.isSensitiveFilename?.('KX-UT113.cfg'), false);
  assert.equal(built.host.plugin.tftp, false);
});
