import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { digiumCopy } from '../test/support.js';
import { formatTestReport, testSources } from './test-run.js';

test('a changed template fails its golden file with the first differing line; --update rewrites it', async (t) => {
  const src = await digiumCopy(t);
  const tpl = join(src, 'templates', 'contact.tpl');
  await writeFile(tpl, (await readFile(tpl, 'utf8')).replace('<contacts', '<contacts data-x="1"'));
  const report = await testSources([src], { goldenOnly: true });
  assert.equal(report.passed, false);
  const failing = report.golden.filter((g) => g.changed.length > 0);
  assert.equal(failing.length, 3);
  assert.match(failing[0].changed[0].got, /data-x="1"/);
  assert.match(formatTestReport(report).join('\n'), /FAIL golden digium-1\.4\.0\.0 d40-three-lines/);
  const updated = await testSources([src], { goldenOnly: true, update: true });
  assert.ok(updated.golden.every((g) => g.written.length === 2));
  assert.equal((await testSources([src], { goldenOnly: true })).passed, true);
  assert.match(await readFile(join(src, 'test', 'golden', 'd70-two-lines', 'Digium', '000fd3054848-contacts.xml'), 'utf8'), /data-x="1"/);
});

test('simulated boots go through provd: a plugin that no longer wins association fails', async (t) => {
  const src = await digiumCopy(t);
  const fam = join(src, 'family.yml');
  await writeFile(fam, (await readFile(fam, 'utf8')).replace("association:\n  versions: ['@@firmware_build@@']", "association:\n  versions: []\n  known_model: IMPROBABLE\n  unknown_model: IMPROBABLE"));
  const report = await testSources([src]);
  assert.equal(report.passed, false);
  assert.equal(report.simulation.length, 7);
  for (const s of report.simulation) assert.deepEqual(s.problems, ['associated with null, expected "digium-1.4.0.0"'], s.model);
});

test('simulated boots: expect.plugin null (identification only) fails when the plugin takes the device', async (t) => {
  const src = await digiumCopy(t);
  const file = join(src, 'test', 'identify.yml');
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace("mac: '00:0f:d3:05:49:10' }\n  fetch: [Digium/000fd3054910.cfg, Digium/000fd3054910-contacts.xml]", "mac: '00:0f:d3:05:49:10', plugin: null }"));
  assert.notEqual(await readFile(file, 'utf8'), text);
  const report = await testSources([src], { bootsOnly: true });
  assert.deepEqual(report.golden, []);
  assert.deepEqual(report.simulation.find((s) => s.model === 'D40')!.problems, ['associated with "digium-1.4.0.0", expected null']);
  assert.ok(report.simulation.filter((s) => s.model !== 'D40').every((s) => s.problems.length === 0));
});

test('simulated boots: a file name the plugin does not write fails as not served', async (t) => {
  const src = await digiumCopy(t);
  const file = join(src, 'test', 'identify.yml');
  await writeFile(file, (await readFile(file, 'utf8')).replace('fetch: [Digium/000fd3054910.cfg,', 'fetch: [Digium/000fd3054910.xml,'));
  const report = await testSources([src]);
  const d40 = report.simulation.find((s) => s.model === 'D40')!;
  assert.deepEqual(d40.problems, ['http Digium/000fd3054910.xml: status 404']);
  assert.ok(report.simulation.filter((s) => s.model !== 'D40').every((s) => s.problems.length === 0));
});
