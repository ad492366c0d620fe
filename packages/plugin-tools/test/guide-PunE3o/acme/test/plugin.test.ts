/** lint, golden files and simulated boots, as dialtone-plugin runs them. */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { formatFinding, formatTestReport, lintSource, testSources } from '@dialtone/plugin-tools';

const source = fileURLToPath(new URL('..', import.meta.url));

test('lint: no finding', async () => {
  assert.deepEqual((await lintSource(source)).map(formatFinding), []);
});

test('golden files and simulated boots of every model', async () => {
  const report = await testSources([source]);
  assert.ok(report.passed, formatTestReport(report).join('\n'));
});
