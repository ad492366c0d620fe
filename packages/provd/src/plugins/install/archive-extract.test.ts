import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { realArchive } from '../../../test/support/archives.js';
import { makeZip } from '../../../test/support/zip-writer.js';
import { isProvdError } from '../../errors.js';
import { extractArchiveFile, listArchive } from './archive-extract.js';

function setup(t: { after(fn: () => void): void }) {
  const root = mkdtempSync(join(tmpdir(), 'archive-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const dest = join(root, 'out');
  return { root, dest, write: (name: string, data: Buffer) => (writeFileSync(join(root, name), data), join(root, name)) };
}

/** Every file under `dir` with its size. */
function files(dir: string): Record<string, number> {
  if (!existsSync(dir)) return {};
  const out: Record<string, number> = {};
  for (const name of execFileSync('find', ['.', '-type', 'f'], { cwd: dir }).toString().split('\n').filter(Boolean)) out[name.slice(2)] = readFileSync(join(dir, name)).length;
  return out;
}

test('zip keeps its tree, 7z is flattened; listing reports declared sizes', async (t) => {
  const { dest, write } = setup(t);
  const zip = write('fw.zip', realArchive('zip', { 'fw/acme.bin': 'acme', 'fw/sub/readme.txt': 'readme' }));
  assert.deepEqual((await listArchive(zip)).filter((e) => e.size > 0).map((e) => [e.name.replace(/^\.\//, ''), e.size]).sort(), [['fw/acme.bin', 4], ['fw/sub/readme.txt', 6]]);
  await extractArchiveFile(zip, join(dest, 'zip'));
  assert.deepEqual(files(join(dest, 'zip')), { 'fw/acme.bin': 4, 'fw/sub/readme.txt': 6 });
  const sz = write('fw.7z', realArchive('7z', { 'deep/dir/base.bin': 'base', 'deep/notes.txt': 'notes' }));
  await extractArchiveFile(sz, join(dest, '7z'), { flatten: true });
  assert.deepEqual(files(join(dest, '7z')), { 'base.bin': 4, 'notes.txt': 5 });
});

test('a zip bomb (20 MB of zeros in a small zip) is refused from its listing, before anything is written', async (t) => {
  const { dest, write } = setup(t);
  const bomb = makeZip([{ name: 'zeros.bin', data: Buffer.alloc(20 * 1024 * 1024) }]);
  assert.ok(bomb.length < 100 * 1024, `the bomb is small (${bomb.length} bytes)`);
  const file = write('bomb.zip', bomb);
  await assert.rejects(extractArchiveFile(file, dest, { maxBytes: 1024 * 1024 }), (err) => isProvdError(err, 'DT_ERR_ARCHIVE_TOO_LARGE') && /zeros\.bin.*declares 20971520 bytes/.test((err as Error).message));
  assert.deepEqual(files(dest), {});
});

test('many small entries whose total is over the limit, or too many entries: refused before extraction', async (t) => {
  const { dest, write } = setup(t);
  const many = write('many.zip', makeZip(Array.from({ length: 8 }, (_, i) => ({ name: `f${i}.bin`, data: Buffer.alloc(200 * 1024) }))));
  await assert.rejects(extractArchiveFile(many, dest, { maxBytes: 1024 * 1024 }), (err) => isProvdError(err, 'DT_ERR_ARCHIVE_TOO_LARGE') && /in all/.test((err as Error).message));
  await assert.rejects(extractArchiveFile(many, dest, { maxEntries: 5 }), (err) => isProvdError(err, 'DT_ERR_ARCHIVE_TOO_LARGE') && /8 entries/.test((err as Error).message));
  assert.deepEqual(files(dest), {});
});

test('a zip lying about its size (declares 1000 bytes, inflates to 1 MB): never more than the declared bytes are written', async (t) => {
  const { dest, write } = setup(t);
  const liar = write('liar.zip', makeZip([{ name: 'small.bin', data: Buffer.alloc(1024 * 1024, 7), declaredSize: 1000 }]));
  let outcome = 'extracted';
  try {
    await extractArchiveFile(liar, dest, { maxBytes: 64 * 1024 });
  } catch (err) {
    assert.ok(isProvdError(err, 'DT_ERR_ARCHIVE_INVALID'), String(err));
    outcome = 'refused';
  }
  const written = files(dest);
  const total = Object.values(written).reduce((n, s) => n + s, 0);
  assert.ok(total <= 1000, `${outcome}: ${total} bytes written (${JSON.stringify(written)})`);
});

test('a 7z over the limit is refused from its listing; a 7z within it extracts', async (t) => {
  const { root, dest } = setup(t);
  const big = join(root, 'big');
  mkdirSync(big);
  writeFileSync(join(big, 'zeros.bin'), Buffer.alloc(8 * 1024 * 1024));
  const file = join(root, 'big.7z');
  execFileSync('bsdtar', ['-cf', file, '--format', '7zip', '-C', big, 'zeros.bin']);
  assert.ok(readFileSync(file).length < 64 * 1024);
  await assert.rejects(extractArchiveFile(file, dest, { maxBytes: 1024 * 1024, flatten: true }), (err) => isProvdError(err, 'DT_ERR_ARCHIVE_TOO_LARGE'));
  assert.deepEqual(files(dest), {});
  await extractArchiveFile(file, dest, { maxBytes: 16 * 1024 * 1024, flatten: true });
  assert.deepEqual(files(dest), { 'zeros.bin': 8 * 1024 * 1024 });
});

for (const [what, name] of [
  ['a .. segment', '../evil.txt'],
  ['an absolute path', '/tmp/evil.txt'],
] as const) {
  test(`a hostile zip (${what}) → DT_ERR_ARCHIVE_UNSAFE, nothing written anywhere`, async (t) => {
    const { root, dest, write } = setup(t);
    const file = write('hostile.zip', makeZip([{ name: 'ok.txt', data: 'fine' }, { name, data: 'evil' }]));
    await assert.rejects(extractArchiveFile(file, dest), (err) => isProvdError(err, 'DT_ERR_ARCHIVE_UNSAFE'));
    assert.equal(existsSync(join(root, 'evil.txt')), false);
    assert.deepEqual(readdirSync(dest), [], 'the scratch folder is gone');
  });
}

test('not an archive → DT_ERR_ARCHIVE_INVALID', async (t) => {
  const { dest, write } = setup(t);
  const file = write('junk.zip', Buffer.from('this is not a zip at all'));
  await assert.rejects(extractArchiveFile(file, dest), (err) => isProvdError(err, 'DT_ERR_ARCHIVE_INVALID'));
});
