/**
 * The document store: `openStore({url})` opens SQLite (a path, `sqlite:<path>`, `:memory:`) or
 * PostgreSQL (`postgres://…`), runs pending schema migrations and returns a Store.
 */
import { randomUUID } from 'node:crypto';
import { errors } from '../errors.js';
import { openPostgresBackend } from './postgres/backend.js';
import { openSqliteBackend } from './sqlite/backend.js';
import { DocumentStore, readHead } from './store.js';
import type { Store, StoreOptions } from './types.js';

export type {
  Collection,
  ConfigCollection,
  Doc,
  FindOptions,
  IdGenerator,
  JsonValue,
  MetaStore,
  Selector,
  SortOrder,
  Store,
  StoreOptions,
  TxStore,
  TransactionOptions,
  FeedState,
} from './types.js';
export { flattenRawConfig, mergeInto } from './inheritance.js';
export type { ConfigSource } from './inheritance.js';
export { collectTransientConfigs } from './transient.js';
export { idProblem } from './document.js';
export { idsIn, touches } from './changes.js';
export { BatchedReader, batchedReads } from './batched-reader.js';
export type { Change, ChangeCollection, ChangeKind, ChangeListener, ChangeRecord, Changes } from './changes.js';

export type StoreLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** Where `url` points: `postgres://`/`postgresql://` → PostgreSQL; `sqlite:`, a path or `:memory:` → SQLite. */
export function parseStoreUrl(url: string): StoreLocation {
  if (typeof url !== 'string' || url.trim() === '') throw errors.store('database url: must be a non-empty string');
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', url };
  if (/^sqlite:/i.test(url)) {
    const path = url.replace(/^sqlite:(\/\/)?/i, '');
    if (path === '') throw errors.store(`database url ${url}: no file path after "sqlite:"`);
    return { kind: 'sqlite', path };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url);
  if (scheme) throw errors.store(`database url: unsupported scheme "${scheme[1]}" (use a path, sqlite:<path> or postgres://…)`);
  return { kind: 'sqlite', path: url };
}

export async function openStore(options: StoreOptions): Promise<Store> {
  const location = parseStoreUrl(options.url);
  const idGenerator = options.idGenerator ?? 'uuid';
  if (idGenerator !== 'uuid' && idGenerator !== 'numeric') throw errors.store(`idGenerator must be "uuid" or "numeric" (got ${JSON.stringify(idGenerator)})`);
  const node = randomUUID();
  const backend =
    location.kind === 'postgres'
      ? await openPostgresBackend(location.url, options.schema, `dialtone-provd:${node}`)
      : await openSqliteBackend(location.path);
  try {
    const head = await readHead(backend);
    const store = new DocumentStore(backend, idGenerator, options.checkNesting ?? process.env.NODE_ENV !== 'production', head, node);
    await store.follow();
    return store;
  } catch (err) {
    await backend.close().catch(() => undefined);
    throw err;
  }
}
