import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { isSdkError } from './errors.js';
import { checkPluginMembers, PLUGIN_MEMBERS } from './plugin-members.js';
import { sdk } from './sdk.js';
import { SDK_MEMBERS } from './sdk-interface.js';

test('the runtime sdk has exactly the members of the Sdk interface', () => {
  assert.deepEqual(Object.keys(sdk).sort(), [...SDK_MEMBERS].sort());
});

test('a complete plugin passes; undefined members are ignored; class methods count', () => {
  const full = {
    info: { version: '1' },
    extractors: { dhcp: { extract: () => null }, http: { extract: () => null }, tftp: undefined },
    associator: { associate: () => 0 },
    configureCommon() {},
    configure() {},
    deconfigure() {},
    synchronize() {},
    getRemoteStateTriggerFilename: () => null,
    isSensitiveFilename: () => false,
    http: { rewritePath: (p: string) => p },
    tftp: false,
    services: { install: { installable() {}, installed() {}, install() {}, uninstall() {} }, configure: { params() {}, get() {}, set() {} } },
    close() {},
    extra: undefined,
  };
  assert.deepEqual(Object.keys(PLUGIN_MEMBERS).sort(), Object.keys(full).filter((k) => k !== 'extra').sort());
  checkPluginMembers(full);
  class Plugin {
    configure() {}
  }
  checkPluginMembers(new Plugin());
  class Wrong {
    configur() {}
  }
  assert.throws(() => checkPluginMembers(new Wrong()), (err) => isSdkError(err, 'DT_ERR_PLUGIN_MEMBERS_INVALID'));
});

test('every problem is listed at once', () => {
  assert.throws(
    () => checkPluginMembers({ deconfigur() {}, services: { install: { install() {} } }, associator: {} }),
    (err) => {
      assert.ok(isSdkError(err, 'DT_ERR_PLUGIN_MEMBERS_INVALID'));
      const problems = (err as unknown as { problems: { where: string }[] }).problems.map((p) => p.where);
      assert.deepEqual(problems, ['deconfigur', 'services.install.installable', 'services.install.installed', 'services.install.uninstall', 'associator.associate']);
      return true;
    },
  );
  assert.throws(() => checkPluginMembers(null), (err) => isSdkError(err, 'DT_ERR_PLUGIN_MEMBERS_INVALID'));
  assert.throws(() => checkPluginMembers([]), (err) => isSdkError(err, 'DT_ERR_PLUGIN_MEMBERS_INVALID'));
});

test('the interface major.minor is the last row of the interface versions table in docs/reference/plugin-sdk.md', async () => {
  const doc = await readFile(new URL('../../../docs/reference/plugin-sdk.md', import.meta.url), 'utf8');
  const rows = [...doc.matchAll(/^\| (\d+)\.(\d+) \|/gm)].map((m) => [Number(m[1]), Number(m[2])]);
  assert.ok(rows.length > 0);
  assert.deepEqual(rows.at(-1), [sdk.PLUGIN_IFACE_VERSION, sdk.PLUGIN_IFACE_MINOR]);
  assert.deepEqual(rows.map(([, minor]) => minor), rows.map((_, i) => i), 'one row per minor, in order');
});
