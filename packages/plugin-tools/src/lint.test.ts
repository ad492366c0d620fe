/** lint rejects each seeded mistake, in its own test, with file, line and field. */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { DIGIUM_SOURCE, digiumCopy, tempDir } from '../test/support.js';
import { build } from './build.js';
import { lintSource } from './lint.js';

async function edit(file: string, from: string | RegExp, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const next = text.replace(from, to);
  assert.notEqual(next, text, `the edit of ${file} applies`);
  await writeFile(file, next);
}

test('the shipped Digium source is clean', async () => {
  assert.deepEqual(await lintSource(DIGIUM_SOURCE), []);
});

test('seeded mistake: a bad regular expression', async (t) => {
  const src = await digiumCopy(t);
  await edit(join(src, 'family.yml'), "- path: '^/Digium/(?:(?<mac>", "- path: '^/Digium/(?:(?<mac>(");
  const findings = await lintSource(src);
  assert.equal(findings.length, 1, JSON.stringify(findings));
  assert.equal(findings[0].file, 'family.yml');
  assert.equal(findings[0].field, 'identify.http[0].path');
  assert.equal(findings[0].line, 21);
  assert.match(findings[0].message, /bad regular expression/);
});

test('seeded mistake: a template syntax error', async (t) => {
  const src = await digiumCopy(t);
  const base = join(src, 'templates', 'contact.tpl');
  const lines = (await readFile(base, 'utf8')).split('\n');
  lines.splice(2, 0, '{% if XX_contacts %}{{ broken( }}{% endif %}');
  await writeFile(base, lines.join('\n'));
  const findings = await lintSource(src);
  assert.equal(findings.length, 1, JSON.stringify(findings));
  assert.deepEqual([findings[0].file, findings[0].line], ['templates/contact.tpl', 3]);
  assert.match(findings[0].message, /template syntax error/);
});

test('seeded mistake: a template that includes a missing one', async (t) => {
  const src = await digiumCopy(t);
  await writeFile(join(src, 'templates', 'D70.tpl'), "{% extends 'base.tpl' %}\n{% block x %}{% include 'nope.tpl' %}{% endblock %}\n");
  const findings = await lintSource(src);
  assert.deepEqual(findings.map((f) => [f.file, f.line, f.field]), [['templates/D70.tpl', 2, 'nope.tpl']]);
});

test('seeded mistake: a model without identification declarations, and one declared but not listed', async (t) => {
  const src = await digiumCopy(t);
  await edit(join(src, 'family.yml'), '  D70: {', '  D80: { lines: 2 }\n  D70: {');
  let findings = await lintSource(src);
  assert.equal(findings.length, 1, JSON.stringify(findings));
  assert.deepEqual([findings[0].file, findings[0].field, findings[0].line], ['family.yml', 'models.D80', 12]);
  assert.match(findings[0].message, /model D80 has no identification scenario/);

  const other = await digiumCopy(t, 'other');
  await edit(join(other, 'family.yml'), /^ {2}D65: .*\n/m, '');
  findings = await lintSource(other);
  assert.equal(findings.length, 1, JSON.stringify(findings));
  assert.equal(findings[0].file, 'test/identify.yml');
  assert.match(findings[0].message, /model D65 is missing from family\.yml models/);
});

test('seeded mistake: declarations the rules do not match', async (t) => {
  const src = await digiumCopy(t);
  await edit(join(src, 'test', 'identify.yml'), 'vendor_class: digium_D62_', 'vendor_class: digium-D62_');
  const findings = await lintSource(src);
  assert.ok(findings.length >= 1);
  assert.ok(findings.every((f) => f.file === 'test/identify.yml'));
  assert.match(findings[0].message, /rules give model=\(nothing\), expected D62/);
});

test('seeded mistake: pkgs.db refers to a missing file section', async (t) => {
  const src = await digiumCopy(t);
  await edit(join(src, 'pkgs', 'pkgs.db'), 'files: firmware', 'files: firmware firmware_extra');
  const findings = await lintSource(src);
  assert.equal(findings.length, 1, JSON.stringify(findings));
  assert.deepEqual([findings[0].file, findings[0].line, findings[0].field], ['pkgs/pkgs.db', 6, '[pkg_firmware] files']);
  assert.match(findings[0].message, /no section \[file_firmware_extra\]/);
});

test('seeded mistake: $FILE2 of a package with one file', async (t) => {
  const src = await digiumCopy(t);
  await edit(join(src, 'pkgs', 'pkgs.db'), 'a-b: untar $FILE1', 'a-b: untar $FILE2');
  const findings = await lintSource(src);
  assert.equal(findings.length, 1, JSON.stringify(findings));
  assert.match(findings[0].message, /uses \$FILE2 but the package has 1/);
});

test('seeded mistake: content changed but version not bumped against a published channel', async (t) => {
  const channel = await tempDir(t);
  const src = await digiumCopy(t);
  await build([src], channel);
  assert.deepEqual(await lintSource(src, { against: channel }), [], 'unchanged content, same version: fine');
  await edit(join(src, 'templates', 'contact.tpl'), /\n$/, '\n<!-- changed -->\n');
  const findings = await lintSource(src, { against: channel });
  assert.equal(findings.length, 1, JSON.stringify(findings));
  assert.deepEqual([findings[0].file, findings[0].field], ['plugin-info', 'version']);
  assert.match(findings[0].message, /digium-1\.4\.0\.0 1\.0\.0 is published in .* with other content .*: bump the version/);
  await edit(join(src, 'plugin-info'), '"version": "1.0.0"', '"version": "1.0.1"');
  assert.deepEqual(await lintSource(src, { against: channel }), [], 'bumped: fine');
});

test('seeded mistake: unknown key in family.yml and a bad build.yml', async (t) => {
  const src = await digiumCopy(t);
  await edit(join(src, 'family.yml'), 'mac_format:', 'mac_fromat: {}\nmac_format:');
  await writeFile(join(src, 'build.yml'), 'targets:\n  - { id: Digium, firmware: 1 }\n');
  const findings = await lintSource(src);
  assert.deepEqual(findings.map((f) => [f.file, f.line, f.field]), [['build.yml', 2, 'targets[0].id']]);
  await writeFile(join(src, 'build.yml'), 'targets:\n  - { id: digium-x, firmware: 1, params: { firmware_build: 1.4, firmware_build_underscored: 1_4 } }\n');
  const again = await lintSource(src);
  assert.deepEqual(again.map((f) => [f.file, f.line, f.field]), [['family.yml', 26, 'mac_fromat']]);
});
