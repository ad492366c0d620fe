import type { ChangeCollection, ChangeKind, ChangeRecord, Changes } from './changes.js';

/**
 * The document store contract. Two implementations (SQLite, PostgreSQL) run the same
 * conformance suite (store.contract.ts). Documents are plain JSON objects with a string `id`.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type Doc = { id: string; [key: string]: unknown };

/**
 * A selector as in the reference provd: `{key: value}` equality at a dotted path (fanning out
 * through arrays), or `{key: {$op: arg}}` with $in $nin $contains $gt $ge $lt $le $ne $exists.
 * Several keys are ANDed; several operators on one key are ANDed.
 */
export type Selector = Record<string, unknown>;

export type SortOrder = 'ASC' | 'DESC';

export interface FindOptions {
  /** Dotted paths to keep; `id` is always kept. */
  fields?: string[];
  skip?: number;
  /** 0 or undefined: no limit. */
  limit?: number;
  /** Dotted path and direction. Numbers sort numerically, strings lexicographically. */
  sort?: { key: string; order: SortOrder };
}

export interface Collection {
  /** Inserts a document; assigns an id from the generator when `id` is missing. Returns the id. */
  insert(doc: Omit<Doc, 'id'> & { id?: string }): Promise<string>;
  /** Replaces the whole document with the same id. Throws StoreError NOT_FOUND. */
  update(doc: Doc): Promise<void>;
  /** Deletes by id. Throws StoreError NOT_FOUND. */
  delete(id: string): Promise<void>;
  get(id: string): Promise<Doc | null>;
  find(selector?: Selector, options?: FindOptions): Promise<Doc[]>;
  findOne(selector?: Selector): Promise<Doc | null>;
  count(selector?: Selector): Promise<number>;
}

export interface ConfigCollection extends Collection {
  /** Ids of configs whose parent_ids contain `id` (direct children). */
  children(id: string): Promise<string[]>;
  /** All descendants (children, their children…), each once, cycles tolerated. */
  descendants(id: string): Promise<string[]>;
  /**
   * The config `id` and all its ancestors (through parent_ids, transitively), each once, in one
   * query; missing ones are left out. What inheritance (flattenRawConfig) reads.
   */
  ancestors(id: string): Promise<Doc[]>;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** This store instance (node) in change records; random per open. */
  readonly node: string;
  /** The change feed: one record per committed write transaction (changes.ts). */
  readonly changes: Changes;
  readonly devices: Collection;
  readonly configs: ConfigCollection;
  /**
   * Runs `fn` as one serialized write transaction: every write inside commits together or not
   * at all, and no other write transaction (in this process, or on another node sharing the
   * database) interleaves with it. Reads inside see the transaction's own writes.
   */
  transaction<T>(fn: (tx: TxStore) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Like transaction(), and also gives the change record it published (null when it wrote
   * nothing): `await store.changes.settled(change.seq)` waits for what listeners did about it.
   */
  transactionWithChange<T>(fn: (tx: TxStore) => Promise<T>, options?: TransactionOptions): Promise<{ value: T; change: ChangeRecord | null }>;
  /** Whether the feed follows other nodes (PostgreSQL), and its state. */
  feedState(): FeedState;
  /**
   * PostgreSQL: `lost` when the connection that hears peers' changes drops, `caught-up` once it is
   * back and what was committed meanwhile has been handed to the feed's listeners.
   */
  onConnection(listener: (state: 'lost' | 'caught-up') => void): void;
  /** Key/value documents for runtime state (app params, plugin state…). */
  readonly meta: MetaStore;
  close(): Promise<void>;
}

export interface TransactionOptions {
  /** Copied to the change record (`tag`): lets listeners recognize a kind of write (see changes.ts). */
  tag?: string;
}

export interface FeedState {
  node: string;
  /** Last seq applied by this node. */
  seq: number;
  /** Records received whose listeners have not finished (or that wait for a gap to be filled). */
  pending: number;
  /** PostgreSQL: whether the LISTEN connection is up; SQLite: always true (one process). */
  connected: boolean;
  /** Times the LISTEN connection was re-established. */
  reconnects: number;
}

export interface TxStore extends Omit<Store, 'transaction' | 'transactionWithChange' | 'close' | 'changes' | 'node' | 'feedState' | 'onConnection'> {
  /**
   * Adds to this transaction's change record a change to state the store does not hold as
   * documents (installed plugins, parameters kept elsewhere), so every node hears of it.
   */
  announce(collection: ChangeCollection, kind: ChangeKind, ids: readonly string[]): void;
}

export interface MetaStore {
  get(key: string): Promise<JsonValue | undefined>;
  set(key: string, value: JsonValue): Promise<void>;
  delete(key: string): Promise<void>;
}

export type IdGenerator = 'uuid' | 'numeric';

export interface StoreOptions {
  /** `sqlite:<path>` / a plain path / `:memory:`, or `postgres://…` / `postgresql://…`. */
  url: string;
  idGenerator?: IdGenerator;
  /** PostgreSQL only: the schema to use (created if missing). Lets tests run side by side. */
  schema?: string;
  /**
   * Refuse, with a clear error, a write through the store from inside one of its own
   * transactions (it would wait for itself). The check tracks transactions across awaits with
   * AsyncLocalStorage, which turns on Node's async hooks for the whole process (about 5% of the
   * cost of serving a provisioning request). Default: on, unless NODE_ENV is `production`.
   */
  checkNesting?: boolean;
}
