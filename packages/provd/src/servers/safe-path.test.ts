import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseRange } from './range.js';
import { resolveStaticFile, servedName } from './safe-path.js';

test('servedName refuses every escape', () => {
  assert.equal(servedName('/Digium/a.cfg'), 'Digium/a.cfg');
  assert.equal(servedName('Digium//a.cfg'), 'Digium/a.cfg');
  for (const bad of ['../etc/passwd', '/a/../../b', 'a/./b', 'a\\..\\b', 'C:/x', 'a\u0000b', '/', '']) assert.equal(servedName(bad), null, JSON.stringify(bad));
});

test('resolveStaticFile stays inside its root, even through symlinks', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'safe-path-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const root = join(dir, 'root');
  mkdirSync(join(root, 'sub'), { recursive: true });
  writeFileSync(join(root, 'sub', 'ok.bin'), 'ok');
  writeFileSync(join(dir, 'secret'), 'secret');
  symlinkSync(join(dir, 'secret'), join(root, 'link'));
  assert.equal((await resolveStaticFile(root, 'sub/ok.bin'))?.size, 2);
  assert.equal(await resolveStaticFile(root, 'link'), null);
  assert.equal(await resolveStaticFile(root, 'sub'), null, 'no directories');
  assert.equal(await resolveStaticFile(root, 'missing'), null);
});

test('Range parsing', () => {
  assert.equal(parseRange(undefined, 10), null);
  assert.deepEqual(parseRange('bytes=0-3', 10), [0, 3]);
  assert.deepEqual(parseRange('bytes=5-', 10), [5, 9]);
  assert.deepEqual(parseRange('bytes=-3', 10), [7, 9]);
  assert.deepEqual(parseRange('bytes=8-100', 10), [8, 9]);
  assert.equal(parseRange('bytes=10-', 10), 'unsatisfiable');
  assert.equal(parseRange('bytes=0-1,3-4', 10), null);
});
