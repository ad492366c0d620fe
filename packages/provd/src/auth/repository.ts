import type { TokenRecord, TokenRepository } from '@dialtone/auth';
import type { JsonValue, Store } from '../store/index.js';

const INDEX = 'auth.tokens';
const keyOf = (hash: string) => `auth.token.${hash}`;

/**
 * Tokens in provd's database (the meta table): one key per token, looked up by the hash of the
 * secret, plus an index of hashes for listing. Every node sharing the database sees a token the
 * CLI creates or revokes at once (no cache).
 */
export function storeTokenRepository(store: Store): TokenRepository {
  return {
    async get(hash) {
      if (!/^[0-9a-f]{64}$/.test(hash)) return undefined;
      const value = await store.meta.get(keyOf(hash));
      return value && typeof value === 'object' ? (value as unknown as TokenRecord) : undefined;
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
