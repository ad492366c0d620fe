/**
 * The plugin's standard checks (runFamilyPluginTests: plugin-info, pkgs.db, golden files rendered
 * byte for byte as Python's Jinja2 did, see test/regen-golden.ts), lint, and the simulated boots
 * of test/identify.yml through a real provd.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatFinding, formatTestReport, lintSource, runFamilyPluginTests, testSources } from '@dialtone/plugin-tools';
import { PLUGIN_ID, pluginDir } from '../src/index.js';

runFamilyPluginTests(pluginDir, { id: PLUGIN_ID, golden: ['sn4112-two-ports', 'sn4316-minimal'] });

test('lint: no finding', async () => {
  assert.deepEqual((await lintSource(pluginDir)).map(formatFinding), []);
});

test('simulated boots of every model through provd', async () => {
  const report = await testSources([pluginDir]);
  assert.equal(report.simulation.length, 8);
  assert.ok(report.passed, formatTestReport(report).join('\n'));
});
