/**
 * The Store over a Backend. Writes made on `store.devices` etc. each run as their own transaction;
 * `store.transaction(fn)` hands `fn` a TxStore whose reads and writes all go through the one
 * transaction. Writing through the outer store from inside a transaction's callback would wait
 * for that very transaction, so it is refused with a clear error instead of hanging.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { errors } from '../errors.js';
import type { Backend } from './backend.js';
import { SqlCollection } from './collection.js';
import type { CollectionContext } from './collection.js';
import { SqlConfigCollection } from './configs.js';
import { checkDocument, idProblem } from './document.js';
import type { SqlRunner } from './sql.js';
import { devicesTable } from './tables.js';
import type { Collection, ConfigCollection, IdGenerator, JsonValue, MetaStore, Store, TxStore } from './types.js';

interface TxState {
  readonly store: DocumentStore;
  active: boolean;
}

const currentTx = new AsyncLocalStorage<TxState>();

export class DocumentStore implements Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly devices: Collection;
  readonly configs: ConfigCollection;
  readonly meta: MetaStore;

  constructor(
    private readonly backend: Backend,
    private readonly idGenerator: IdGenerator,
    private readonly checkNesting: boolean,
  ) {
    this.kind = backend.kind;
    const ctx: CollectionContext = {
      dialect: backend.dialect,
      idGenerator,
      reader: () => backend.reader,
      write: (fn) => {
        this.refuseInsideOwnTransaction('write through the store');
        return backend.withWriteTransaction(fn);
      },
    };
    this.devices = new SqlCollection(devicesTable, ctx);
    this.configs = new SqlConfigCollection(ctx);
    this.meta = new SqlMetaStore(ctx);
  }

  async transaction<T>(fn: (tx: TxStore) => Promise<T>): Promise<T> {
    this.refuseInsideOwnTransaction('open a nested transaction');
    return this.backend.withWriteTransaction(async (runner) => {
      const state: TxState = { store: this, active: true };
      try {
        if (!this.checkNesting) return await fn(this.txStore(runner, state));
        return await currentTx.run(state, () => fn(this.txStore(runner, state)));
      } finally {
        state.active = false;
      }
    });
  }

  async close(): Promise<void> {
    this.refuseInsideOwnTransaction('close the store');
    await this.backend.close();
  }

  private txStore(runner: SqlRunner, state: TxState): TxStore {
    const live = () => {
      if (!state.active) throw errors.store('this transaction is finished; its handle can no longer be used');
      return runner;
    };
    const ctx: CollectionContext = {
      dialect: this.backend.dialect,
      idGenerator: this.idGenerator,
      reader: live,
      write: (fn) => fn(live()),
    };
    return { kind: this.kind, devices: new SqlCollection(devicesTable, ctx), configs: new SqlConfigCollection(ctx), meta: new SqlMetaStore(ctx) };
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
    await this.ctx.write((runner) =>
      runner.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, text]),
    );
  }

  async delete(key: string): Promise<void> {
    checkMetaKey(key);
    await this.ctx.write((runner) => runner.run('DELETE FROM meta WHERE key = ?', [key]));
  }
}

function checkMetaKey(key: string): void {
  const problem = idProblem(key);
  if (problem) throw errors.badRequest(`meta key: ${problem}`);
}
