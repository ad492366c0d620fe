import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { TftpError, TftpErrorCode } from './errors.js';
import { createFileCache } from './file-cache.js';
import { fileSource } from './file-source.js';

function folder(t: { after: (fn: () => void) => void }): { root: string; outside: string } {
  const base = mkdtempSync(join(tmpdir(), 'dialtone-tftp-fs-'));
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const root = join(base, 'root');
  const outside = join(base, 'outside');
  mkdirSync(join(root, 'Digium'), { recursive: true });
  mkdirSync(outside);
  return { root, outside };
}

async function readAll(source: { size: number; read(o: number, l: number): Buffer | Promise<Buffer> }): Promise<Buffer> {
  return Buffer.from(await source.read(0, source.size));
}

function rejectsWith(promise: Promise<unknown>, code: number): Promise<void> {
  return assert.rejects(promise, (e: unknown) => e instanceof TftpError && e.tftpCode === code);
}

test('serves files under the folder, with or without a leading slash', async (t) => {
  const { root } = folder(t);
  const body = randomBytes(3000);
  writeFileSync(join(root, 'Digium', 'a.cfg'), body);
  const cache = createFileCache();
  assert.ok((await readAll(await fileSource(root, 'Digium/a.cfg', { cache }))).equals(body));
  assert.ok((await readAll(await fileSource(root, '/Digium/a.cfg', { cache }))).equals(body));
  assert.equal(cache.stats().misses, 1);
  assert.equal(cache.stats().hits, 1);
});

test('missing files, folders and names with escapes are refused', async (t) => {
  const { root, outside } = folder(t);
  writeFileSync(join(outside, 'secret'), 'x');
  const cache = createFileCache();
  await rejectsWith(fileSource(root, 'nope.cfg', { cache }), TftpErrorCode.FileNotFound);
  await rejectsWith(fileSource(root, 'Digium', { cache }), TftpErrorCode.FileNotFound);
  await rejectsWith(fileSource(root, '../outside/secret', { cache }), TftpErrorCode.AccessViolation);
  await rejectsWith(fileSource(root, '..\\outside\\secret', { cache }), TftpErrorCode.AccessViolation);
  await rejectsWith(fileSource(root, `/${outside}/secret`, { cache }), TftpErrorCode.FileNotFound);
  await rejectsWith(fileSource(join(root, 'missing-root'), 'x', { cache }), TftpErrorCode.FileNotFound);
});

test('a symlink may point inside the folder but never out of it', async (t) => {
  const { root, outside } = folder(t);
  writeFileSync(join(outside, 'secret'), 'secret');
  writeFileSync(join(root, 'real.cfg'), 'inside');
  symlinkSync(join(outside, 'secret'), join(root, 'leak.cfg'));
  symlinkSync(outside, join(root, 'leakdir'));
  symlinkSync('real.cfg', join(root, 'alias.cfg'));
  const cache = createFileCache();
  await rejectsWith(fileSource(root, 'leak.cfg', { cache }), TftpErrorCode.AccessViolation);
  await rejectsWith(fileSource(root, 'leakdir/secret', { cache }), TftpErrorCode.AccessViolation);
  assert.equal((await readAll(await fileSource(root, 'alias.cfg', { cache }))).toString(), 'inside');
});

test('large files are streamed by offset, not cached', async (t) => {
  const { root } = folder(t);
  const body = randomBytes(100_000);
  writeFileSync(join(root, 'fw.bin'), body);
  const cache = createFileCache({ maxFileBytes: 10_000 });
  const source = await fileSource(root, 'fw.bin', { cache });
  assert.equal(source.size, body.length);
  const part = await source.read(50_000, 1000);
  assert.ok(Buffer.from(part).equals(body.subarray(50_000, 51_000)), 'the middle of the file');
  const tail = await source.read(99_990, 100);
  assert.equal(tail.length, 10, 'a read past the end is short');
  await source.close?.();
  assert.equal(cache.stats().entries, 0);
});

test('a changed file is noticed once the revalidation delay has passed', async (t) => {
  const { root } = folder(t);
  const path = join(root, 'x.cfg');
  writeFileSync(path, 'one');
  const eager = createFileCache({ revalidateMs: 0 });
  assert.equal((await readAll(await fileSource(root, 'x.cfg', { cache: eager }))).toString(), 'one');
  const lazy = createFileCache({ revalidateMs: 60_000 });
  assert.equal((await readAll(await fileSource(root, 'x.cfg', { cache: lazy }))).toString(), 'one');
  writeFileSync(path, 'two!');
  assert.equal((await readAll(await fileSource(root, 'x.cfg', { cache: eager }))).toString(), 'two!');
  assert.equal((await readAll(await fileSource(root, 'x.cfg', { cache: lazy }))).toString(), 'one', 'trusted within revalidateMs');
  lazy.clear();
  assert.equal((await readAll(await fileSource(root, 'x.cfg', { cache: lazy }))).toString(), 'two!');
});

test('the cache keeps its byte budget, dropping the least recently used', async (t) => {
  const { root } = folder(t);
  for (const n of ['a', 'b', 'c']) writeFileSync(join(root, n), randomBytes(400));
  const cache = createFileCache({ maxBytes: 1000, maxFileBytes: 500, revalidateMs: 0 });
  await fileSource(root, 'a', { cache });
  await fileSource(root, 'b', { cache });
  await fileSource(root, 'a', { cache });
  await fileSource(root, 'c', { cache });
  assert.deepEqual({ entries: cache.stats().entries, bytes: cache.stats().bytes }, { entries: 2, bytes: 800 });
  const misses = cache.stats().misses;
  await fileSource(root, 'a', { cache });
  assert.equal(cache.stats().misses, misses, 'a was used recently and stayed');
  await fileSource(root, 'b', { cache });
  assert.equal(cache.stats().misses, misses + 1, 'b was evicted');
});

test('concurrent misses read the file once', async (t) => {
  const { root } = folder(t);
  writeFileSync(join(root, 'hot.cfg'), randomBytes(2000));
  const cache = createFileCache({ revalidateMs: 0 });
  const sources = await Promise.all(Array.from({ length: 20 }, () => fileSource(root, 'hot.cfg', { cache })));
  assert.equal(cache.stats().misses, 1);
  assert.ok(sources.every((s) => s.size === 2000), 'every source has the size');
});

test('TftpError carries a stable code', () => {
  const e = new TftpError(TftpErrorCode.AccessViolation, 'no');
  assert.equal(e.code, 'DT_ERR_TFTP_ACCESS_VIOLATION');
  assert.equal(e.name, 'TftpError');
});
