import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { GeneratedFiles, type GeneratedFilesOptions } from './generated-files.js';

function setup(t: { after: (fn: () => void) => void }, opts: GeneratedFilesOptions = {}) {
  const root = mkdtempSync(join(tmpdir(), 'generated-files-'));
  const opened: GeneratedFiles[] = [];
  const open = () => {
    const files = new GeneratedFiles(root, opts);
    opened.push(files);
    return files;
  };
  t.after(async () => {
    for (const f of opened) await f.close().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  });
  const files = open();
  return { root, files, sink: files.sinkFor('p'), open, journal: join(root, 'journal') };
}

test('write, read, list, remove; a restart finds what was written and not what was removed', async (t) => {
  const { files, sink, open } = setup(t);
  await sink.write('a/x.cfg', 'one');
  await sink.write('k/y.cfg', 'kept');
  assert.equal(files.get('p', 'a/x.cfg')?.content.toString(), 'one');
  assert.deepEqual(await sink.list(), ['a/x.cfg', 'k/y.cfg']);
  await sink.remove('a/x.cfg');
  assert.equal(files.get('p', 'a/x.cfg'), undefined, 'gone from memory at once');
  assert.equal(await sink.read('a/x.cfg'), null);
  await assert.rejects(sink.write('../escape', 'x'), (err: Error & { code?: string }) => err.code === 'DT_ERR_INVALID_FILE_NAME' && /".." segment/.test(err.message));
  await files.flush();
  const mtime = files.get('p', 'k/y.cfg')!.mtime.getTime();

  const reloaded = open();
  assert.equal(reloaded.get('p', 'k/y.cfg')?.content.toString(), 'kept');
  assert.equal(reloaded.get('p', 'k/y.cfg')?.mtime.getTime(), mtime, 'Last-Modified survives a restart');
  assert.equal(reloaded.get('p', 'a/x.cfg'), undefined);
  assert.equal(reloaded.get('other', 'k/y.cfg'), undefined, 'files are per plugin');
});

test('concurrent writes (appended together) are all in the journal', async (t) => {
  const { files, sink, open } = setup(t);
  await Promise.all(Array.from({ length: 50 }, (_, i) => sink.write(`f${i}.cfg`, `content ${i}`)));
  assert.equal(files.get('p', 'f49.cfg')?.content.toString(), 'content 49');
  const reloaded = open();
  for (let i = 0; i < 50; i++) assert.equal(reloaded.get('p', `f${i}.cfg`)?.content.toString(), `content ${i}`);
});

test('an empty journal file (its creation cut short) is started afresh', async (t) => {
  const { files, journal, open } = setup(t);
  await files.close();
  truncateSync(journal, 0);
  await open().sinkFor('p').write('x.cfg', 'x');
  assert.ok(statSync(journal).size > 0);
});

test('remove then rewrite of the same bytes in one turn journals nothing', async (t) => {
  const { files, sink, journal } = setup(t);
  await sink.write('x.cfg', 'same');
  const size = statSync(journal).size;
  const etag = files.get('p', 'x.cfg')!.etag;
  await sink.remove('x.cfg');
  await sink.write('x.cfg', 'same');
  await files.flush();
  assert.equal(statSync(journal).size, size, 'nothing appended');
  assert.equal(files.get('p', 'x.cfg')?.etag, etag);
});

test('remove then rewrite of other bytes: the new content stays, after a restart too', async (t) => {
  const { files, sink, open } = setup(t);
  await sink.write('x.cfg', 'old');
  await sink.remove('x.cfg');
  await sink.write('x.cfg', 'new');
  await nextTurn();
  await files.flush();
  assert.equal(files.get('p', 'x.cfg')?.content.toString(), 'new');
  // a removal already on its way to the journal, then a write: the write lands after it
  await sink.remove('x.cfg');
  await nextTurn();
  await sink.write('x.cfg', 'newer');
  await files.flush();
  assert.equal(open().get('p', 'x.cfg')?.content.toString(), 'newer');
});

test('a removal made while a write is under way wins, in memory and after a restart', async (t) => {
  const { files, sink, open } = setup(t);
  const writing = sink.write('x.cfg', 'late');
  await sink.remove('x.cfg');
  await writing;
  await files.flush();
  assert.equal(files.get('p', 'x.cfg'), undefined);
  assert.equal(open().get('p', 'x.cfg'), undefined);
});

test('two writes under way: the last one asked for wins', async (t) => {
  const { files, sink, open } = setup(t);
  await Promise.all([sink.write('x.cfg', 'first'), sink.write('x.cfg', 'second')]);
  assert.equal(files.get('p', 'x.cfg')?.content.toString(), 'second');
  await files.flush();
  assert.equal(open().get('p', 'x.cfg')?.content.toString(), 'second');
});

test('a torn or corrupt tail (a crash mid-append) is cut off; what came before is kept', async (t) => {
  const warnings: string[] = [];
  const { files, sink, open, journal } = setup(t, { warn: (m) => warnings.push(m) });
  await sink.write('a.cfg', 'A');
  await sink.write('b.cfg', 'B');
  await files.close();
  const whole = statSync(journal).size;
  truncateSync(journal, whole - 1);
  const reopened = open();
  assert.equal(reopened.get('p', 'a.cfg')?.content.toString(), 'A');
  assert.equal(reopened.get('p', 'b.cfg'), undefined, 'the torn record is dropped');
  assert.match(warnings[0], /cut off/);
  // appends after the cut are readable at the next start
  await reopened.sinkFor('p').write('c.cfg', 'C');
  await reopened.close();
  appendFileSync(journal, Buffer.from([0, 0, 0, 40, 1, 2, 3, 4, 9, 9]));
  const third = open();
  assert.equal(third.get('p', 'c.cfg')?.content.toString(), 'C');
  assert.equal(warnings.length, 2);
});

test('a journal that is not one is refused, not overwritten', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'generated-files-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  appendFileSync(join(root, 'journal'), 'something else');
  assert.throws(() => new GeneratedFiles(root), /not a generated-files journal/);
  assert.equal(readFileSync(join(root, 'journal'), 'utf8'), 'something else');
});

test('the journal is compacted once mostly dead, and still replays the live files', async (t) => {
  const { files, sink, open, journal } = setup(t, { compactAfterBytes: 4096 });
  for (let round = 0; round < 20; round++) {
    await Promise.all(Array.from({ length: 10 }, (_, i) => sink.write(`f${i}.cfg`, `round ${round} `.repeat(20))));
  }
  await sink.remove('f0.cfg');
  await files.flush();
  await nextTurn();
  await files.flush();
  const live = 9 * (21 + 1 + 6 + `round 19 `.length * 20);
  assert.ok(statSync(journal).size < 3 * live + 4096, `compacted: ${statSync(journal).size} bytes for ${live} live`);
  const reloaded = open();
  assert.equal(reloaded.get('p', 'f0.cfg'), undefined);
  assert.equal(reloaded.get('p', 'f9.cfg')?.content.toString(), `round 19 `.repeat(20));
});

test('a sweep removes the files not written again since it began, also from the journal', async (t) => {
  const { files, sink, open } = setup(t);
  await sink.write('dev/a.cfg', 'a');
  await sink.write('dev/gone.cfg', 'old device');
  await files.sinkFor('other').write('x.cfg', 'x');
  files.beginSweep();
  await sink.write('dev/a.cfg', 'a'); // the same bytes: kept
  await files.sinkFor('other').write('x.cfg', 'x2');
  assert.equal(files.endSweep(), 1);
  assert.equal(files.get('p', 'dev/gone.cfg'), undefined);
  assert.equal(files.get('p', 'dev/a.cfg')?.content.toString(), 'a');
  await sink.write('dev/later.cfg', 'no sweep running');
  assert.equal(files.endSweep(), 0, 'no sweep: nothing removed');
  await files.flush();
  const reloaded = open();
  assert.equal(reloaded.get('p', 'dev/gone.cfg'), undefined, 'the removal reached the journal');
  assert.equal(reloaded.get('other', 'x.cfg')?.content.toString(), 'x2');
  assert.equal(reloaded.get('p', 'dev/later.cfg')?.content.toString(), 'no sweep running');
});
