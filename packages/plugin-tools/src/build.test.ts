import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { DIGIUM_SOURCE, digiumCopy, tempDir } from '../test/support.js';
import { build } from './build.js';
import { isToolError } from './errors.js';
import { lintSource } from './lint.js';
import { readPluginsDbFile } from './plugins-db.js';
import { compareVersions } from './version.js';

const sha1 = async (file: string) => createHash('sha1').update(await readFile(file)).digest('hex');

test('building twice gives identical sha1s, whatever the source mtimes', async (t) => {
  const [a, b] = [await tempDir(t), await tempDir(t)];
  const src = await digiumCopy(t);
  await build([src], a);
  await utimes(join(src, 'templates', 'base.tpl'), new Date(), new Date(2001, 1, 1));
  await build([src], b);
  const name = 'digium-1.4.0.0-1.0.0.tar.bz2';
  assert.equal(await sha1(join(a, name)), await sha1(join(b, name)));
  assert.equal(await sha1(join(a, 'plugins.db')), await sha1(join(b, 'plugins.db')));
  const db = await readPluginsDbFile(a);
  assert.deepEqual(Object.keys(db), ['digium-1.4.0.0']);
  assert.equal(db['digium-1.4.0.0'].sha1sum, await sha1(join(a, name)));
  assert.equal(db['digium-1.4.0.0'].dsize, (await stat(join(a, name))).size);
  assert.match(db['digium-1.4.0.0'].sha256, /^[0-9a-f]{64}$/);
  // a second build into the same folder rewrites nothing
  const before = (await stat(join(a, name))).mtimeMs;
  const again = await build([src], a);
  assert.deepEqual([again.bundles[0].written, again.dbWritten], [false, false]);
  assert.equal((await stat(join(a, name))).mtimeMs, before);
});

test('the bundle: one top folder, sorted entries, fixed owner and mtime, generated capabilities', async (t) => {
  const out = await tempDir(t);
  await build([DIGIUM_SOURCE], out);
  const listing = execFileSync('tar', ['tvjf', join(out, 'digium-1.4.0.0-1.0.0.tar.bz2'), '--numeric-owner'], { encoding: 'utf8' }).trim().split('\n');
  const names = listing.map((l) => l.split(/\s+/).at(-1)!);
  assert.ok(names.every((n) => n.startsWith('digium-1.4.0.0/')));
  assert.deepEqual(names, [...names].sort());
  assert.ok(listing.every((l) => / 0\/0 /.test(l) && l.includes('2020-01-01 00:00')), listing.join('\n'));
  for (const want of ['digium-1.4.0.0/var/tftpboot/', 'digium-1.4.0.0/templates/base.tpl', 'digium-1.4.0.0/hooks.js', 'digium-1.4.0.0/package.json']) assert.ok(names.includes(want), want);
  for (const never of ['test/', 'src/', 'README.md', 'build.yml', 'node_modules/']) assert.ok(!names.some((n) => n.includes(never)), never);
  assert.deepEqual(names.filter((n) => /\.[cm]?ts$/.test(n)), [], 'TypeScript never ships: hooks.ts is compiled to hooks.js');
  const x = await tempDir(t);
  execFileSync('tar', ['xjf', join(out, 'digium-1.4.0.0-1.0.0.tar.bz2'), '-C', x]);
  const info = JSON.parse(await readFile(join(x, 'digium-1.4.0.0', 'plugin-info'), 'utf8'));
  assert.deepEqual(Object.keys(info.capabilities), ['D40', 'D45', 'D50', 'D60', 'D62', 'D65', 'D70'].map((m) => `Digium, ${m}, 1.4.0.0`));
  assert.equal(info.capabilities['Digium, D50, 1.4.0.0'].lines, 4);
  assert.match(info.description, /in version 1\.4\.0\.0\./);
  assert.match(await readFile(join(x, 'digium-1.4.0.0', 'family.yml'), 'utf8'), /versions: \['1\.4\.0\.0\.57389'\]/);
});

test('firmware versions are parameters: one description, several plugins', async (t) => {
  const src = await digiumCopy(t);
  await writeFile(join(src, 'build.yml'), `targets:
  - { id: digium-1.4.0.0, firmware: 1.4.0.0, params: { firmware_build: 1.4.0.0.57389 } }
  - { id: digium-1.2.0.0, firmware: 1.2.0.0, params: { firmware_build: 1.2.0.0.50000 } }
`);
  const out = await tempDir(t);
  const result = await build([src], out);
  assert.deepEqual(result.bundles.map((b) => b.filename), ['digium-1.2.0.0-1.0.0.tar.bz2', 'digium-1.4.0.0-1.0.0.tar.bz2']);
  const db = await readPluginsDbFile(out);
  assert.ok('Digium, D70, 1.2.0.0' in db['digium-1.2.0.0'].capabilities!);
  assert.ok('Digium, D70, 1.4.0.0' in db['digium-1.4.0.0'].capabilities!);
});

test('one failing target fails the build and writes nothing', async (t) => {
  const good = await digiumCopy(t, 'good');
  const bad = await digiumCopy(t, 'bad');
  await writeFile(join(bad, 'build.yml'), 'targets:\n  - { id: bad-1, firmware: "1" }\n');
  const out = await tempDir(t);
  await assert.rejects(build([good, bad], out), (err) => {
    assert.ok(isToolError(err, 'DT_ERR_TOOL_BUILD_FAILED'));
    assert.match(err.message, /bad\/family\.yml \[bad-1\]:\d+ @@firmware_build@@: unknown build parameter/);
    return true;
  });
  assert.deepEqual(await readdir(out), []);
});

test('hand-written capabilities next to family.yml: lint refuses them (one model list), build keeps them', async (t) => {
  const src = await digiumCopy(t);
  const info = JSON.parse(await readFile(join(src, 'plugin-info'), 'utf8'));
  await writeFile(join(src, 'plugin-info'), JSON.stringify({ ...info, capabilities: { 'Digium, D70, 1': { lines: 9 } } }, null, 2));
  const findings = await lintSource(src);
  assert.deepEqual(findings.map((f) => [f.file, f.line, f.field]), [['plugin-info', 7, 'capabilities']]);
  assert.match(findings[0].message, /generated from family\.yml models: remove it/);
  const out = await tempDir(t);
  await build([src], out);
  assert.deepEqual((await readPluginsDbFile(out))['digium-1.4.0.0'].capabilities, { 'Digium, D70, 1': { lines: 9 } });
});

test('versions compare numerically', () => {
  assert.equal(compareVersions('1.0.10', '1.0.9'), 1);
  assert.equal(compareVersions('1.0.9', '1.0.10'), -1);
  assert.equal(compareVersions('1.0', '1.0.0'), -1);
  assert.equal(compareVersions('2.0.0', '2.0.0'), 0);
  assert.equal(compareVersions('1.0.0-rc1', '1.0.0-rc2'), -1);
});

test('an unchanged rebuild reuses the bundle only when it is still the one built', async (t) => {
  const src = await digiumCopy(t);
  const out = await tempDir(t);
  const first = await build([src], out);
  const file = join(out, 'digium-1.4.0.0-1.0.0.tar.bz2');
  await writeFile(file, 'garbage');
  const again = await build([src], out);
  assert.equal(again.bundles[0].written, true, 'a damaged bundle is rebuilt, not reused');
  assert.equal(await sha1(file), first.bundles[0].sha1sum);
  const nocache = await tempDir(t);
  await build([src], nocache, { cache: false });
  assert.equal(await sha1(join(nocache, 'digium-1.4.0.0-1.0.0.tar.bz2')), first.bundles[0].sha1sum);
  assert.deepEqual((await readdir(nocache)).sort(), ['digium-1.4.0.0-1.0.0.tar.bz2', 'plugins.db']);
});
