// Configure parameters follow the change feed: set through one node (store), applied by another.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { getTestPostgres } from '../../test/support/postgres.js';
import { TenantRegistry } from '../auth/index.js';
import { openStore, type Store } from '../store/index.js';
import { ParamsService, type ParamChange } from './index.js';

async function node(store: Store): Promise<ParamsService> {
  const tenants = new TenantRegistry(store, 'master');
  await tenants.load();
  const params = new ParamsService(store, tenants);
  await params.load();
  return params;
}

test('a parameter set through node A is applied and announced by node B', async (t) => {
  const db = await getTestPostgres();
  t.after(() => db.cleanup());
  const [storeA, storeB] = await Promise.all([0, 1].map(() => openStore({ url: db.url, schema: db.schema })));
  t.after(async () => {
    await storeA.close();
    await storeB.close();
  });
  const [a, b] = [await node(storeA), await node(storeB)];
  t.after(() => {
    a.close();
    b.close();
  });
  const heardA: ParamChange[] = [];
  a.on('change', (c) => heardA.push(c));

  let heard = once(b, 'change');
  await a.set('plugin_server', 'master', 'https://plugins.example/stable/');
  assert.deepEqual(heardA, [{ id: 'plugin_server', value: 'https://plugins.example/stable/' }], 'A announces its own change once, from the feed');
  assert.deepEqual((await heard)[0], { id: 'plugin_server', value: 'https://plugins.example/stable/' });
  assert.equal(b.value('plugin_server'), 'https://plugins.example/stable/');

  heard = once(b, 'change');
  await a.set('NAT', 'master', '1');
  assert.deepEqual((await heard)[0], { id: 'NAT', value: 1 }, 'presented as the API shows it');

  heard = once(b, 'change');
  await a.set('provisioning_key', 'tenant-1', 'key-0123456789');
  assert.deepEqual((await heard)[0], { id: 'provisioning_key', tenant: 'tenant-1', value: 'key-0123456789' });
  assert.equal(b.get('provisioning_key', 'tenant-1'), 'key-0123456789');
  await assert.rejects(b.set('provisioning_key', 'tenant-2', 'key-0123456789'), /already used by another tenant/, "B's registry knows A's key");

  heard = once(b, 'change');
  await a.set('plugin_server', 'master', null);
  assert.deepEqual((await heard)[0], { id: 'plugin_server', value: null });
  assert.equal(b.value('plugin_server'), undefined);
});
