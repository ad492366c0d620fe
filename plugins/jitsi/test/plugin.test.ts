/**
 * Lint, the golden file (rendered byte for byte as Python's Jinja2 did, see test/regen-golden.ts)
 * and the simulated start of a Jitsi installation through a real provd. A softphone installs
 * itself: the family has no firmware package (so not runFamilyPluginTests' pkgs.db check).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatFinding, formatTestReport, lintSource, testSources } from '@dialtone/plugin-tools';
import { pluginDir } from '../src/index.js';

test('lint: no finding', async () => {
  assert.deepEqual((await lintSource(pluginDir)).map(formatFinding), []);
});

test('golden file and the simulated start through provd (DHCP lease, then the UUID URL)', async () => {
  const report = await testSources([pluginDir]);
  assert.deepEqual(report.golden.map((g) => g.fixture), ['two-accounts']);
  assert.equal(report.simulation.length, 1);
  assert.ok(report.passed, formatTestReport(report).join('\n'));
});
