/** Htek identification and association, on the built plugin. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { httpRequest, makeDevice, tftpRequest } from '@dialtone/plugin-sdk/testing';
import { stagedTestHost } from '@dialtone/plugin-tools';
import { PLUGIN_ID, pluginDir } from '../src/index.js';

const built = stagedTestHost(pluginDir, PLUGIN_ID);

const ua = (userAgent: string, path = '/cfg001fc11c22a9.xml') => built.host.extract(httpRequest(path, { headers: { 'User-Agent': userAgent } }));

test('User-Agent: model, full version, MAC with or without colons, the vendor set', async () => {
  assert.deepEqual(await ua('Htek UC903 2.0.4.2 00:1f:c1:1c:22:a9'), { vendor: 'Htek', model: 'UC903', version: '2.0.4.2', mac: '00:1f:c1:1c:22:a9' });
  assert.deepEqual(await ua('Htek UC926E 2.0.4.6.41 001FC11C22A9'), { vendor: 'Htek', model: 'UC926E', version: '2.0.4.6.41', mac: '00:1f:c1:1c:22:a9' });
});

test('one malformed field loses only itself; control bytes and 0xFF survive', async () => {
  assert.deepEqual(await ua('Htek UC912G 2.0.4.6.41 00:1f:c1:1c:22'), { vendor: 'Htek', model: 'UC912G', version: '2.0.4.6.41' });
  assert.deepEqual(await ua('Htek UC912G beta 00:1f:c1:1c:22:a9'), { vendor: 'Htek', model: 'UC912G', mac: '00:1f:c1:1c:22:a9' });
  for (const junk of ['\x14', '\x16', '\x17', '\xff']) {
    assert.deepEqual(await ua(`${junk}Htek UC924 2.0.4.6.41${junk}00:1f:c1:1c:22:a9${junk}`), { vendor: 'Htek', model: 'UC924', version: '2.0.4.6.41', mac: '00:1f:c1:1c:22:a9' }, JSON.stringify(junk));
  }
});

test('model files name the model; a bare cfg<mac>.xml says nothing', async () => {
  assert.deepEqual(await built.host.extract(httpRequest('/cfg0010.xml')), { vendor: 'Htek', model: 'UC926' });
  assert.deepEqual(await built.host.extract(httpRequest('/cfg0017.xml')), { vendor: 'Htek', model: 'UC902' });
  assert.deepEqual(await built.host.extract(httpRequest('/cfg0019.xml')), { vendor: 'Htek' }, 'UC912 and UC912G share it');
  assert.equal(await built.host.extract(httpRequest('/cfg001fc11c22a9.xml')), null);
  assert.equal(await ua('Wget/1.21'), null);
  assert.equal(await ua('Mozilla/5.0 (Htek fan page)'), null);
  assert.equal(await built.host.extract(tftpRequest('cfg0010.xml')), null, 'no TFTP rule');
});

test('association: EXACT at the target firmware, COMPLETE otherwise, PROBABLE for another Htek', async () => {
  assert.equal(await built.host.associate({ vendor: 'Htek', model: 'UC926', version: '2.0.4.6.41' }), 600);
  assert.equal(await built.host.associate({ vendor: 'Htek', model: 'UC903', version: '2.0.4.2' }), 500);
  assert.equal(await built.host.associate({ vendor: 'Htek', model: 'UC862' }), 300);
  assert.equal(await built.host.associate({ vendor: 'Grandstream', model: 'UC926' }), 100);
});

test('sensitive files and the remote-state trigger', () => {
  assert.equal(built.host.plugin.getRemoteStateTriggerFilename?.(makeDevice({ mac: '00:1f:c1:1c:22:a9' })), 'cfg001fc11c22a9.xml');
  assert.equal(built.host.plugin.isSensitiveFilename?.('cfg001fc11c22a9.xml'), true);
  assert.equal(built.host.plugin.isSensitiveFilename?.('cfg0010.xml'), false);
});
