import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ProvdApiError, ProvdClient } from '@dialtone/provd-client';
import { startTestProvd } from './support/provd.js';

test('tenants: declared over REST, scoped to the caller\'s subtree; deleting one deconfigures its devices', async (t) => {
  const p = await startTestProvd(t, {}, { plugins: ['test-plugin'] });
  const admin = p.client;
  await admin.tenants.set('main');
  await admin.tenants.set('sub', 'main');
  await admin.tenants.set('other');
  const listed = await admin.tenants.list();
  assert.equal(listed.master, p.provd.provdTenant);
  assert.deepEqual(listed.tenants.map((x) => `${x.uuid}<${x.parent_uuid === listed.master ? 'master' : x.parent_uuid}`).sort(), ['main<master', 'other<master', 'sub<main']);
  await assert.rejects(admin.tenants.set('main', 'sub'), (err) => err instanceof ProvdApiError && err.status === 400 && /cycle/.test(err.message));

  const mainToken = (await p.provd.auth.tokens.create({ acl: ['provd.#'], tenant_uuid: 'main' })).token;
  const main = new ProvdClient({ url: p.rest, token: mainToken });
  assert.deepEqual((await main.tenants.list()).tenants.map((x) => x.uuid).sort(), ['main', 'sub'], 'its subtree only');
  await assert.rejects(main.tenants.delete('other'), (err) => err instanceof ProvdApiError && err.status === 404);
  await assert.rejects(main.tenants.set('x', 'other'), (err) => err instanceof ProvdApiError && err.status === 404);
  await assert.rejects(admin.tenants.delete('main'), /has subtenants/);

  await admin.configs.create({ id: 'line', parent_ids: [], raw_config: { sip_lines: { 1: { username: 'u' } } } });
  const subClient = main.withTenant('sub');
  const d = await subClient.devices.create({ mac: '00:00:00:00:0b:01', plugin: 'test-plugin', config: 'line' });
  const kept = await main.devices.create({ mac: '00:00:00:00:0b:02', plugin: 'test-plugin', config: 'line' });
  assert.equal((await subClient.devices.get(d)).configured, true);
  const file = join(p.dataDir, 'generated');
  assert.equal((await fetch(`${p.http}/test/000000000b01.cfg`)).status, 200);
  await main.tenants.delete('sub');
  await p.provd.idle();
  await assert.rejects(admin.devices.get(d), (err) => err instanceof ProvdApiError && err.status === 404);
  assert.equal((await fetch(`${p.http}/test/000000000b01.cfg`)).status, 404, 'its files are gone (deconfigured)');
  assert.equal((await main.devices.get(kept)).configured, true, 'other tenants untouched');
  assert.deepEqual((await admin.tenants.list()).tenants.map((x) => x.uuid).sort(), ['main', 'other']);
  assert.ok(existsSync(file));
});
