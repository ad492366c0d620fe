import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePluginYml, validateMetadata } from '../metadata/index.js';
import { controlFile, postrm } from './deb-files.js';

const meta = (yml: string) => {
  const r = validateMetadata(parsePluginYml(yml), '25.01');
  assert.ok(r.ok);
  return r.metadata;
};

test('control: Depends lists debian_depends, then the packages of plugin dependencies; dpkg-deb reads it back', (t) => {
  const m = meta('namespace: foobar\nname: foo\nversion: 1.0-2\ndescription: Adds foo\n  on two lines\ndebian_depends:\n  - golang-go\n  - tig (>= 2.0)\ndepends:\n  - namespace: foobar\n    name: baz\n');
  const control = controlFile('dialtone-plugind', m);
  assert.match(control, /^Package: dialtone-plugind-foo-foobar$/m);
  assert.match(control, /^Depends: golang-go, tig \(>= 2\.0\), dialtone-plugind-baz-foobar$/m);
  assert.match(control, /^Section: dialtone-plugind-plugin$/m);

  const dir = mkdtempSync(join(tmpdir(), 'plugind-control-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'pkg/DEBIAN'), { recursive: true });
  writeFileSync(join(dir, 'pkg/DEBIAN/control'), control);
  execFileSync('dpkg-deb', ['--build', '--root-owner-group', join(dir, 'pkg'), join(dir, 'x.deb')], { stdio: 'pipe' });
  const fields = execFileSync('dpkg-deb', ['-f', join(dir, 'x.deb'), 'Package', 'Version', 'Depends']).toString();
  assert.equal(fields, 'Package: dialtone-plugind-foo-foobar\nVersion: 1.0-2\nDepends: golang-go, tig (>= 2.0), dialtone-plugind-baz-foobar\n');
});

test('postrm runs the rules backup only for format >= 1', () => {
  assert.doesNotMatch(postrm(meta('namespace: a\nname: b\nversion: 1\n')), /"\$BACKUP" postrm/);
  assert.match(postrm(meta('namespace: a\nname: b\nversion: 1\nplugin_format_version: 1\n')), /"\$BACKUP" postrm/);
});
