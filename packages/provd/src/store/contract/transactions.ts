/** Contract cases: atomicity, isolation, serialization of writers, misuse, crash safety. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Store, TxStore } from '../types.js';
import type { Case } from './harness.js';
import { ids, rejectsWith } from './harness.js';

async function findOrInsert(tx: TxStore, mac: string, n: number): Promise<string> {
  const found = await tx.devices.findOne({ mac });
  if (found) return found.id;
  await new Promise((resolve) => setTimeout(resolve, n % 3)); // widen the race window
  return tx.devices.insert({ mac, n });
}

export function transactionCases(test: Case): void {
  test('a transaction commits all its writes and returns its value', async ({ store }) => {
    const result = await store.transaction(async (tx) => {
      await tx.devices.insert({ id: 'a', mac: 'm' });
      await tx.configs.insert({ id: 'c', parent_ids: ['p'] });
      await tx.meta.set('k', 1);
      await tx.devices.update({ id: 'a', mac: 'm2' });
      return 'done';
    });
    assert.equal(result, 'done');
    assert.deepEqual(await store.devices.get('a'), { id: 'a', mac: 'm2' });
    assert.deepEqual(await store.configs.children('p'), ['c']);
    assert.equal(await store.meta.get('k'), 1);
  });

  test('a failing transaction leaves nothing behind', async ({ store }) => {
    await store.devices.insert({ id: 'before', mac: 'x' });
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.devices.insert({ id: 'a', mac: 'm' });
        await tx.devices.update({ id: 'before', mac: 'changed' });
        await tx.configs.insert({ id: 'c', parent_ids: ['p'] });
        await tx.meta.set('k', 1);
        await tx.devices.delete('before');
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.deepEqual(ids(await store.devices.find()), ['before']);
    assert.deepEqual(await store.devices.get('before'), { id: 'before', mac: 'x' });
    assert.equal(await store.configs.count(), 0);
    assert.deepEqual(await store.configs.children('p'), []);
    assert.equal(await store.meta.get('k'), undefined);
  });

  test('a store error inside a transaction rolls all of it back', async ({ store }) => {
    await store.devices.insert({ id: 'dup' });
    await rejectsWith(
      store.transaction(async (tx) => {
        await tx.devices.insert({ id: 'first' });
        await tx.devices.insert({ id: 'dup' });
      }),
      'DT_ERR_DUPLICATE_ID',
    );
    assert.deepEqual(ids(await store.devices.find()), ['dup']);
  });

  test('reads inside see the transaction; reads outside see committed data only', async ({ store }) => {
    await store.transaction(async (tx) => {
      await tx.devices.insert({ id: 'a', mac: 'm' });
      assert.deepEqual(ids(await tx.devices.find({ mac: 'm' })), ['a']);
      assert.equal(await tx.devices.count(), 1);
      assert.equal(await store.devices.get('a'), null);
      assert.equal(await store.devices.count({ mac: 'm' }), 0);
    });
    assert.equal(await store.devices.count({ mac: 'm' }), 1);
  });

  test('50 concurrent find-or-insert transactions create exactly one document', async ({ store }) => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, n) => store.transaction((tx) => findOrInsert(tx, 'aa:aa', n))));
    assert.equal(new Set(results).size, 1);
    assert.equal(await store.devices.count({ mac: 'aa:aa' }), 1);
  });

  test('writers on two handles of one database (two nodes) are serialized too', async ({ store, open }) => {
    const other = await open();
    const handles: Store[] = [store, other];
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, n) => handles[n % 2].transaction((tx) => findOrInsert(tx, 'bb:bb', n))),
    );
    assert.equal(new Set(results).size, 1);
    assert.equal(await other.devices.count({ mac: 'bb:bb' }), 1);
    await other.devices.insert({ id: 'from-other' });
    assert.notEqual(await store.devices.get('from-other'), null);
  });

  test('plain writes run concurrently without losing any', async ({ store }) => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => store.devices.insert({ id: `w${i}`, i })));
    await Promise.all(Array.from({ length: 40 }, (_, i) => store.devices.update({ id: `w${i}`, i, updated: true })));
    assert.equal(await store.devices.count({ updated: true }), 40);
  });

  test('concurrent transactions (committed in groups) keep their own outcome: failures leave nothing, the rest commit', async ({ store }) => {
    await store.devices.insert({ id: 'taken' });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, (_, n) =>
        store.transaction(async (tx) => {
          await tx.devices.insert({ id: `t${n}`, n });
          await tx.configs.insert({ id: `c${n}`, parent_ids: ['shared'] });
          if (n % 3 === 1) throw new Error(`writer ${n} fails`);
          // a store error mid-way must roll back this writer only
          if (n % 3 === 2) await tx.devices.insert({ id: 'taken' });
          return n;
        }),
      ),
    );
    outcomes.forEach((outcome, n) => assert.equal(outcome.status, n % 3 === 0 ? 'fulfilled' : 'rejected', `writer ${n}`));
    const kept = Array.from({ length: 10 }, (_, i) => `t${i * 3}`).sort();
    assert.deepEqual(ids(await store.devices.find({ n: { $exists: true } })), kept);
    assert.equal(await store.configs.count(), 10);
    assert.equal((await store.configs.children('shared')).length, 10);
  });

  test('writing, nesting or closing through the store inside its own transaction is refused, not a deadlock', async ({ store }) => {
    await store.transaction(async () => {
      await rejectsWith(store.devices.insert({ id: 'x' }), 'DT_ERR_STORE', /tx handle/);
      await rejectsWith(store.transaction(async () => 1), 'DT_ERR_STORE', /nested/);
      await rejectsWith(store.close(), 'DT_ERR_STORE', /close/);
    });
    assert.equal(await store.devices.count(), 0);
  });

  test('a transaction handle cannot be used after the transaction', async ({ store }) => {
    let leaked: TxStore | undefined;
    await store.transaction(async (tx) => {
      leaked = tx;
    });
    await rejectsWith(leaked!.devices.insert({ id: 'late' }), 'DT_ERR_STORE', /finished/);
    await rejectsWith(leaked!.devices.find(), 'DT_ERR_STORE', /finished/);
    await store.devices.insert({ id: 'after' });
    assert.deepEqual(ids(await store.devices.find()), ['after']);
  });

  test('a writer killed mid-transaction leaves no partial data', async ({ store, options }) => {
    await store.configs.insert({ id: 'committed-parent', parent_ids: [] });
    const script = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(options)], {
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`crash writer never got ready: ${stderr}`)), 20_000);
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`crash writer exited (${code}): ${stderr}`)));
    });
    child.kill('SIGKILL');
    await exited;
    assert.deepEqual(ids(await store.devices.find()), ['committed']);
    assert.equal(await store.configs.get('partial-config'), null);
    assert.deepEqual(await store.configs.children('committed-parent'), []);
    assert.equal(await store.meta.get('partial'), undefined);
    await store.devices.insert({ id: 'after-crash' });
    assert.equal(await store.devices.count(), 2, 'the database is writable again');
  });
}
