/**
 * Lint, golden files (rendered byte for byte as Python's Jinja2 did, see test/regen-golden.ts) and
 * the simulated TFTP boot through a real provd; the firmware package is declared as needing a
 * Zenitel account (not downloadable), so the standard "every file downloads" check does not apply.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { parsePkgsDb } from '@dialtone/plugin-sdk';
import { formatFinding, formatTestReport, lintSource, testSources } from '@dialtone/plugin-tools';
import { pluginDir } from '../src/index.js';

test('lint: no finding', async () => {
  assert.deepEqual((await lintSource(pluginDir)).map(formatFinding), []);
});

test('golden files and the simulated TFTP boot through provd', async () => {
  const report = await testSources([pluginDir]);
  assert.deepEqual(report.golden.map((g) => g.fixture), ['station-line-and-buttons', 'station-no-line']);
  assert.equal(report.simulation.length, 1);
  assert.ok(report.passed, formatTestReport(report).join('\n'));
});

test('pkgs.db: the firmware is declared as needing credentials (auth downloader, put in var/cache by hand)', async () => {
  const db = parsePkgsDb([{ text: await readFile(join(pluginDir, 'pkgs', 'pkgs.db'), 'utf8'), source: 'pkgs.db' }]);
  const pkg = db.packages['ipst-fw'];
  assert.ok(pkg && pkg.install && db.installs[pkg.install.id]);
  assert.equal(pkg.extra.requires_credentials, 'yes');
  const file = db.files[pkg.files[0]];
  assert.equal(file.downloader, 'auth');
  assert.equal(file.url, '');
  assert.equal(file.filename, 'ipst_firmware_01.11.3.2.bin');
});
