import assert from 'node:assert/strict';
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadFamily, parsePkgsDb, pluginInfoWarnings, readPluginInfo } from '@dialtone/plugin-sdk';
import { createTestHost, dhcpRequest } from '@dialtone/plugin-sdk/testing';
import { contactsFromFuncKeys, mainProxyIp } from '../hooks.js';
import { stageTemp } from '@dialtone/plugin-tools';
import { copyDigiumPlugin, DIGIUM_PLUGIN_ID, digiumPluginDir } from '../src/index.js';

test('the built plugin-info: capabilities generated from family.yml, firmware parameters applied', async (t) => {
  const staged = await stageTemp(digiumPluginDir);
  t.after(() => staged.remove());
  const info = await readPluginInfo(staged.dir);
  const family = await loadFamily(staged.dir);
  assert.deepEqual(pluginInfoWarnings(info), []);
  assert.equal(staged.id, DIGIUM_PLUGIN_ID);
  const fromInfo = Object.entries(info.capabilities ?? {}).map(([key, cap]) => {
    const [vendor, model, version] = key.split(', ');
    return { vendor, model, version, lines: cap.lines };
  });
  assert.deepEqual(fromInfo.map((c) => c.model), ['D40', 'D45', 'D50', 'D60', 'D62', 'D65', 'D70']);
  for (const c of fromInfo) {
    assert.equal(c.vendor, 'Digium');
    assert.equal(c.version, '1.4.0.0');
    assert.equal(c.lines, family.models[c.model].lines, c.model);
  }
  assert.deepEqual(family.association.versions, ['1.4.0.0.57389']);
  assert.equal(info.description, 'Plugin for Digium D40, D45, D50, D60, D62, D65 and D70 in version 1.4.0.0.');
});

test('pkgs/pkgs.db declares the firmware package', async () => {
  const db = parsePkgsDb([{ text: await readFile(join(digiumPluginDir, 'pkgs', 'pkgs.db'), 'utf8'), source: 'pkgs/pkgs.db' }]);
  assert.deepEqual(Object.keys(db.packages), ['firmware']);
  assert.equal(db.packages.firmware.version, '1.4.0.0');
  assert.deepEqual(db.packages.firmware.install, { id: 'digium-fw', args: [] });
  assert.deepEqual(db.files.firmware, {
    id: 'firmware',
    url: 'https://downloads.digium.com/pub/telephony/res_digium_phone/firmware/firmware_1_4_0_0_package.tar.gz',
    size: 101303480,
    sha1sum: '626273aaf6dd33e1927f3acb4a90f86a6e4e9f25',
    filename: 'firmware_1_4_0_0_package.tar.gz',
    downloader: 'default',
  });
  assert.deepEqual(db.installs['digium-fw'].steps.map((s) => [s.command, ...s.args]), [['untar', '$FILE1'], ['cp', '*/*.eff', 'Digium/firmware/']]);
});

test('hooks: main proxy and contacts from function keys', () => {
  const lines = [{ no: 1, username: 'alice', proxy_ip: '10.0.0.2' }, { no: 2, username: 'bob' }];
  assert.equal(mainProxyIp({ ip: '10.0.0.1', XX_sip_lines: lines }), '10.0.0.2');
  assert.equal(mainProxyIp({ ip: '10.0.0.1', XX_sip_lines: [{ no: 1 }] }), '10.0.0.1');
  assert.equal(mainProxyIp({ ip: '10.0.0.1' }), '10.0.0.1');
  const contacts = contactsFromFuncKeys({
    XX_sip_lines: lines,
    XX_funckeys: [
      { no: 2, type: 'speeddial', value: '1002', line: 1 },
      { no: 3, type: 'blf', value: '1003', label: 'Carol', line: 2 },
      { no: 4, type: 'park', value: '701', line: 9 },
      { no: 5, type: 'blf', line: 1 },
    ],
  });
  assert.deepEqual(contacts, [
    { id: 'funckey-2', no: 2, type: 'speeddial', label: '1002', number: '1002', account_id: 'alice', subscribe: false },
    { id: 'funckey-3', no: 3, type: 'blf', label: 'Carol', number: '1003', account_id: 'bob', subscribe: true },
    { id: 'funckey-4', no: 4, type: 'park', label: '701', number: '701', account_id: 'alice', subscribe: true },
  ]);
});

test('copyDigiumPlugin lays out an installable plugin folder that loads from anywhere', async (t) => {
  const dest = join(await mkdtemp(join(tmpdir(), 'digium-')), DIGIUM_PLUGIN_ID);
  t.after(() => rm(join(dest, '..'), { recursive: true, force: true }));
  await copyDigiumPlugin(dest);
  assert.deepEqual((await readdir(dest)).sort(), ['family.yml', 'hooks.js', 'package.json', 'pkgs', 'plugin-info', 'templates', 'var']);
  assert.deepEqual(await readdir(join(dest, 'var', 'tftpboot')), []);
  assert.deepEqual((await readdir(join(dest, 'var'))).sort(), ['cache', 'installed', 'templates', 'tftpboot']);
  const host = await createTestHost(dest);
  assert.equal(host.kind, 'family');
  assert.deepEqual(await host.extract(dhcpRequest({ mac: '00:0f:d3:05:48:48', vendorClass: 'digium_D62_1_4_0_0_57389' })), { vendor: 'Digium', model: 'D62', version: '1.4.0.0.57389' });
});
