/**
 * The standard tests of a family plugin source folder, registered with node:test: a family's own
 * test file calls `runFamilyPluginTests(pluginDir, …)` and keeps only what is specific to it.
 * Everything runs on the target built as provd installs it (stageTemp), not on the source folder.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadFamily, parsePkgsDb, pluginInfoWarnings, readPluginInfo } from '@dialtone/plugin-sdk';
import { createTestHost } from '@dialtone/plugin-sdk/testing';
import { stageTemp } from './stage.js';
import { formatTestReport, testSources } from './test-run.js';

export interface FamilyTestOptions {
  /** The build target to test (default: build.yml's first). */
  readonly id?: string;
  /** The golden outcomes expected, in order: one per test/fixtures/*.json, then `_common` when the family writes common files. */
  readonly golden: readonly string[];
  /** pkgs.db files may have an empty URL: files the admin puts in var/cache by hand (not downloadable). */
  readonly manualFiles?: boolean;
}

/** plugin-info's capabilities agree with family.yml (models in order, vendor, lines, keys, EXACT firmware). */
async function checkCapabilities(dir: string): Promise<void> {
  const info = await readPluginInfo(dir);
  const family = await loadFamily(dir);
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
}

/** Every package of pkgs/pkgs.db installs and downloads a checked file; every firmware a model names is a package file. */
async function checkPkgsDb(dir: string, manualFiles: boolean): Promise<void> {
  const db = parsePkgsDb([{ text: await readFile(join(dir, 'pkgs', 'pkgs.db'), 'utf8'), source: 'pkgs/pkgs.db' }]);
  const family = await loadFamily(dir);
  assert.ok(Object.keys(db.packages).length >= 1);
  for (const [id, pkg] of Object.entries(db.packages)) {
    assert.ok(pkg.install && db.installs[pkg.install.id], `${id}: install section exists`);
    for (const file of pkg.files) {
      const f = db.files[file];
      assert.ok(f, `${id}: file ${file} exists`);
      if (manualFiles) assert.match(f.url, /^(?:https?:\/\/|$)/, `${file}: a URL, or empty for a file put in var/cache by hand`);
      else assert.match(f.url, /^https?:\/\//, file);
      assert.ok(Number.isInteger(f.size) && f.size > 0, `${file}: size`);
      assert.match(f.sha1sum ?? '', /^[0-9a-f]{40}$/, `${file}: sha1`);
    }
  }
  const filenames = new Set(Object.values(db.files).map((f) => f.filename));
  for (const [model, caps] of Object.entries(family.models)) {
    if (typeof caps.firmware === 'string') assert.ok(filenames.has(caps.firmware), `${model}: ${caps.firmware} is in pkgs.db`);
  }
}

/** Registers the standard tests of the family plugin whose source folder is `sourceDir`. */
export function runFamilyPluginTests(sourceDir: string, options: FamilyTestOptions): void {
  const staged = async (t: { after(fn: () => Promise<void>): void }) => {
    const s = await stageTemp(sourceDir, options.id);
    t.after(() => s.remove());
    return s.dir;
  };

  test('plugin-info and family.yml agree on models, lines and keys', async (t) => {
    await checkCapabilities(await staged(t));
  });

  test('pkgs.db: every package installs, every firmware a model names is a package file', async (t) => {
    await checkPkgsDb(await staged(t), options.manualFiles ?? false);
  });

  test('golden files: our engine renders the bytes of test/golden', async () => {
    const report = await testSources([sourceDir], { goldenOnly: true });
    assert.deepEqual(report.golden.map((g) => g.fixture), options.golden);
    assert.ok(report.passed, formatTestReport(report).join('\n'));
  });

  test('the built plugin is an installable folder that loads as a family', async (t) => {
    const dir = await staged(t);
    assert.deepEqual((await readdir(join(dir, 'var'))).sort(), ['cache', 'installed', 'templates', 'tftpboot']);
    const host = await createTestHost(dir);
    t.after(() => host.close());
    assert.equal(host.kind, 'family');
  });
}
