import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DeviceDoc } from '../documents/index.js';
import { openStore, type Doc, type Store } from '../store/index.js';
import { ProvisioningCache } from './provisioning-cache.js';

const device: DeviceDoc = { id: 'd1', mac: '00:11:22:33:44:55', ip: '10.0.0.1', plugin: 'p', config: 'c' };
const info = { mac: '00:11:22:33:44:55', ip: '10.0.0.1', vendor: 'Acme', model: 'A1', version: '1.0' };

async function memoryStore(t: { after(fn: () => Promise<void>): void }): Promise<Store> {
  const store = await openStore({ url: ':memory:' });
  t.after(() => store.close());
  return store;
}

test('devices: found by MAC only with the same other facts; a committed device write (any writer) forgets', async (t) => {
  const store = await memoryStore(t);
  const cache = new ProvisioningCache(store);
  cache.rememberDevice(info, device, cache.devicesGeneration);
  assert.equal(cache.device(info)?.id, 'd1');
  assert.equal(cache.device({ ...info, version: '2.0' })?.id, 'd1', 'version is not a lookup fact');
  assert.equal(cache.device({ ...info, ip: '10.0.0.2' }), undefined, 'another address may find another device');
  assert.equal(cache.device({ ...info, sn: 'SN' }), undefined);
  assert.equal(cache.device({ ip: '10.0.0.1' }), undefined, 'no MAC: keyed by address');

  const since = cache.devicesGeneration;
  // a plain store write, no call on the cache: the change feed invalidates
  await store.devices.insert({ id: 'other' });
  assert.equal(cache.device(info), undefined, 'a device write makes every entry stale');
  cache.rememberDevice(info, device, since);
  assert.equal(cache.device(info), undefined, 'read before that write: not kept');
  await store.configs.insert({ id: 'c2', parent_ids: [], raw_config: {} });
  await store.configs.update({ id: 'c2', parent_ids: [], raw_config: { a: 1 } });
  cache.rememberDevice(info, device, cache.devicesGeneration);
  assert.equal(cache.device(info)?.id, 'd1', 'config writes do not touch device entries');
  await assert.rejects(store.transaction(async (tx) => {
    await tx.devices.insert({ id: 'rolled-back' });
    throw new Error('no');
  }));
  assert.equal(cache.device(info)?.id, 'd1', 'a rolled-back transaction publishes nothing');
});

test('entries expire after maxAgeMs (a bound should a change record ever be missed)', async (t) => {
  const cache = new ProvisioningCache(await memoryStore(t), 20);
  cache.rememberDevice(info, device, cache.devicesGeneration);
  assert.ok(cache.device(info));
  await sleep(40);
  assert.equal(cache.device(info), undefined);
});

test('configs: read through once, again after a config write, never kept from a racing read', async (t) => {
  const real = await memoryStore(t);
  await real.configs.insert({ id: 'c', parent_ids: [], raw_config: {} });
  await real.configs.insert({ id: 'slow', parent_ids: [], raw_config: {} });
  const reads: string[] = [];
  let release: (() => void) | undefined;
  const store = {
    // the PostgreSQL path: misses of one turn are read together
    kind: 'postgres',
    changes: real.changes,
    configs: {
      // misses of one turn are read together, by id
      async find(selector: { id: { $in: string[] } }): Promise<Doc[]> {
        const ids = selector.id.$in;
        reads.push(...ids);
        if (ids.includes('slow') && !release) await new Promise<void>((r) => (release = r));
        return real.configs.find(selector);
      },
    },
  } as unknown as Store;
  const cache = new ProvisioningCache(store);
  assert.equal((await cache.config('c'))?.id, 'c');
  assert.equal((cache.config('c') as Doc).id, 'c', 'cached: answered synchronously');
  assert.equal(await cache.config('missing'), null);
  assert.equal(await cache.config('missing'), null);
  assert.deepEqual(reads, ['c', 'missing', 'missing'], 'misses are not cached');
  await real.devices.insert({ id: 'dev' });
  cache.config('c');
  assert.equal(reads.length, 3, 'device writes do not touch config entries');
  await real.configs.insert({ id: 'new', parent_ids: [], raw_config: {} });
  cache.config('c');
  assert.equal(reads.length, 3, 'a new config cannot be cached anywhere: nothing dropped');
  await real.configs.update({ id: 'c', parent_ids: [], raw_config: { x: 1 } });
  assert.deepEqual((await cache.config('c'))?.raw_config, { x: 1 }, 'the update is read through');
  assert.equal(reads.length, 4);

  const racing = cache.config('slow');
  await sleep(1);
  await real.configs.delete('new');
  release!();
  await racing;
  await cache.config('slow');
  assert.equal(reads.filter((r) => r === 'slow').length, 2, 'read while a write happened: not kept');
});
