/**
 * The plugin's standard checks: lint, golden files rendered byte for byte as Python's Jinja2 did
 * (test/fixtures → test/golden, common files in _common), every model of test/identify.yml booted
 * through a real provd, and the built folder. No pkgs.db: see README.md (firmware).
 */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadFamily, pluginInfoWarnings, readPluginInfo } from '@dialtone/plugin-sdk';
import { createTestHost } from '@dialtone/plugin-sdk/testing';
import { formatFinding, formatTestReport, lintSource, stageTemp, testSources } from '@dialtone/plugin-tools';
import { PLUGIN_ID, pluginDir } from '../src/index.js';

test('lint: no finding', async () => {
  assert.deepEqual((await lintSource(pluginDir)).map(formatFinding), []);
});

test('golden files and simulated boots of every model', async () => {
  const report = await testSources([pluginDir]);
  assert.deepEqual(report.golden.map((g) => g.fixture), ['hdv230-two-lines', 'ut113-tls-no-dst', '_common']);
  assert.equal(report.simulation.length, 10);
  assert.ok(report.passed, formatTestReport(report).join('\n'));
});

test('the built plugin loads as a family; plugin-info lists family.yml models', async (t) => {
  const staged = await stageTemp(pluginDir, PLUGIN_ID);
  t.after(() => staged.remove());
  assert.deepEqual((await readdir(join(staged.dir, 'var'))).sort(), ['cache', 'installed', 'templates', 'tftpboot']);
  const info = await readPluginInfo(staged.dir);
  assert.deepEqual(pluginInfoWarnings(info), []);
  const family = await loadFamily(staged.dir);
  assert.deepEqual(Object.keys(info.capabilities ?? {}), Object.keys(family.models).map((m) => `Panasonic, ${m}, 01.133`));
  const host = await createTestHost(staged.dir);
  t.after(() => host.close());
  assert.equal(host.kind, 'family');
});
