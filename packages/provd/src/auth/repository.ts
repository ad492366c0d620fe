import type { TokenRecord, TokenRepository } from '@dialtone/auth';
import { idsIn, type JsonValue, type Store } from '../store/index.js';

const INDEX = 'auth.tokens';
const PREFIX = 'auth.token.';
const keyOf = (hash: string) => `${PREFIX}${hash}`;

export interface TokenRepositoryOptions {
  /**
   * How long a token found in the database is trusted without reading it again (ms; 0: no
   * cache). Every REST request looks its token up: the cache saves that read. Revocations made
   * here or heard on the change feed (PostgreSQL peers) apply at once; one made by another
   * process on the same SQLite file (`provd tokens revoke`) within this delay.
   */
  cacheMs?: number;
}

/** Tokens kept in memory at most (the cache is emptied when it is full). */
const CACHE_ENTRIES = 1000;

/**
 * Tokens in provd's database (the meta table): one key per token, looked up by the hash of the
 * secret, plus an index of hashes for listing. Tokens found are cached for `cacheMs`; unknown
 * ones are never cached, so a token the CLI creates works at once on every node.
 */
export function storeTokenRepository(store: Store, options: TokenRepositoryOptions = {}): TokenRepository {
  const cacheMs = options.cacheMs ?? 0;
  const cache = new Map<string, { record: TokenRecord; until: number }>();
  if (cacheMs > 0) {
    store.changes.subscribe((record) => {
      if (record.resync) return void cache.clear();
      for (const key of idsIn(record, 'parameters')) if (key.startsWith(PREFIX)) cache.delete(key.slice(PREFIX.length));
    });
  }
  return {
    async get(hash) {
      if (!/^[0-9a-f]{64}$/.test(hash)) return undefined;
      const cached = cache.get(hash);
      if (cached && cached.until > Date.now()) return cached.record;
      const value = await store.meta.get(keyOf(hash));
      if (!value || typeof value !== 'object') {
        cache.delete(hash);
        return undefined;
      }
      const record = value as unknown as TokenRecord;
      if (cacheMs > 0) {
        if (cache.size >= CACHE_ENTRIES) cache.clear();
        cache.set(hash, { record, until: Date.now() + cacheMs });
      }
      return record;
    },
    async add(record) {
      await store.transaction(async (tx) => {
        const index = ((await tx.meta.get(INDEX)) as string[] | undefined) ?? [];
        await tx.meta.set(keyOf(record.hash), record as unknown as JsonValue);
        await tx.meta.set(INDEX, [...index, record.hash]);
      });
    },
    async removeById(id) {
      return store.transaction(async (tx) => {
        const index = ((await tx.meta.get(INDEX)) as string[] | undefined) ?? [];
        for (const hash of index) {
          const record = (await tx.meta.get(keyOf(hash))) as unknown as TokenRecord | undefined;
          if (record?.id !== id) continue;
          await tx.meta.delete(keyOf(hash));
          cache.delete(hash);
          await tx.meta.set(INDEX, index.filter((h) => h !== hash));
          return true;
        }
        return false;
      });
    },
    async list() {
      const index = ((await store.meta.get(INDEX)) as string[] | undefined) ?? [];
      const out: TokenRecord[] = [];
      for (const hash of index) {
        const record = await store.meta.get(keyOf(hash));
        if (record && typeof record === 'object') out.push(record as unknown as TokenRecord);
      }
      return out;
    },
  };
}
