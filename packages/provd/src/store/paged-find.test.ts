import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openStore } from './index.js';

test('paged finds: string ranges and the tenant condition give the JS answer, irregular rows included', async (t) => {
  const store = await openStore({ url: 'sqlite::memory:' });
  t.after(() => store.close());
  await store.transaction(async (tx) => {
    for (let i = 0; i < 300; i++) {
      await tx.devices.insert({ id: `d${String(i).padStart(3, '0')}`, mac: `aa:00:00:00:${(i >> 8).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`, tenant_uuid: i % 3 ? 'big' : 'small' });
    }
  });
  const page = await store.devices.find({ mac: { $ge: 'aa:00:00:00:00:1', $lt: 'aa:00:00:00:00:2' }, tenant_uuid: { $in: ['big'] } }, { sort: { key: 'mac', order: 'ASC' }, limit: 5, skip: 2 });
  assert.deepEqual(page.map((d) => d.id), ['d019', 'd020', 'd022', 'd023', 'd025']);
  const byId = await store.devices.find({ tenant_uuid: { $in: ['small'] } }, { limit: 3 });
  assert.deepEqual(byId.map((d) => d.id), ['d000', 'd003', 'd006']);
  // an over-long mac is irregular (NULL in its column): the range must still see it, in JS
  const long = `aa:00:00:00:00:1${'f'.repeat(2000)}`;
  await store.devices.insert({ id: 'irregular', mac: long, tenant_uuid: 'big' });
  const withIrregular = await store.devices.find({ mac: { $ge: 'aa:00:00:00:00:1', $lt: 'aa:00:00:00:00:2' } }, { sort: { key: 'mac', order: 'DESC' }, limit: 1 });
  assert.deepEqual(withIrregular.map((d) => d.id), ['irregular']);
});
