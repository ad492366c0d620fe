/**
 * The plugin's standard checks, as `dialtone-plugin lint` and `dialtone-plugin test` run them:
 * lint findings, golden files (test/fixtures → test/golden) and every model of test/identify.yml
 * booted through a real provd.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatFinding, formatTestReport, lintSource, testSources } from '@dialtone/plugin-tools';
import { digiumPluginDir } from '../src/index.js';

test('lint: no finding', async () => {
  assert.deepEqual((await lintSource(digiumPluginDir)).map(formatFinding), []);
});

test('golden files and simulated boots of every model', async () => {
  const report = await testSources([digiumPluginDir]);
  assert.equal(report.golden.length, 3);
  assert.equal(report.simulation.length, 7);
  assert.ok(report.passed, formatTestReport(report).join('\n'));
});
