import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeviceService } from '../src/services/index.js';
import { openStore } from '../src/store/index.js';
import { getTestPostgres } from './support/postgres.js';
import { startTestProvd } from './support/provd.js';

const config = { parent_ids: [], raw_config: { sip_lines: { 1: { username: 'alice' } } } };

test('one device per MAC: a duplicate is refused over REST (create and update), whatever the spelling', async (t) => {
  const p = await startTestProvd(t, {}, { plugins: ['test-plugin'] });
  const cfg = (await p.call('POST', '/0.2/cfg_mgr/configs', { config })).body.id as string;
  const a = await p.call('POST', '/0.2/dev_mgr/devices', { device: { mac: '00:11:22:33:44:55', plugin: 'test-plugin', config: cfg } });
  assert.equal(a.status, 201);
  const fileA = await fetch(`${p.http}/test/001122334455.cfg`);
  assert.equal(fileA.status, 200);
  const textA = await fileA.text();
  assert.match(textA, new RegExp(a.body.id));

  for (const mac of ['00:11:22:33:44:55', '00-11-22-33-44-55', '001122334455', '00:11:22:33:44:55'.toUpperCase()]) {
    const dup = await p.call('POST', '/0.2/dev_mgr/devices', { device: { mac, plugin: 'test-plugin', config: cfg } });
    assert.equal(dup.status, 400, mac);
    assert.equal(dup.headers.get('dialtone-error-code'), 'DT_ERR_DUPLICATE_MAC');
    assert.match(dup.text, new RegExp(`${a.body.id}.*00:11:22:33:44:55`));
  }
  const b = await p.call('POST', '/0.2/dev_mgr/devices', { device: { mac: '00:11:22:33:44:66', plugin: 'test-plugin', config: cfg } });
  assert.equal(b.status, 201);
  const moved = await p.call('PUT', `/0.2/dev_mgr/devices/${b.body.id}`, { device: { mac: '00:11:22:33:44:55', plugin: 'test-plugin', config: cfg } });
  assert.equal(moved.status, 400);
  assert.equal(moved.headers.get('dialtone-error-code'), 'DT_ERR_DUPLICATE_MAC');
  assert.equal((await p.call('GET', `/0.2/dev_mgr/devices/${b.body.id}`)).body.device.mac, '00:11:22:33:44:66', 'the refused update changed nothing');
  // a device keeps its own MAC on update
  assert.equal((await p.call('PUT', `/0.2/dev_mgr/devices/${a.body.id}`, { device: { mac: '00:11:22:33:44:55', plugin: 'test-plugin', config: cfg, X_note: 'x' } })).status, 204);

  // the first device's file is its own and survives the other's deletion
  assert.equal((await p.call('DELETE', `/0.2/dev_mgr/devices/${b.body.id}`)).status, 204);
  const after = await fetch(`${p.http}/test/001122334455.cfg`);
  assert.equal(after.status, 200);
  assert.equal(await after.text(), textA);
  assert.equal((await p.call('GET', `/0.2/dev_mgr/devices/${a.body.id}`)).body.device.configured, true);

  // a phone added by its first request owns its MAC too
  await fetch(`${p.http}/test/0011223344aa.cfg`, { headers: { 'user-agent': 'TestPhone/T1/1.0' } });
  const late = await p.call('POST', '/0.2/dev_mgr/devices', { device: { mac: '00:11:22:33:44:aa' } });
  assert.equal(late.status, 400);
  assert.equal(late.headers.get('dialtone-error-code'), 'DT_ERR_DUPLICATE_MAC');
});

test('one device per MAC across nodes: two stores on one PostgreSQL database creating the same MAC at once', async (t) => {
  const pg = await getTestPostgres();
  t.after(() => pg.cleanup());
  const stores = [await openStore({ url: pg.url, schema: pg.schema }), await openStore({ url: pg.url, schema: pg.schema })];
  t.after(() => Promise.all(stores.map((s) => s.close())));
  const scope = { tenant: 't1', canSee: () => true };
  const services = stores.map((store) => new DeviceService({ store, provdTenant: 'provd' }));
  for (let round = 0; round < 5; round++) {
    const mac = `00:22:33:44:55:0${round}`;
    const outcomes = await Promise.allSettled(Array.from({ length: 16 }, (_, i) => services[i % 2].create(scope, { mac })));
    const created = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    assert.equal(created.length, 1, `round ${round}: one create wins`);
    assert.ok(refused.every((o) => (o.reason as { code?: string }).code === 'DT_ERR_DUPLICATE_MAC'), String(refused[0]?.reason));
    assert.equal(await stores[0].devices.count({ mac }), 1);
  }
});
