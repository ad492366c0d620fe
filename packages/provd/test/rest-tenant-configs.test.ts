import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProvdApiError, ProvdClient } from '@dialtone/provd-client';
import { startTestProvd } from './support/provd.js';

const status = (code: number, pattern?: RegExp) => (err: unknown) =>
  err instanceof ProvdApiError && err.status === code && (pattern === undefined || pattern.test(err.message));

test('configs and tenants: shared configs from the master, each tenant\'s own configs invisible and untouchable to the others, for each verb', async (t) => {
  const p = await startTestProvd(t, {}, { plugins: ['test-plugin'] });
  const admin = p.client;
  await admin.tenants.set('ta');
  await admin.tenants.set('ta-sub', 'ta');
  await admin.tenants.set('tb');
  const clientOf = async (tenant: string) => new ProvdClient({ url: p.rest, token: (await p.provd.auth.tokens.create({ acl: ['provd.#'], tenant_uuid: tenant })).token });
  const [a, b] = [await clientOf('ta'), await clientOf('tb')];
  const aSub = a.withTenant('ta-sub');

  // the master's configs are shared, as every config is in the reference
  await admin.configs.create({ id: 'base', parent_ids: [], raw_config: { ip: '10.0.0.1' } });
  assert.equal((await admin.configs.get('base')).tenant_uuid, undefined);
  assert.equal((await b.configs.get('base')).id, 'base', 'a shared config is seen by every tenant');

  // create: owned by the caller's tenant, whatever the body says
  await a.configs.create({ id: 'a-line', parent_ids: ['base'], raw_config: { sip_lines: { 1: { username: 'alice' } } }, tenant_uuid: 'tb' });
  assert.equal((await a.configs.get('a-line')).tenant_uuid, 'ta');
  await aSub.configs.create({ id: 'a-sub-line', parent_ids: ['base'], raw_config: {} });
  await b.configs.create({ id: 'b-line', parent_ids: ['base'], raw_config: { sip_lines: { 1: { username: 'bob' } } } });

  // read: get, raw, list (with paging on what the caller sees)
  await assert.rejects(b.configs.get('a-line'), status(404));
  await assert.rejects(b.configs.raw('a-line'), status(404));
  assert.equal((await a.configs.raw('a-line')).ip, '10.0.0.1', 'a tenant\'s config inherits from shared ones');
  const bIds = (await b.configs.list()).map((c) => c.id);
  assert.ok(bIds.includes('b-line') && bIds.includes('base') && !bIds.includes('a-line') && !bIds.includes('a-sub-line'), `tb sees ${bIds.join(', ')}`);
  const aIds = (await a.configs.list()).map((c) => c.id);
  assert.ok(aIds.includes('a-line') && aIds.includes('a-sub-line') && !aIds.includes('b-line'), 'a tenant sees its subtenants\' configs');
  assert.ok(!(await aSub.configs.list()).some((c) => c.id === 'a-line'), 'not its parent tenant\'s');
  assert.deepEqual((await b.configs.list({ q: { tenant_uuid: 'tb' }, limit: 1 })).map((c) => c.id), ['b-line'], 'limit applies to what the caller sees');
  assert.deepEqual((await b.configs.list({ sort: 'id', skip: 1, limit: 1, fields: ['id'] })).map((c) => Object.keys(c)), [['id']]);
  const all = (await admin.configs.list()).map((c) => c.id);
  assert.ok(['a-line', 'a-sub-line', 'b-line', 'base'].every((id) => all.includes(id)), 'the master sees every config');

  // update: only its own; the owner stays; shared ones only by the master
  await assert.rejects(b.configs.update({ id: 'a-line', parent_ids: [], raw_config: {} }), status(404));
  await assert.rejects(b.configs.update({ id: 'base', parent_ids: [], raw_config: {} }), (err) => status(403)(err) && (err as ProvdApiError).code === 'DT_ERR_SHARED_CONFIG');
  await a.configs.update({ id: 'a-line', parent_ids: ['base'], raw_config: { sip_lines: { 1: { username: 'alice2' } } }, tenant_uuid: 'tb' });
  assert.equal((await a.configs.get('a-line')).tenant_uuid, 'ta', 'the body cannot move it to another tenant');
  await admin.configs.update({ id: 'a-line', parent_ids: ['base'], raw_config: { sip_lines: { 1: { username: 'alice3' } } } });
  assert.equal((await a.configs.get('a-line')).tenant_uuid, 'ta', 'the master changes it; it stays ta\'s');

  // parents: seen by the caller, shared or of the same owner
  await assert.rejects(b.configs.create({ id: 'b-bad', parent_ids: ['a-line'], raw_config: {} }), status(400, /no config with id "a-line"/));
  await assert.rejects(admin.configs.create({ id: 'shared-bad', parent_ids: ['a-line'], raw_config: {} }), status(400, /shared config cannot inherit/));

  // devices: their config must be one the caller sees
  await assert.rejects(b.devices.create({ mac: '00:00:00:00:0c:01', plugin: 'test-plugin', config: 'a-line' }), status(400, /no config with id "a-line"/));
  const bDevice = await b.devices.create({ mac: '00:00:00:00:0c:02', plugin: 'test-plugin', config: 'b-line' });
  assert.equal((await b.devices.get(bDevice)).configured, true);

  // delete: only its own; shared ones only by the master
  await assert.rejects(b.configs.delete('a-line'), status(404));
  await assert.rejects(b.configs.delete('base'), status(403));
  await a.configs.delete('a-sub-line');
  await assert.rejects(admin.configs.get('a-sub-line'), status(404));

  // autocreate: the new transient config is the caller's
  await admin.configs.create({ id: 'autoprov', parent_ids: ['base'], role: 'autocreate', raw_config: { sip_lines: { 1: { username: 'ap' } } } });
  const made = await b.configs.autocreate();
  assert.equal((await b.configs.get(made)).tenant_uuid, 'tb');
  await assert.rejects(a.configs.get(made), status(404));

  // deleting a tenant deletes its configs
  await b.devices.delete(bDevice);
  await admin.tenants.delete('tb');
  await assert.rejects(admin.configs.get('b-line'), status(404));
  assert.equal((await admin.configs.get('a-line')).id, 'a-line', 'other tenants\' configs stay');
});
