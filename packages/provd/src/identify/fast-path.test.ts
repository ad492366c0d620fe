import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Store } from '../store/index.js';
import { startTestProvd, type TestProvd } from '../../test/support/provd.js';

const UA = { 'user-agent': 'TestPhone/T1/1.0' };

async function get(p: TestProvd, path: string, headers: Record<string, string> = UA) {
  const res = await fetch(`${p.http}${path}`, { headers });
  return { status: res.status, text: await res.text() };
}

/** Counts the store reads identification makes (the collections the services share). */
function countReads(store: Store): { count: number } {
  const counter = { count: 0 };
  for (const collection of [store.devices, store.configs] as unknown as Record<string, unknown>[]) {
    for (const method of ['get', 'find', 'findOne', 'ancestors']) {
      const original = collection[method] as ((...a: unknown[]) => unknown) | undefined;
      if (!original) continue;
      collection[method] = (...args: unknown[]) => {
        counter.count++;
        return original.apply(collection, args);
      };
    }
  }
  return counter;
}

async function configuredPhone(t: Parameters<typeof startTestProvd>[0]) {
  const p = await startTestProvd(t, {}, { plugins: ['test-plugin'] });
  await p.call('POST', '/0.2/cfg_mgr/configs', { config: { id: 'one', parent_ids: [], raw_config: { sip_lines: { 1: { username: 'alice' } } } } });
  await p.call('POST', '/0.2/cfg_mgr/configs', { config: { id: 'two', parent_ids: [], raw_config: { sip_lines: { 1: { username: 'bob' } } } } });
  const { body } = await p.call('POST', '/0.2/dev_mgr/devices', { device: { mac: '00:00:00:00:aa:01', plugin: 'test-plugin', config: 'one' } });
  return { p, id: body.id as string };
}

test('a known phone fetching its file again costs no store query', async (t) => {
  const { p } = await configuredPhone(t);
  assert.match((await get(p, '/test/00000000aa01.cfg')).text, /line1=alice/);
  assert.equal((await get(p, '/test/00000000aa01.cfg')).status, 200);
  const reads = countReads(p.provd.store);
  for (let i = 0; i < 20; i++) assert.match((await get(p, '/test/00000000aa01.cfg')).text, /line1=alice/);
  assert.equal(reads.count, 0);
  await get(p, '/test/00000000aa01.cfg', { 'user-agent': 'TestPhone/T1/2.0' });
  assert.ok(reads.count > 0, 'a new firmware version is a change: the full path runs');
  const device = (await p.call('GET', '/0.2/dev_mgr/devices?q={"mac":"00:00:00:00:aa:01"}')).body.devices[0];
  assert.equal(device.version, '2.0');
});

test('REST changes are seen by the very next request', async (t) => {
  const { p, id } = await configuredPhone(t);
  await get(p, '/test/00000000aa01.cfg');
  await get(p, '/test/00000000aa01.cfg');
  const before = (await p.call('GET', `/0.2/dev_mgr/devices/${id}`)).body.device;
  assert.equal(before.remote_state_sip_username, 'alice');

  const { id: _id, configured: _c, is_new: _n, ...body } = before;
  await p.call('PUT', `/0.2/dev_mgr/devices/${id}`, { device: { ...body, config: 'two' } });
  assert.match((await get(p, '/test/00000000aa01.cfg')).text, /line1=bob/);
  assert.equal((await p.call('GET', `/0.2/dev_mgr/devices/${id}`)).body.device.remote_state_sip_username, 'bob');

  await get(p, '/test/00000000aa01.cfg'); // config `two` is now cached
  await p.call('PUT', '/0.2/cfg_mgr/configs/two', { config: { parent_ids: [], raw_config: { sip_lines: { 1: { username: 'carol' } } } } });
  await p.provd.idle();
  assert.match((await get(p, '/test/00000000aa01.cfg')).text, /line1=carol/);
  assert.equal((await p.call('GET', `/0.2/dev_mgr/devices/${id}`)).body.device.remote_state_sip_username, 'carol');

  // another device given this phone's address over REST: the phone's next request takes it back
  const other = await p.call('POST', '/0.2/dev_mgr/devices', { device: { mac: '00:00:00:00:aa:02', ip: '127.0.0.1' } });
  await get(p, '/test/00000000aa01.cfg');
  assert.equal((await p.call('GET', `/0.2/dev_mgr/devices/${other.body.id}`)).body.device.ip, undefined);

  await p.call('DELETE', `/0.2/dev_mgr/devices/${id}`);
  assert.equal((await get(p, '/test/00000000aa01.cfg')).status, 404, 'deleted: its files are gone');
  const devices = (await p.call('GET', '/0.2/dev_mgr/devices?q={"mac":"00:00:00:00:aa:01"}')).body.devices;
  assert.equal(devices.length, 1, 'and the phone is added again as a new device');
  assert.notEqual(devices[0].id, id);
});

test('a change made behind provd\'s back (another node) is seen within a second', async (t) => {
  const { p, id } = await configuredPhone(t);
  await get(p, '/test/00000000aa01.cfg');
  await get(p, '/test/00000000aa01.cfg');
  const stored = (await p.provd.store.devices.get(id))!;
  await p.provd.store.devices.update({ ...stored, plugin: 'null' });
  await sleep(1100);
  assert.equal((await get(p, '/test/00000000aa01.cfg')).status, 404, 'the null plugin serves nothing');
});
