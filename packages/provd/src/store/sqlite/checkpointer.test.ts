import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { openStore } from '../index.js';
import { Checkpointer } from './checkpointer.js';

test('with automatic checkpoints off, WAL pages still reach the database file (the checkpoint worker)', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dialtone-checkpoint-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'provd.db');
  const store = await openStore({ url: `sqlite:${file}` });
  const sizeBefore = statSync(file).size;
  const padding = 'x'.repeat(2000);
  // about 1500 pages: past the 1000 at which SQLite would checkpoint inside a COMMIT
  for (let batch = 0; batch < 30; batch++) {
    await Promise.all(Array.from({ length: 100 }, (_, i) => store.devices.insert({ mac: `m${batch}-${i}`, padding })));
  }
  const walBefore = statSync(`${file}-wal`).size;
  assert.ok(walBefore > 1000 * 4096, `the WAL holds the writes (${walBefore} bytes)`);
  const deadline = Date.now() + 10_000;
  while (statSync(file).size <= sizeBefore + 1000 * 4096 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.ok(statSync(file).size > sizeBefore + 1000 * 4096, 'the pages were copied into the database file');
  assert.equal(await store.devices.count(), 3000);
  await store.close();
});

test('the WAL file is emptied while running once it passes its limit, even after a long read held it', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dialtone-wal-truncate-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'wal.db');
  const writer = new Database(file);
  writer.pragma('journal_mode = WAL');
  writer.pragma('wal_autocheckpoint = 0');
  writer.exec('CREATE TABLE t (v TEXT)');
  const limit = 1024 * 1024;
  const checkpointer = new Checkpointer(file, { delayMs: 10, truncateAboveBytes: limit });
  t.after(async () => {
    await checkpointer.close();
    writer.close();
  });
  // a reader keeping an old snapshot: checkpoints cannot complete, the WAL grows
  const pinned = new Database(file);
  pinned.exec('BEGIN');
  pinned.prepare('SELECT count(*) FROM t').get();
  const insert = writer.prepare('INSERT INTO t (v) VALUES (?)');
  const padding = 'y'.repeat(4000);
  for (let i = 0; i < 1500; i++) {
    insert.run(padding);
    checkpointer.committed();
    if (i % 100 === 0) await new Promise((r) => setTimeout(r, 1));
  }
  const grown = statSync(`${file}-wal`).size;
  assert.ok(grown > 4 * limit, `the WAL grew while the read was open (${grown} bytes)`);
  pinned.exec('COMMIT');
  pinned.close();
  insert.run('last');
  checkpointer.committed();
  const deadline = Date.now() + 10_000;
  while (statSync(`${file}-wal`).size > limit && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    checkpointer.committed();
  }
  assert.ok(statSync(`${file}-wal`).size <= limit, `the WAL file was emptied (${statSync(`${file}-wal`).size} bytes)`);
  assert.equal((writer.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n, 1501);
});
