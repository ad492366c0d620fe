import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { GeneratedFiles } from './generated-files.js';

function setup(t: { after: (fn: () => void) => void }) {
  const root = mkdtempSync(join(tmpdir(), 'generated-files-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const files = new GeneratedFiles(root);
  return { root, files, sink: files.sinkFor('p'), path: (name: string) => join(root, 'p', ...name.split('/')) };
}

test('write, read, list, remove; memory and disk agree', async (t) => {
  const { root, files, sink, path } = setup(t);
  await sink.write('a/x.cfg', 'one');
  assert.equal(files.get('p', 'a/x.cfg')?.content.toString(), 'one');
  assert.equal(readFileSync(path('a/x.cfg'), 'utf8'), 'one');
  assert.deepEqual(await sink.list(), ['a/x.cfg']);
  await sink.remove('a/x.cfg');
  assert.equal(files.get('p', 'a/x.cfg'), undefined, 'gone from memory at once');
  assert.equal(await sink.read('a/x.cfg'), null);
  await files.flush();
  assert.equal(existsSync(path('a/x.cfg')), false, 'and from disk once flushed');
  assert.deepEqual(readdirSync(join(root, 'p', 'a')), [], 'no temp file left');
  await assert.rejects(sink.write('../escape', 'x'), /invalid generated file name/);
});

test('remove then rewrite of the same bytes in one turn leaves the disk alone', async (t) => {
  const { files, sink, path } = setup(t);
  await sink.write('x.cfg', 'same');
  const inode = statSync(path('x.cfg')).ino;
  const etag = files.get('p', 'x.cfg')!.etag;
  await sink.remove('x.cfg');
  await sink.write('x.cfg', 'same');
  await files.flush();
  assert.equal(statSync(path('x.cfg')).ino, inode, 'the very same file');
  assert.equal(files.get('p', 'x.cfg')?.etag, etag);
});

test('remove then rewrite of other bytes: the new content stays, on disk too', async (t) => {
  const { files, sink, path } = setup(t);
  await sink.write('x.cfg', 'old');
  await sink.remove('x.cfg');
  await sink.write('x.cfg', 'new');
  await nextTurn();
  await files.flush();
  assert.equal(readFileSync(path('x.cfg'), 'utf8'), 'new');
  assert.equal(files.get('p', 'x.cfg')?.content.toString(), 'new');

  // a removal already on its way to the disk, then a write: the write lands after it
  await sink.remove('x.cfg');
  await nextTurn();
  await sink.write('x.cfg', 'newer');
  await files.flush();
  assert.equal(readFileSync(path('x.cfg'), 'utf8'), 'newer');
});

test('a restart loads what is on disk', async (t) => {
  const { root, files, sink } = setup(t);
  await sink.write('k/y.cfg', 'kept');
  await sink.write('gone.cfg', 'x');
  await sink.remove('gone.cfg');
  await files.flush();
  const reloaded = new GeneratedFiles(root);
  reloaded.loadPlugin('p');
  assert.equal(reloaded.get('p', 'k/y.cfg')?.content.toString(), 'kept');
  assert.equal(reloaded.get('p', 'gone.cfg'), undefined);
});
