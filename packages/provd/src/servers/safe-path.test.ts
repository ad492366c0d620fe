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

/** The rule servedName implements, spelled out the slow way: the one-scan version must agree. */
function servedNameSpec(requested: string): string | null {
  if (/[\u0000-\u001f\\]/.test(requested)) return null;
  const name = requested.replace(/^\/+/, '');
  if (name === '' || /^[A-Za-z]:/.test(name)) return null;
  const parts = name.split('/');
  if (parts.some((p) => p === '..' || p === '.')) return null;
  return parts.filter((p) => p !== '').join('/');
}

test('servedName agrees with its specification on every short name over a hostile alphabet', () => {
  const alphabet = ['a', 'C', '.', '/', '\\', ':', '\u0001', '\u007f', 'é'];
  let checked = 0;
  const walk = (prefix: string, depth: number): void => {
    assert.equal(servedName(prefix), servedNameSpec(prefix), JSON.stringify(prefix));
    checked++;
    if (depth > 0) for (const c of alphabet) walk(prefix + c, depth - 1);
  };
  walk('', 5);
  assert.ok(checked > 60_000);
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
