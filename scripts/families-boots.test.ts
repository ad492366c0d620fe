/**
 * Every family's test/identify.yml, replayed together through one real provd holding all the
 * families (dialtone-plugin test --boots-only plugins/*): each model's DHCP, HTTP and TFTP
 * requests must give the expected facts and the expected plugin while every other family
 * competes for the device, then its files must be served. And dialtone-plugin lint finds
 * nothing in any family.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { formatFinding, formatTestReport, lintSource, testSources } from '@dialtone/plugin-tools';

const root = fileURLToPath(new URL('..', import.meta.url));
const families = readdirSync(join(root, 'plugins'))
  .sort()
  .map((name) => join(root, 'plugins', name))
  .filter((dir) => existsSync(join(dir, 'family.yml')));

test('dialtone-plugin lint: no finding in any family', async () => {
  for (const dir of families) assert.deepEqual((await lintSource(dir)).map(formatFinding), [], dir);
});

test('simulated boots of every model of every family, all families installed', async () => {
  const withBoots = families.filter((dir) => existsSync(join(dir, 'test', 'identify.yml')));
  assert.deepEqual(withBoots, families, 'every family declares its boots');
  const report = await testSources(withBoots, { bootsOnly: true });
  assert.deepEqual(report.golden, []);
  // lint (above) checks that every model has its boot; here every family's plugin ran its boots
  assert.ok(new Set(report.simulation.map((s) => s.plugin)).size >= withBoots.length);
  assert.ok(report.passed, formatTestReport(report).filter((l) => !l.startsWith('ok')).join('\n'));
});
