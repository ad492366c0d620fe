/**
 * The FileSink contract, run against every implementation (the SDK's in-memory sink, provd's
 * generated files), like the store's contract suite: the same behaviour whoever hosts the plugin.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSdkError } from '../errors.js';
import type { FileSink } from '../plugin.js';

export interface SinkUnderTest {
  readonly sink: FileSink;
  /** A second sink of the same host for another plugin (names are per plugin). */
  readonly other?: FileSink;
  close(): Promise<void>;
}

export function runFileSinkContract(name: string, make: () => Promise<SinkUnderTest>): void {
  const withSink = (title: string, body: (s: SinkUnderTest) => Promise<void>) =>
    test(`${name} sink: ${title}`, async (t) => {
      const s = await make();
      t.after(() => s.close());
      await body(s);
    });

  withSink('write then read, text and bytes', async ({ sink }) => {
    await sink.write('a.cfg', 'héllo');
    await sink.write('dir/b.bin', Buffer.from([0, 255, 1]));
    assert.equal((await sink.read('a.cfg'))?.toString('utf8'), 'héllo');
    assert.deepEqual(await sink.read('dir/b.bin'), Buffer.from([0, 255, 1]));
    assert.equal(await sink.read('missing.cfg'), null);
  });

  withSink('a write replaces; the last write wins', async ({ sink }) => {
    await sink.write('x', 'one');
    await Promise.all([sink.write('x', 'two'), sink.write('x', 'three')]);
    assert.equal((await sink.read('x'))?.toString(), 'three');
  });

  withSink('list is sorted and per plugin', async ({ sink, other }) => {
    await sink.write('b', '1');
    await sink.write('a/z', '2');
    await sink.write('a/a', '3');
    if (other) await other.write('c', '4');
    assert.deepEqual(await sink.list(), ['a/a', 'a/z', 'b']);
    if (other) assert.deepEqual(await other.list(), ['c']);
  });

  withSink('remove; removing a missing file is not an error; write after remove', async ({ sink }) => {
    await sink.write('r', 'v');
    await sink.remove('r');
    await sink.remove('never-written');
    assert.equal(await sink.read('r'), null);
    assert.deepEqual(await sink.list(), []);
    await sink.remove('r2');
    await sink.write('r2', 'again');
    assert.equal((await sink.read('r2'))?.toString(), 'again');
  });

  withSink('unsafe names are refused with DT_ERR_INVALID_FILE_NAME and nothing is written', async ({ sink }) => {
    for (const bad of ['../x', '/etc/passwd', 'a/../b', 'a//b', 'c:\\x', 'a\\b', '', 'a\0b']) {
      await assert.rejects(sink.write(bad, 'x'), (err) => isSdkError(err, 'DT_ERR_INVALID_FILE_NAME'), bad);
      await assert.rejects(sink.read(bad), (err) => isSdkError(err, 'DT_ERR_INVALID_FILE_NAME'), bad);
      await assert.rejects(sink.remove(bad), (err) => isSdkError(err, 'DT_ERR_INVALID_FILE_NAME'), bad);
    }
    assert.deepEqual(await sink.list(), []);
  });
}
