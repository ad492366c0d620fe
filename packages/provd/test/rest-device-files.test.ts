import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProvdApiError, ProvdClient } from '@dialtone/provd-client';
import { Operation } from '../src/operations/index.js';
import { startTestProvd } from './support/provd.js';

test('GET /dev_mgr/devices/{id}/files: the files the device is served, secrets masked, tenant-scoped', async (t) => {
  const p = await startTestProvd(t, {}, { plugins: ['test-plugin'] });
  await p.client.configs.create({ id: 'line', parent_ids: [], raw_config: { ip: '10.0.0.9', admin_password: 'adm1n', sip_lines: { 1: { username: 'alice', display_name: 'Pa55word', password: 'Pa55word' } } } });
  const id = await p.client.devices.create({ mac: '00:00:00:00:0d:01', plugin: 'test-plugin', config: 'line' });
  const files = await p.client.devices.files(id);
  assert.deepEqual(files.map((f) => f.name), ['test/000000000d01.cfg']);
  const served = await (await fetch(`${p.http}/test/000000000d01.cfg`)).text();
  assert.match(served, /line1=alice Pa55word/, 'the phone gets the real file');
  assert.equal(files[0].preview, served.replace('Pa55word', '••••••'), 'the preview is the served file with the password masked');
  assert.equal(files[0].size, Buffer.byteLength(served));

  await p.client.tenants.set('other');
  const other = new ProvdClient({ url: p.rest, token: (await p.provd.auth.tokens.create({ acl: ['provd.#'], tenant_uuid: 'other' })).token });
  await assert.rejects(other.devices.files(id), (err) => err instanceof ProvdApiError && err.status === 404);
  assert.deepEqual(await p.client.devices.files(await p.client.devices.create({ mac: '00:00:00:00:0d:02' })), [], 'no plugin: no files');
});

test('GET /operations lists the operations in progress with their progress', async (t) => {
  const p = await startTestProvd(t);
  assert.deepEqual(await p.client.operations(), []);
  let finish!: () => void;
  const started = p.provd.operations.start('/0.2/pg_mgr/install/install', new Operation('install'), async (op) => {
    op.progress(2, 5);
    await new Promise<void>((resolve) => (finish = resolve));
  });
  const [running] = await p.client.operations();
  assert.deepEqual(running, { location: started.location, status: 'install|progress;2/5', label: 'install', state: 'progress', current: 2, end: 5 });
  assert.equal((await p.client.raw('GET', running.location)).body.status, 'install|progress;2/5', 'its location is the one to follow');
  finish();
  await started.done;
  assert.equal((await p.client.operations())[0].state, 'success');
  await p.client.raw('DELETE', running.location);
  assert.deepEqual(await p.client.operations(), []);
});
