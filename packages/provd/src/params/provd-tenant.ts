import { randomUUID } from 'node:crypto';
import type { Store } from '../store/index.js';

const KEY = 'provd_tenant_uuid';

/**
 * The provd (master) tenant: the configured one, else the one kept in the database, else a new
 * one. Several nodes may start at once on one empty database: the check and the write run in one
 * write transaction (writers are serialized across nodes), so they all end up with the same
 * tenant. Two tenants here made a device auto-created by one node invisible to the admin
 * token issued by the other.
 */
export async function resolveProvdTenant(store: Store, configured: string | null): Promise<string> {
  if (configured) return configured;
  const existing = await store.meta.get(KEY);
  if (typeof existing === 'string') return existing;
  return store.transaction(async (tx) => {
    const current = await tx.meta.get(KEY);
    if (typeof current === 'string') return current;
    const generated = randomUUID();
    await tx.meta.set(KEY, generated);
    return generated;
  });
}
