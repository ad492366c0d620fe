/**
 * The Store over a Backend. Writes made on `store.devices` etc. each run as their own transaction;
 * `store.transaction(fn)` hands `fn` a TxStore whose reads and writes all go through the one
 * transaction. Writing through the outer store from inside a transaction's callback would wait
 * for that very transaction, so it is refused with a clear error instead of hanging.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { errors } from '../errors.js';
import type { Backend } from './backend.js';
import { ChangeFeed, ChangeSet, type Change, type ChangeCollection, type ChangeKind, type ChangeRecord, type ChangeSource } from './changes.js';
import type { ChangeListenerHandle } from './postgres/listener.js';
import { SqlCollection } from './collection.js';
import type { CollectionContext } from './collection.js';
import { SqlConfigCollection } from './configs.js';
import { checkDocument, idProblem } from './document.js';
import type { SqlRunner } from './sql.js';
import { devicesTable } from './tables.js';
import type { Collection, ConfigCollection, FeedState, IdGenerator, JsonValue, MetaStore, Store, TransactionOptions, TxStore } from './types.js';

interface TxState {
  readonly store: DocumentStore;
  active: boolean;
}

/** Change records kept in the `changes` table for nodes that missed them (a lost connection). */
const KEEP_CHANGES = 10_000;
/** Pruning runs when a seq is a multiple of this. */
const PRUNE_EVERY = 500;
/** NOTIFY payloads are limited to 8000 bytes: past this, peers read the record from the table. */
const MAX_PAYLOAD = 7000;

const currentTx = new AsyncLocalStorage<TxState>();

export class DocumentStore implements Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly devices: Collection;
  readonly configs: ConfigCollection;
  readonly meta: MetaStore;
  readonly node: string;
  readonly changes: ChangeFeed;
  private listener: ChangeListenerHandle | null = null;
  private connected: boolean;
  private reconnects = 0;
  private readonly connectionListeners: ((state: 'lost' | 'caught-up') => void)[] = [];

  constructor(
    private readonly backend: Backend,
    private readonly idGenerator: IdGenerator,
    private readonly checkNesting: boolean,
    head: number,
    node = randomUUID(),
  ) {
    this.kind = backend.kind;
    this.node = node;
    this.connected = !backend.crossNode;
    const source: ChangeSource = {
      since: async (after, limit) => {
        const rows = await backend.reader.all('SELECT seq, node, record FROM changes WHERE seq > ? ORDER BY seq LIMIT ?', [after, limit]);
        return rows.map((row) => {
          const body = backend.dialect.parseJson(row.record) as unknown as { changes: Change[]; tag?: string };
          return { seq: Number(row.seq), node: row.node as string, changes: body.changes, ...(body.tag === undefined ? {} : { tag: body.tag }) };
        });
      },
      head: () => readHead(backend),
    };
    this.changes = new ChangeFeed(source, head, {
      onError: (err, record) => process.emitWarning(`change feed listener failed on seq ${record.seq}: ${(err as Error).message}`),
    });
    const ctx: CollectionContext = {
      dialect: backend.dialect,
      idGenerator,
      reader: () => backend.reader,
      write: async (fn) => {
        this.refuseInsideOwnTransaction('write through the store');
        return (await this.commit(fn)).value;
      },
    };
    this.devices = new SqlCollection(devicesTable, ctx);
    this.configs = new SqlConfigCollection(ctx);
    this.meta = new SqlMetaStore(ctx);
  }

  async transaction<T>(fn: (tx: TxStore) => Promise<T>, options?: TransactionOptions): Promise<T> {
    return (await this.transactionWithChange(fn, options)).value;
  }

  transactionWithChange<T>(fn: (tx: TxStore) => Promise<T>, options?: TransactionOptions): Promise<{ value: T; change: ChangeRecord | null }> {
    this.refuseInsideOwnTransaction('open a nested transaction');
    return this.commit(async (runner, changes) => {
      const state: TxState = { store: this, active: true };
      try {
        if (!this.checkNesting) return await fn(this.txStore(runner, state, changes));
        return await currentTx.run(state, () => fn(this.txStore(runner, state, changes)));
      } finally {
        state.active = false;
      }
    }, options?.tag);
  }

  feedState(): FeedState {
    return { node: this.node, seq: this.changes.seq, pending: this.changes.pending, connected: this.connected, reconnects: this.reconnects };
  }

  /**
   * Follows the connection of the cross-node feed: `lost` when the LISTEN connection drops (peers'
   * changes may be missed from then on), `caught-up` once it is back and every record committed
   * meanwhile has been read back and handed to listeners.
   */
  onConnection(listener: (state: 'lost' | 'caught-up') => void): void {
    this.connectionListeners.push(listener);
  }

  /** PostgreSQL: starts following peers' change records. */
  async follow(): Promise<void> {
    const crossNode = this.backend.crossNode;
    if (!crossNode) return;
    let first = true;
    this.listener = await crossNode.listen({
      payload: (text) => this.peerPayload(text),
      connected: () => {
        // the first connection: follow() reads what was committed before it, below
        if (first) {
          first = false;
          return;
        }
        this.reconnects++;
        void this.changes.catchUp().then(
          () => {
            this.connected = true;
            for (const l of this.connectionListeners) l('caught-up');
          },
          (err: unknown) => process.emitWarning(`change feed catch-up failed: ${(err as Error).message}`),
        );
      },
      lost: () => {
        if (!this.connected) return;
        this.connected = false;
        for (const l of this.connectionListeners) l('lost');
      },
    });
    this.connected = true;
    // what peers committed between reading the head and LISTENing was not heard: read it
    await this.changes.catchUp();
  }

  async close(): Promise<void> {
    this.refuseInsideOwnTransaction('close the store');
    await this.listener?.close();
    this.changes.close();
    await this.backend.close();
  }

  private peerPayload(text: string): void {
    let message: { seq?: unknown; node?: unknown; changes?: unknown; tag?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    if (typeof message.seq !== 'number' || message.node === this.node) return;
    // a pointer (the record was too large for a notification): read it, with anything before it
    if (!Array.isArray(message.changes)) void this.changes.catchUp();
    else {
      const tag = typeof message.tag === 'string' ? { tag: message.tag } : {};
      this.changes.receive({ seq: message.seq, node: String(message.node), changes: message.changes as Change[], ...tag });
    }
  }

  /**
   * Runs `fn` in a write transaction; when it wrote anything, appends the change record (its seq
   * is one more than the last, under the write lock) in the same transaction, and hands it to the
   * feed once committed.
   */
  private async commit<T>(fn: (runner: SqlRunner, changes: ChangeSet) => Promise<T>, tag?: string): Promise<{ value: T; change: ChangeRecord | null }> {
    const result = await this.backend.withWriteTransaction(async (runner) => {
      const set = new ChangeSet();
      const value = await fn(runner, set);
      const change = set.empty ? null : await this.appendChange(runner, set.toChanges(), tag);
      return { value, change };
    });
    if (result.change) this.changes.receive(result.change);
    return result;
  }

  private async appendChange(runner: SqlRunner, changes: Change[], tag: string | undefined): Promise<ChangeRecord> {
    const [row] = await runner.all('SELECT coalesce(max(seq), 0) AS seq FROM changes');
    const seq = Number(row.seq) + 1;
    const body = JSON.stringify(tag === undefined ? { changes } : { changes, tag });
    await runner.run('INSERT INTO changes (seq, node, record, at) VALUES (?, ?, ?, ?)', [seq, this.node, body, new Date().toISOString()]);
    if (seq % PRUNE_EVERY === 0) await runner.run('DELETE FROM changes WHERE seq <= ?', [seq - KEEP_CHANGES]);
    const record: ChangeRecord = tag === undefined ? { seq, node: this.node, changes } : { seq, node: this.node, changes, tag };
    const crossNode = this.backend.crossNode;
    if (crossNode) {
      const full = JSON.stringify(record);
      const payload = Buffer.byteLength(full) <= MAX_PAYLOAD ? full : JSON.stringify({ seq, node: this.node });
      await runner.run('SELECT pg_notify(?, ?)', [crossNode.channel, payload]);
    }
    return record;
  }

  private txStore(runner: SqlRunner, state: TxState, changes: ChangeSet): TxStore {
    const live = () => {
      if (!state.active) throw errors.store('this transaction is finished; its handle can no longer be used');
      return runner;
    };
    const ctx: CollectionContext = {
      dialect: this.backend.dialect,
      idGenerator: this.idGenerator,
      reader: live,
      write: (fn) => fn(live(), changes),
    };
    return {
      kind: this.kind,
      devices: new SqlCollection(devicesTable, ctx),
      configs: new SqlConfigCollection(ctx),
      meta: new SqlMetaStore(ctx),
      announce: (collection: ChangeCollection, kind: ChangeKind, ids: readonly string[]) => {
        live();
        for (const id of ids) changes.add(collection, kind, id);
      },
    };
  }

  private refuseInsideOwnTransaction(what: string): void {
    if (!this.checkNesting) return;
    const state = currentTx.getStore();
    if (state?.store === this && state.active) {
      throw errors.store(`cannot ${what} inside one of its transactions (it would wait for itself): use the tx handle`);
    }
  }
}

class SqlMetaStore implements MetaStore {
  constructor(private readonly ctx: CollectionContext) {}

  async get(key: string): Promise<JsonValue | undefined> {
    checkMetaKey(key);
    const rows = await this.ctx.reader().all('SELECT value FROM meta WHERE key = ?', [key]);
    return rows.length ? this.ctx.dialect.parseJson(rows[0].value) : undefined;
  }

  async set(key: string, value: JsonValue): Promise<void> {
    checkMetaKey(key);
    checkDocument({ value }, `meta ${key}`);
    const text = JSON.stringify(value);
    await this.ctx.write(async (runner, changes) => {
      await runner.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, text]);
      changes.add('parameters', 'update', key);
    });
  }

  async delete(key: string): Promise<void> {
    checkMetaKey(key);
    await this.ctx.write(async (runner, changes) => {
      if ((await runner.run('DELETE FROM meta WHERE key = ?', [key])) > 0) changes.add('parameters', 'delete', key);
    });
  }
}

function checkMetaKey(key: string): void {
  const problem = idProblem(key);
  if (problem) throw errors.badRequest(`meta key: ${problem}`);
}

/** The last committed seq. */
export async function readHead(backend: Backend): Promise<number> {
  const [row] = await backend.reader.all('SELECT coalesce(max(seq), 0) AS seq FROM changes');
  return Number(row.seq);
}
