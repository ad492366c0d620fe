import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openStore } from '../index.js';

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
