import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DeviceDoc } from '../documents/index.js';
import type { Doc, Store } from '../store/index.js';
import { ProvisioningCache } from './provisioning-cache.js';

const device: DeviceDoc = { id: 'd1', mac: '00:11:22:33:44:55', ip: '10.0.0.1', plugin: 'p', config: 'c' };
const info = { mac: '00:11:22:33:44:55', ip: '10.0.0.1', vendor: 'Acme', model: 'A1', version: '1.0' };

test('devices: found by MAC only with the same other facts; a write or a stale read forgets', () => {
  const cache = new ProvisioningCache();
  cache.rememberDevice(info, device, cache.devicesGeneration);
  assert.equal(cache.device(info)?.id, 'd1');
  assert.equal(cache.device({ ...info, version: '2.0' })?.id, 'd1', 'version is not a lookup fact');
  assert.equal(cache.device({ ...info, ip: '10.0.0.2' }), undefined, 'another address may find another device');
  assert.equal(cache.device({ ...info, sn: 'SN' }), undefined);
  assert.equal(cache.device({ ip: '10.0.0.1' }), undefined, 'no MAC: keyed by address');

  const since = cache.devicesGeneration;
  cache.devicesChanged();
  assert.equal(cache.device(info), undefined, 'a device write makes every entry stale');
  cache.rememberDevice(info, device, since);
  assert.equal(cache.device(info), undefined, 'read before that write: not kept');
  cache.configsChanged();
  cache.rememberDevice(info, device, cache.devicesGeneration);
  assert.equal(cache.device(info)?.id, 'd1', 'config writes do not touch device entries');
});

test('entries expire after maxAgeMs (writes by other processes)', async () => {
  const cache = new ProvisioningCache(20);
  cache.rememberDevice(info, device, cache.devicesGeneration);
  assert.ok(cache.device(info));
  await sleep(40);
  assert.equal(cache.device(info), undefined);
});

test('configs: read through once, again after a config write, never kept from a racing read', async () => {
  const cache = new ProvisioningCache();
  const reads: string[] = [];
  let release: (() => void) | undefined;
  const store = {
    configs: {
      async get(id: string): Promise<Doc | null> {
        reads.push(id);
        if (id === 'slow' && !release) await new Promise<void>((r) => (release = r));
        return id === 'missing' ? null : { id, raw_config: {} };
      },
    },
  } as unknown as Store;
  assert.equal((await cache.config(store, 'c'))?.id, 'c');
  assert.equal((cache.config(store, 'c') as Doc).id, 'c', 'cached: answered synchronously');
  assert.equal(await cache.config(store, 'missing'), null);
  assert.equal(await cache.config(store, 'missing'), null);
  assert.deepEqual(reads, ['c', 'missing', 'missing'], 'misses are not cached');
  cache.devicesChanged();
  cache.config(store, 'c');
  assert.equal(reads.length, 3, 'device writes do not touch config entries');
  cache.configsChanged();
  await cache.config(store, 'c');
  assert.equal(reads.length, 4);

  const racing = cache.config(store, 'slow');
  await sleep(1);
  cache.configsChanged();
  release!();
  await racing;
  await cache.config(store, 'slow');
  assert.equal(reads.filter((r) => r === 'slow').length, 2, 'read while a write happened: not kept');
});
