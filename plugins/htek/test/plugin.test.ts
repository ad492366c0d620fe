/**
 * The plugin's standard checks (runFamilyPluginTests: plugin-info against family.yml, pkgs.db, the
 * built folder, golden files rendered byte for byte as Python's Jinja2 did), then lint and every
 * model of test/identify.yml booted through a real provd.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatFinding, formatTestReport, lintSource, runFamilyPluginTests, testSources } from '@dialtone/plugin-tools';
import { PLUGIN_ID, pluginDir } from '../src/index.js';

runFamilyPluginTests(pluginDir, { id: PLUGIN_ID, golden: ['uc902-tls-unknown-zone', 'uc926-two-lines', '_common'] });

test('lint: no finding', async () => {
  assert.deepEqual((await lintSource(pluginDir)).map(formatFinding), []);
});

test('simulated boots of every model through provd', async () => {
  const report = await testSources([pluginDir]);
  assert.equal(report.simulation.length, 7);
  assert.ok(report.passed, formatTestReport(report).join('\n'));
});
