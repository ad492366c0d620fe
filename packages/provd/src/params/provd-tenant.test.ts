// Nodes starting together on one empty PostgreSQL database agree on the provd tenant.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getTestPostgres } from '../../test/support/postgres.js';
import { openStore } from '../store/index.js';
import { resolveProvdTenant } from './provd-tenant.js';

test('nodes starting at once on an empty database get one provd tenant', async (t) => {
  const db = await getTestPostgres();
  t.after(() => db.cleanup());
  const stores = await Promise.all([0, 1, 2].map(() => openStore({ url: db.url, schema: db.schema })));
  t.after(() => Promise.all(stores.map((s) => s.close())));
  // every node reads "no tenant yet" before any writes one: the start-up race of the multinode test
  const tenants = await Promise.all(stores.flatMap((s) => [resolveProvdTenant(s, null), resolveProvdTenant(s, null)]));
  assert.equal(new Set(tenants).size, 1, `one tenant for all: ${tenants.join(', ')}`);
  assert.equal(await stores[0].meta.get('provd_tenant_uuid'), tenants[0]);
  assert.equal(await resolveProvdTenant(stores[1], null), tenants[0], 'read back later');
  assert.equal(await resolveProvdTenant(stores[1], 'configured'), 'configured');
});

test('on SQLite too (one process, concurrent callers)', async () => {
  const store = await openStore({ url: 'sqlite::memory:' });
  try {
    const tenants = await Promise.all([resolveProvdTenant(store, null), resolveProvdTenant(store, null)]);
    assert.equal(tenants[0], tenants[1]);
  } finally {
    await store.close();
  }
});
