/**
 * Issue 11: one-way wiring (a plain constructor chain, nothing handed back up) and cache
 * invalidation through the change feed only, on every write path.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Configurator, OUTCOME_TAG } from '../src/configure/configurator.js';
import { Identifier } from '../src/identify/pipeline.js';
import { ProvisioningCache } from '../src/identify/provisioning-cache.js';
import { ConfigService, DeviceService } from '../src/services/index.js';
import type { ChangeRecord } from '../src/store/index.js';
import { startTestProvd, type TestProvd } from './support/provd.js';

/** Every object reachable from `root` through properties (functions are not entered: closures are opaque). */
function reachable(root: object): Set<object> {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    if (value instanceof Map) for (const [k, v] of value) stack.push(k, v);
    else if (value instanceof Set) for (const v of value) stack.push(v);
    else if (!ArrayBuffer.isView(value)) for (const key of Reflect.ownKeys(value)) stack.push((value as Record<string | symbol, unknown>)[key]);
  }
  return seen;
}

function functionsIn(options: object): string[] {
  return Object.entries(options)
    .filter(([, v]) => typeof v === 'function')
    .map(([k]) => k);
}

test('wiring is a plain constructor chain: services never reach the configurator, nor it them, and no thunks', async (t) => {
  const p = await startTestProvd(t, {}, { plugins: ['test-plugin'] });
  const { devices, configs, configurator, identifier } = p.provd;
  for (const [name, service] of [['devices', devices], ['configs', configs]] as const) {
    const opts = (service as unknown as { opts: object }).opts;
    assert.deepEqual(functionsIn(opts), [], `${name} service options hold no functions (no lifecycle thunk)`);
    for (const object of reachable(service)) {
      assert.ok(!(object instanceof Configurator), `the ${name} service cannot reach the configurator`);
      assert.ok(!(object instanceof Identifier), `the ${name} service cannot reach the identifier`);
    }
  }
  const configuratorOpts = (configurator as unknown as { opts: object }).opts;
  assert.deepEqual(functionsIn(configuratorOpts), [], 'configurator options hold no functions (no devices thunk)');
  for (const object of reachable(configurator)) {
    assert.ok(!(object instanceof DeviceService) && !(object instanceof ConfigService), 'the configurator cannot reach a service');
    assert.ok(!(object instanceof Identifier), 'the configurator cannot reach the identifier');
  }
  // the identifier sits downstream of services and cache; nothing upstream holds it
  assert.ok(reachable(identifier).has(devices));
  // and the source says so too: no closure returning a later-built object
  const source = readFileSync(new URL('../src/provd.ts', import.meta.url), 'utf8');
  assert.doesNotMatch(source, /:\s*\(\)\s*=>\s*(devices|configs|configurator|identifier)\b/);
  // no method left to invalidate the cache by hand
  for (const method of ['devicesChanged', 'configsChanged']) {
    assert.equal((ProvisioningCache.prototype as unknown as Record<string, unknown>)[method], undefined, `no ${method}()`);
  }
});

const UA = { 'user-agent': 'TestPhone/T1/1.0' };
const MAC = '00:00:00:00:bb:01';
const INFO_UA = { mac: MAC, vendor: 'TestVendor', model: 'T1', version: '1.0', ip: '127.0.0.1' };

async function get(p: TestProvd, path: string, headers = UA) {
  const res = await fetch(`${p.http}${path}`, { headers });
  return { status: res.status, text: await res.text() };
}

function feedOf(p: TestProvd): ChangeRecord[] {
  const seen: ChangeRecord[] = [];
  p.provd.store.changes.subscribe((r) => {
    seen.push(r);
  });
  return seen;
}

test('every write path invalidates the cache through the feed alone: REST, identification, background reconfigure', async (t) => {
  const p = await startTestProvd(t, {}, { plugins: ['test-plugin'] });
  const { cache } = p.provd;
  await p.call('POST', '/0.2/cfg_mgr/configs', { config: { id: 'base', parent_ids: [], raw_config: { sip_lines: { 1: { display_name: 'B' } } } } });
  await p.call('POST', '/0.2/cfg_mgr/configs', { config: { id: 'one', parent_ids: ['base'], raw_config: { sip_lines: { 1: { username: 'alice' } } } } });
  const { body } = await p.call('POST', '/0.2/dev_mgr/devices', { device: { mac: MAC, plugin: 'test-plugin', config: 'one' } });
  const id = body.id as string;
  const warm = async () => {
    await get(p, '/test/00000000bb01.cfg');
    await get(p, '/test/00000000bb01.cfg');
    assert.equal(cache.device(INFO_UA)?.id, id, 'the phone is cached');
    assert.ok(cache.config('one') && !(cache.config('one') instanceof Promise), 'its config is cached');
  };
  const seen = feedOf(p);

  // 1. REST: a device update
  await warm();
  const stored = (await p.call('GET', `/0.2/dev_mgr/devices/${id}`)).body.device;
  const { id: _i, configured: _c, is_new: _n, ...doc } = stored;
  await p.call('PUT', `/0.2/dev_mgr/devices/${id}`, { device: { ...doc, X_note: 'desk 4' } });
  assert.equal(cache.device(INFO_UA), undefined, 'REST device write: the cached device is gone');
  assert.ok(seen.some((r) => r.changes.some((c) => c.collection === 'devices' && c.ids.includes(id))));

  // 2. REST: a config update
  await warm();
  await p.call('PUT', '/0.2/cfg_mgr/configs/one', { config: { parent_ids: ['base'], raw_config: { sip_lines: { 1: { username: 'bob' } } } } });
  // (the background reconfigure may already have read it again: what is cached must be the new one)
  assert.deepEqual((await cache.config('one'))?.raw_config, { sip_lines: { 1: { username: 'bob' } } }, 'REST config write: the old config is gone');
  await p.provd.idle();
  assert.match((await get(p, '/test/00000000bb01.cfg')).text, /line1=bob B/);

  // 3. identification: the phone comes back with a new firmware version
  await warm();
  const before = seen.length;
  await get(p, '/test/00000000bb01.cfg', { 'user-agent': 'TestPhone/T1/2.0' });
  assert.equal(cache.device(INFO_UA), undefined, 'identification write: the entry for the old facts is gone');
  assert.ok(seen.slice(before).some((r) => r.changes.some((c) => c.collection === 'devices' && c.kind === 'update' && c.ids.includes(id))));

  // 4. background reconfigure: a parent config change makes the device fail; the configurator
  // records configured: false through the store, and that write (tagged) invalidates too
  await get(p, '/test/00000000bb01.cfg', { 'user-agent': 'TestPhone/T1/2.0' });
  await get(p, '/test/00000000bb01.cfg', { 'user-agent': 'TestPhone/T1/2.0' });
  const info2 = { ...INFO_UA, version: '2.0' };
  assert.equal(cache.device(info2)?.configured, true);
  await p.call('PUT', '/0.2/cfg_mgr/configs/base', { config: { parent_ids: [], raw_config: { X_fail: 'no' } } });
  await p.provd.idle();
  const outcome = seen.find((r) => r.tag === OUTCOME_TAG && r.changes.some((c) => c.ids.includes(id)));
  assert.ok(outcome, 'the background outcome was written through the store, as a tagged change');
  assert.equal(cache.device(info2), undefined, 'background write: the cached device (configured: true) is gone');
  const refreshed = (await p.call('GET', `/0.2/dev_mgr/devices/${id}`)).body.device;
  assert.equal(refreshed.configured, false);
  assert.match(refreshed.configure_error, /refusing to configure/);
});
