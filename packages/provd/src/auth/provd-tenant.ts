import { randomUUID } from 'node:crypto';
import type { Store } from '../store/index.js';

const KEY = 'provd_tenant_uuid';

/**
 * The provd (master) tenant: the configured one, else the one in the database, else a new one.
 * Read and created in one write transaction, so nodes starting together on an empty database
 * agree on it: each used to read nothing and write its own, and a node left with the losing uuid
 * listed none of the devices its peers auto-created (the multinode test's empty device list).
 */
export async function resolveProvdTenant(store: Store, configured: string | null): Promise<string> {
  if (configured) return configured;
  const existing = await store.meta.get(KEY);
  if (typeof existing === 'string') return existing;
  return store.transaction(async (tx) => {
    const now = await tx.meta.get(KEY);
    if (typeof now === 'string') return now;
    const generated = randomUUID();
    await tx.meta.set(KEY, generated);
    return generated;
  });
}
