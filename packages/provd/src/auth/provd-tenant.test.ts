import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openStore } from '../store/index.js';
import { resolveProvdTenant } from './provd-tenant.js';

test('nodes starting together on an empty database agree on the provd tenant', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dialtone-tenant-'));
  const url = `sqlite:${join(dir, 'provd.db')}`;
  const stores = await Promise.all([openStore({ url }), openStore({ url }), openStore({ url })]);
  t.after(async () => {
    for (const store of stores) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const tenants = await Promise.all(stores.map((store) => resolveProvdTenant(store, null)));
  assert.equal(new Set(tenants).size, 1, tenants.join(' '));
  assert.equal(await stores[0].meta.get('provd_tenant_uuid'), tenants[0]);
  assert.equal(await resolveProvdTenant(stores[1], 'configured'), 'configured');
});
