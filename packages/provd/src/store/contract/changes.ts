/** The change feed: one record per committed write transaction, after its commit, dense seqs; across nodes on PostgreSQL. */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { ChangeRecord } from '../changes.js';
import type { Store } from '../types.js';
import type { Case } from './harness.js';

function collect(store: Store): ChangeRecord[] {
  const seen: ChangeRecord[] = [];
  store.changes.subscribe((record) => {
    seen.push(record);
  });
  return seen;
}

async function until(what: string, check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting: ${what}`);
    await sleep(10);
  }
}

export function changeCases(test: Case): void {
  test('each committed transaction publishes one record, after its commit, with the next seq', async ({ store }) => {
    const seen = collect(store);
    const visible: Promise<unknown>[] = [];
    store.changes.subscribe((record) => {
      // read from outside the transaction: the write must already be committed
      for (const c of record.changes) if (c.collection === 'devices') for (const id of c.ids) visible.push(store.devices.get(id));
    });
    const start = store.changes.seq;
    const { change } = await store.transactionWithChange(async (tx) => {
      await tx.configs.insert({ id: 'c1', parent_ids: [], raw_config: {} });
      await tx.devices.insert({ id: 'd1', config: 'c1' });
      await tx.devices.insert({ id: 'd2' });
      await tx.devices.update({ id: 'd2', mac: '00:11:22:33:44:55' });
      await tx.meta.set('k', 1);
      assert.equal(seen.length, 0, 'nothing is published before the commit');
    });
    assert.equal(seen.length, 1);
    assert.equal(change?.seq, start + 1);
    assert.equal(seen[0], change);
    assert.deepEqual(
      [...seen[0].changes].map((c) => `${c.collection}:${c.kind}:${[...c.ids].join(',')}`).sort(),
      ['configs:insert:c1', 'devices:insert:d1,d2', 'devices:update:d2', 'parameters:update:k'],
    );
    assert.ok((await Promise.all(visible)).every((doc) => doc !== null), 'listeners see committed data');

    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.devices.insert({ id: 'gone' });
        throw new Error('roll back');
      }),
    );
    const empty = await store.transactionWithChange(async (tx) => tx.devices.get('d1'));
    assert.equal(empty.change, null, 'a transaction that writes nothing publishes nothing');
    await store.devices.delete('d1');
    assert.deepEqual(seen.map((r) => r.seq), [start + 1, start + 2], 'rolled back: no record, and no hole in the seqs');
    assert.deepEqual(seen[1].changes, [{ collection: 'devices', kind: 'delete', ids: ['d1'] }]);
    await store.transaction(async (tx) => tx.announce('plugins', 'update', ['xivo-foo']), { tag: 'plugin-install' });
    assert.deepEqual(seen[2].changes, [{ collection: 'plugins', kind: 'update', ids: ['xivo-foo'] }]);
    assert.equal(seen[2].tag, 'plugin-install');
  });

  test('settled() waits for the work listeners started for a record', async ({ store }) => {
    let finished = false;
    store.changes.subscribe(async () => {
      await sleep(30);
      finished = true;
    });
    const { change } = await store.transactionWithChange((tx) => tx.devices.insert({ id: 'x' }));
    assert.equal(finished, false);
    await store.changes.settled(change!.seq);
    assert.equal(finished, true);
  });

  test('PostgreSQL: every node hears the others\' records, large ones too, and catches up after its connection is cut', async ({ store, open, options }) => {
    if (store.kind !== 'postgres') return; // one SQLite file has one process: no peers to hear
    const peer = await open();
    const heard = collect(peer);
    await store.devices.insert({ id: 'a1' });
    await until('the peer hears the record', () => heard.length === 1);
    assert.equal(heard[0].seq, store.changes.seq);
    assert.equal(heard[0].node, store.node);
    assert.deepEqual(heard[0].changes, [{ collection: 'devices', kind: 'insert', ids: ['a1'] }]);

    // too large for a notification (8000 bytes): peers read it from the changes table
    const many = Array.from({ length: 300 }, (_, i) => `a-rather-long-device-identifier-${i}`);
    await store.transaction(async (tx) => {
      for (const id of many) await tx.devices.insert({ id });
    });
    await until('the peer reads the large record', () => heard.length === 2);
    assert.deepEqual([...heard[1].changes[0].ids].sort(), [...many].sort());

    const states: string[] = [];
    peer.onConnection((state) => states.push(state));
    const admin = new pg.Client({ connectionString: options.url });
    await admin.connect();
    try {
      const killed = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [`dialtone-provd:${peer.node}`]);
      assert.ok(killed.rowCount! >= 1, 'the peer had connections to cut');
    } finally {
      await admin.end();
    }
    await until('the peer notices', () => states.includes('lost'));
    // committed while the peer cannot hear: it must read them back
    await store.devices.insert({ id: 'while-away-1' });
    await store.devices.insert({ id: 'while-away-2' });
    await until('the peer catches up', () => heard.length === 4, 10_000);
    assert.deepEqual(heard.map((r) => r.seq), [heard[0].seq, heard[0].seq + 1, heard[0].seq + 2, heard[0].seq + 3]);
    assert.deepEqual(states, ['lost', 'caught-up']);
    assert.equal(peer.feedState().reconnects, 1);
    assert.equal(peer.feedState().connected, true);
    // the peer's own writes still work (its pool dropped the cut connections) and are heard here
    const back = collect(store);
    await sleep(50);
    await peer.devices.insert({ id: 'from-peer' }).catch(() => peer.devices.insert({ id: 'from-peer' }));
    await until('this node hears the peer', () => back.some((r) => r.changes[0]?.ids.includes('from-peer')));
  });
}
