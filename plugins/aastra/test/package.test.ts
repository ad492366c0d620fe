/** The plugin as a package: plugin-info agrees with family.yml, pkgs.db is consistent, the folder installs. */
import assert from 'node:assert/strict';
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadFamily, parsePkgsDb, pluginInfoWarnings, readPluginInfo } from '@dialtone/plugin-sdk';
import { createTestHost } from '@dialtone/plugin-sdk/testing';
import { copyPlugin, PLUGIN_ID, pluginDir } from '../src/index.js';

test('plugin-info and family.yml agree on models, lines and keys', async () => {
  const info = await readPluginInfo(pluginDir);
  const family = await loadFamily(pluginDir);
  assert.deepEqual(pluginInfoWarnings(info), []);
  const entries = Object.entries(info.capabilities ?? {}).map(([key, cap]) => ({ key: key.split(', '), cap }));
  assert.deepEqual(entries.map((e) => e.key[1]), Object.keys(family.models));
  for (const { key, cap } of entries) {
    const model = family.models[key[1]];
    assert.equal(key[0], family.vendor);
    assert.equal(cap.lines, model.lines, key[1]);
    assert.equal(cap.function_keys, model.function_keys ?? 0, key[1]);
    if (typeof model.version === 'string') {
      assert.equal(key[2], model.version, `${key[1]}: plugin-info names the firmware of family.yml`);
      assert.ok(family.association.versions.includes(model.version), `${key[1]} ${model.version} is an EXACT version`);
    }
  }
});

test('pkgs.db: every package installs, every firmware a model names is a package file', async () => {
  const db = parsePkgsDb([{ text: await readFile(join(pluginDir, 'pkgs', 'pkgs.db'), 'utf8'), source: 'pkgs/pkgs.db' }]);
  const family = await loadFamily(pluginDir);
  assert.ok(Object.keys(db.packages).length >= 1);
  for (const [id, pkg] of Object.entries(db.packages)) {
    assert.ok(pkg.install && db.installs[pkg.install.id], `${id}: install section exists`);
    for (const file of pkg.files) {
      const f = db.files[file];
      assert.ok(f, `${id}: file ${file} exists`);
      assert.match(f.url, /^(?:https?:\/\/|$)/, `${file}: a URL, or empty for a file put in var/cache by hand`);
      assert.ok(Number.isInteger(f.size) && f.size > 0, `${file}: size`);
      assert.match(f.sha1sum ?? '', /^[0-9a-f]{40}$/, `${file}: sha1`);
    }
  }
  const filenames = new Set(Object.values(db.files).map((f) => f.filename));
  for (const [model, caps] of Object.entries(family.models)) {
    if (typeof caps.firmware === 'string') assert.ok(filenames.has(caps.firmware), `${model}: ${caps.firmware} is in pkgs.db`);
  }
});

test('copyPlugin lays out an installable plugin folder that loads from anywhere', async (t) => {
  const dest = join(await mkdtemp(join(tmpdir(), `${PLUGIN_ID}-`)), PLUGIN_ID);
  t.after(() => rm(join(dest, '..'), { recursive: true, force: true }));
  await copyPlugin(dest);
  assert.deepEqual((await readdir(join(dest, 'var'))).sort(), ['cache', 'installed', 'templates', 'tftpboot']);
  const host = await createTestHost(dest);
  assert.equal(host.kind, 'family');
});
