import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { bzip2, makeTar, realArchive, type TarEntry } from '../../../test/support/archives.js';
import { isProvdError } from '../../errors.js';
import { extractTarFile } from './tar-extract.js';

function setup(t: { after(fn: () => void): void }) {
  const root = mkdtempSync(join(tmpdir(), 'tar-extract-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const dest = join(root, 'out');
  const archive = (data: Buffer) => {
    const file = join(root, `a-${Math.random()}.tar`);
    writeFileSync(file, data);
    return file;
  };
  return { root, dest, archive };
}

test('real tar.bz2, tar.gz and tar.xz archives extract with their tree, links inside stay', async (t) => {
  const { root } = setup(t);
  for (const kind of ['tar.bz2', 'tar.gz', 'tar.xz'] as const) {
    const file = join(root, `x.${kind}`);
    writeFileSync(file, realArchive(kind, { 'p/plugin-info': '{"version":"1"}', 'p/templates/base.tpl': 'x' }));
    const dest = join(root, kind);
    const entries = await extractTarFile(file, dest);
    assert.equal(readFileSync(join(dest, 'p/plugin-info'), 'utf8'), '{"version":"1"}');
    assert.equal(readFileSync(join(dest, 'p/templates/base.tpl'), 'utf8'), 'x');
    assert.ok(entries.some((e) => e.name === 'p/templates' && e.type === 'dir'));
  }
});

test('pax long names, inside symlinks and hard links to earlier files', async (t) => {
  const { dest, archive } = setup(t);
  const long = `p/${'d'.repeat(120)}/f.txt`;
  await extractTarFile(
    archive(makeTar([
      { name: 'p/', type: '5' },
      { name: long, content: 'long' },
      { name: 'p/a.txt', content: 'A', mode: 0o4755 },
      { name: 'p/link', type: '2', link: 'a.txt' },
      { name: 'p/hard', type: '1', link: 'p/a.txt' },
    ])),
    dest,
  );
  assert.equal(readFileSync(join(dest, long), 'utf8'), 'long');
  assert.equal(readlinkSync(join(dest, 'p/link')), 'a.txt');
  assert.equal(readFileSync(join(dest, 'p/hard'), 'utf8'), 'A');
  assert.equal(lstatSync(join(dest, 'p/a.txt')).mode & 0o7000, 0, 'no setuid bit');
});

const hostile: Array<[string, TarEntry[], RegExp]> = [
  ['absolute name', [{ name: '/tmp/evil', content: 'x' }], /absolute path/],
  ['.. segment', [{ name: 'p/../../evil', content: 'x' }], /"\.\." segment/],
  ['symlink to an absolute target', [{ name: 'p/l', type: '2', link: '/etc' }], /absolute target/],
  ['symlink escaping with ..', [{ name: 'p/l', type: '2', link: '../../etc' }], /points outside/],
  ['a file written through an inside link', [{ name: 'p/', type: '5' }, { name: 'p/l', type: '2', link: '.' }, { name: 'p/l/x', content: 'x' }], /goes through the link/],
  ['hard link to outside', [{ name: 'p/h', type: '1', link: '/etc/passwd' }], /absolute path/],
  ['hard link to a name not in the archive', [{ name: 'p/h', type: '1', link: 'p/none' }], /not an earlier file/],
  ['character device', [{ name: 'p/dev', type: '3' }], /device file/],
  ['block device', [{ name: 'p/dev', type: '4' }], /device file/],
  ['fifo', [{ name: 'p/fifo', type: '6' }], /fifo/],
];

for (const [title, entries, message] of hostile) {
  test(`hostile tar: ${title} → DT_ERR_ARCHIVE_UNSAFE, nothing outside`, async (t) => {
    const { root, dest, archive } = setup(t);
    await assert.rejects(extractTarFile(archive(makeTar(entries)), dest), (err) => {
      assert.ok(isProvdError(err, 'DT_ERR_ARCHIVE_UNSAFE'), String(err));
      assert.match((err as Error).message, message);
      return true;
    });
    assert.deepEqual(readdirSync(root).filter((n) => !n.endsWith('.tar') && n !== 'out'), [], 'nothing beside the destination');
    assert.equal(existsSync('/tmp/evil'), false);
  });
}

test('size and entry limits; bombs are stopped while decompressing', async (t) => {
  const { dest, archive, root } = setup(t);
  const big = makeTar([{ name: 'p/zero', content: Buffer.alloc(5 * 1024 * 1024) }]);
  const file = join(root, 'bomb.tar.bz2');
  writeFileSync(file, bzip2(big));
  await assert.rejects(extractTarFile(file, dest, { maxBytes: 1024 * 1024 }), (err) => isProvdError(err, 'DT_ERR_ARCHIVE_TOO_LARGE'));
  const many = makeTar(Array.from({ length: 20 }, (_, i) => ({ name: `p/f${i}`, content: 'x' })));
  await assert.rejects(extractTarFile(archive(many), join(root, 'many'), { maxEntries: 10 }), (err) => isProvdError(err, 'DT_ERR_ARCHIVE_TOO_LARGE'));
});

test('truncated archives and non-tar files are DT_ERR_ARCHIVE_INVALID', async (t) => {
  const { root, archive } = setup(t);
  const tar = makeTar([{ name: 'p/f', content: Buffer.alloc(4000, 1) }]);
  await assert.rejects(extractTarFile(archive(tar.subarray(0, 2048)), join(root, 'a')), (err) => isProvdError(err, 'DT_ERR_ARCHIVE_INVALID') && /truncated/.test((err as Error).message));
  await assert.rejects(extractTarFile(archive(Buffer.alloc(1024, 7)), join(root, 'b')), (err) => isProvdError(err, 'DT_ERR_ARCHIVE_INVALID'));
  const bz = bzip2(tar);
  const file = join(root, 'cut.tar.bz2');
  writeFileSync(file, bz.subarray(0, bz.length - 20));
  await assert.rejects(extractTarFile(file, join(root, 'c')), (err) => isProvdError(err, 'DT_ERR_ARCHIVE_INVALID'));
});
