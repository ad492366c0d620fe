import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getTestPostgres } from './support/postgres.js';
import { MEDIA, startTestProvd } from './support/provd.js';

test('status and root links', async (t) => {
  const { call } = await startTestProvd(t);
  const status = await call('GET', '/0.2/status');
  assert.equal(status.status, 200);
  assert.equal(status.headers.get('content-type'), MEDIA);
  assert.equal(status.body.rest_api, 'ok');
  assert.equal(status.headers.get('access-control-allow-origin'), null, 'CORS is off by default');
  const root = await call('GET', '/0.2');
  assert.ok(root.body.links.some((l: { rel: string }) => l.rel === 'dev'));
  const options = await call('OPTIONS', '/0.2/dev_mgr/devices');
  assert.equal(options.status, 200);
});

test('device CRUD with reference payload shapes', async (t) => {
  const { call, provd } = await startTestProvd(t);
  const created = await call('POST', '/0.2/dev_mgr/devices', { device: { mac: '00:0F:D3:05:48:48', ip: '10.0.0.5', vendor: 'Digium', X_note: 'kept' } });
  assert.equal(created.status, 201);
  const id = created.body.id;
  assert.match(id, /^[0-9a-f]{32}$/);
  assert.equal(created.headers.get('location'), `/0.2/dev_mgr/devices/${id}`);

  const got = await call('GET', `/0.2/dev_mgr/devices/${id}`);
  assert.equal(got.status, 200);
  assert.equal(got.body.device.mac, '00:0f:d3:05:48:48');
  assert.equal(got.body.device.X_note, 'kept');
  assert.equal(got.body.device.configured, false);
  assert.equal(got.body.device.is_new, true);
  assert.equal(got.body.device.tenant_uuid, provd.provdTenant);

  const put = await call('PUT', `/0.2/dev_mgr/devices/${id}`, { device: { mac: '00:0f:d3:05:48:49', model: 'D70', configured: true } });
  assert.equal(put.status, 204);
  assert.equal(put.headers.get('content-type'), null);
  const after = (await call('GET', `/0.2/dev_mgr/devices/${id}`)).body.device;
  assert.equal(after.mac, '00:0f:d3:05:48:49');
  assert.equal(after.model, 'D70');
  assert.equal(after.ip, undefined, 'PUT is a full replace');
  assert.equal(after.configured, false, 'configured is computed, not taken from the client');

  const custom = await call('POST', '/0.2/dev_mgr/devices', { device: { id: 'my-phone', mac: '00:0f:d3:00:00:01' } });
  assert.equal(custom.body.id, 'my-phone');
  const list = await call('GET', '/0.2/dev_mgr/devices?sort=mac&sort_ord=DESC&fields=mac');
  assert.deepEqual(list.body.devices.map((d: { mac: string }) => d.mac), ['00:0f:d3:05:48:49', '00:0f:d3:00:00:01']);
  assert.deepEqual(Object.keys(list.body.devices[0]).sort(), ['id', 'mac']);
  const q = await call('GET', `/0.2/dev_mgr/devices?q=${encodeURIComponent(JSON.stringify({ mac: '00:0f:d3:00:00:01' }))}`);
  assert.deepEqual(q.body.devices.map((d: { id: string }) => d.id), ['my-phone']);
  const q64 = await call('GET', `/0.2/dev_mgr/devices?q64=${Buffer.from(JSON.stringify({ model: 'D70' })).toString('base64')}`);
  assert.deepEqual(q64.body.devices.map((d: { id: string }) => d.id), [id]);
  const page = await call('GET', '/0.2/dev_mgr/devices?sort=id&skip=1&limit=1');
  assert.equal(page.body.devices.length, 1);

  assert.equal((await call('DELETE', `/0.2/dev_mgr/devices/${id}`)).status, 204);
  assert.equal((await call('GET', `/0.2/dev_mgr/devices/${id}`)).status, 404);
  assert.equal((await call('DELETE', `/0.2/dev_mgr/devices/${id}`)).status, 404);
  assert.equal((await call('PUT', `/0.2/dev_mgr/devices/${id}`, { device: {} })).status, 404);
});

test('bad device input gets a 4xx naming the field and changes nothing', async (t) => {
  const { call } = await startTestProvd(t);
  await call('POST', '/0.2/dev_mgr/devices', { device: { id: 'd1', mac: '00:0f:d3:00:00:01' } });
  const before = (await call('GET', '/0.2/dev_mgr/devices')).body;
  const cases: [unknown, number, RegExp][] = [
    [{ device: { mac: 'not-a-mac' } }, 400, /mac: invalid MAC address/],
    [{ device: { ip: '999.1.1.1' } }, 400, /ip: invalid IP address/],
    [{ device: { id: 'd1' } }, 400, /d1/],
    [{ device: { id: 'a/b' } }, 400, /id: expected a string/],
    [{ device: { config: 'nope' } }, 400, /config: no config with id "nope"/],
    [{ device: { colour: 'red' } }, 400, /colour: unknown key/],
    [{ devices: {} }, 400, /must have required property 'device'/],
    ['{"device": {', 400, /malformed JSON/],
  ];
  for (const [body, status, message] of cases) {
    const res = await call('POST', '/0.2/dev_mgr/devices', body);
    assert.equal(res.status, status, `${JSON.stringify(body)} → ${res.text}`);
    assert.match(res.text, message);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
    assert.match(res.headers.get('dialtone-error-code') ?? '', /^DT_ERR_/);
  }
  const badPut = await call('PUT', '/0.2/dev_mgr/devices/d1', { device: { mac: 'zz' } });
  assert.equal(badPut.status, 400);
  assert.deepEqual((await call('GET', '/0.2/dev_mgr/devices')).body, before, 'store unchanged');
});

test('media type rules: 415 and 406', async (t) => {
  const { call } = await startTestProvd(t);
  const wrongType = await call('POST', '/0.2/dev_mgr/devices', { device: {} }, { 'content-type': 'application/json' });
  assert.equal(wrongType.status, 415);
  const noType = await call('POST', '/0.2/dev_mgr/devices', JSON.stringify({ device: {} }), { 'content-type': 'text/plain' });
  assert.equal(noType.status, 415);
  const notAcceptable = await call('GET', '/0.2/dev_mgr/devices', undefined, { accept: 'text/html' });
  assert.equal(notAcceptable.status, 406);
  for (const accept of ['*/*', 'application/*', `text/html, ${MEDIA}`]) {
    assert.equal((await call('GET', '/0.2/dev_mgr/devices', undefined, { accept })).status, 200, accept);
  }
  assert.equal((await call('GET', '/0.2/dev_mgr/devices?q={bad')).status, 400);
  assert.equal((await call('GET', '/0.2/dev_mgr/devices?limit=-1')).status, 400);
  assert.equal((await call('GET', '/0.2/dev_mgr/devices?sort=id&sort_ord=UP')).status, 400);
  assert.equal((await call('GET', '/0.2/nowhere')).status, 404);
});

test('configs: CRUD, inheritance, raw, deletable, unknown parent', async (t) => {
  const { call } = await startTestProvd(t, { 'general.base_raw_config': { X_base: 'yes', ntp_ip: '10.0.0.9' } });
  const base = await call('POST', '/0.2/cfg_mgr/configs', { config: { id: 'base', parent_ids: [], deletable: false, raw_config: { ntp_enabled: true, sip_lines: { 1: { proxy_ip: '10.0.0.1' } } } } });
  assert.equal(base.status, 201);
  assert.equal(base.headers.get('location'), '/0.2/cfg_mgr/configs/base');
  const child = await call('POST', '/0.2/cfg_mgr/configs', { config: { parent_ids: ['base'], raw_config: { sip_lines: { 1: { username: 'alice' } }, locale: 'fr_FR' } } });
  assert.equal(child.status, 201);
  const raw = await call('GET', `/0.2/cfg_mgr/configs/${child.body.id}/raw`);
  assert.equal(raw.status, 200);
  assert.equal(raw.body.raw_config.X_base, 'yes');
  assert.equal(raw.body.raw_config.ip, '127.0.0.1', 'base raw config derived from the configuration');
  assert.equal(raw.body.raw_config.ntp_enabled, true);
  assert.deepEqual(raw.body.raw_config.sip_lines, { 1: { proxy_ip: '10.0.0.1', username: 'alice' } });
  assert.equal(raw.body.raw_config.locale, 'fr_FR');

  const unknownParent = await call('POST', '/0.2/cfg_mgr/configs', { config: { parent_ids: ['base', 'ghost'], raw_config: {} } });
  assert.equal(unknownParent.status, 400);
  assert.match(unknownParent.text, /parent_ids\[1\]: no config with id "ghost"/);
  const badRaw = await call('POST', '/0.2/cfg_mgr/configs', { config: { parent_ids: [], raw_config: { http_port: 'x' } } });
  assert.equal(badRaw.status, 400);
  assert.match(badRaw.text, /raw_config\.http_port/);
  const dup = await call('POST', '/0.2/cfg_mgr/configs', { config: { id: 'base', parent_ids: [], raw_config: {} } });
  assert.equal(dup.status, 400);

  assert.equal((await call('DELETE', '/0.2/cfg_mgr/configs/base')).status, 403);
  assert.equal((await call('GET', '/0.2/cfg_mgr/configs/base')).status, 200, 'still there');
  assert.equal((await call('GET', '/0.2/cfg_mgr/configs/ghost')).status, 404);
  assert.equal((await call('GET', '/0.2/cfg_mgr/configs/ghost/raw')).status, 404);
  const put = await call('PUT', `/0.2/cfg_mgr/configs/${child.body.id}`, { config: { parent_ids: ['base'], raw_config: { locale: 'de_DE' } } });
  assert.equal(put.status, 204);
  assert.equal((await call('GET', `/0.2/cfg_mgr/configs/${child.body.id}`)).body.config.raw_config.locale, 'de_DE');
  assert.equal((await call('DELETE', `/0.2/cfg_mgr/configs/${child.body.id}`)).status, 204);
  const list = await call('GET', '/0.2/cfg_mgr/configs');
  assert.deepEqual(list.body.configs.map((c: { id: string }) => c.id), ['base']);
});

test('autocreate makes a transient config collected when no device uses it', async (t) => {
  const { call } = await startTestProvd(t);
  assert.equal((await call('POST', '/0.2/cfg_mgr/autocreate')).status, 400, 'no autocreate config yet');
  await call('POST', '/0.2/cfg_mgr/configs', { config: { id: 'autoprov', parent_ids: [], role: 'autocreate', raw_config: { sip_lines: { 1: { username: 'ap' } } } } });
  const created = await call('POST', '/0.2/cfg_mgr/autocreate', '{}');
  assert.equal(created.status, 201);
  const cfg = (await call('GET', `/0.2/cfg_mgr/configs/${created.body.id}`)).body.config;
  assert.equal(cfg.transient, true);
  assert.deepEqual(cfg.parent_ids, ['autoprov']);
  const dev = await call('POST', '/0.2/dev_mgr/devices', { device: { config: created.body.id } });
  assert.equal(dev.status, 201);
  await call('PUT', `/0.2/dev_mgr/devices/${dev.body.id}`, { device: { config: 'autoprov' } });
  assert.equal((await call('GET', `/0.2/cfg_mgr/configs/${created.body.id}`)).status, 404, 'transient config collected');
});

test('the same REST flow works on PostgreSQL', async (t) => {
  const pg = await getTestPostgres();
  t.after(() => pg.cleanup());
  const { call, provd } = await startTestProvd(t, { 'database.url': pg.url, 'database.schema': pg.schema });
  assert.equal(provd.store.kind, 'postgres');
  assert.equal((await call('GET', '/0.2/status')).body.store, 'postgres');
  await call('POST', '/0.2/cfg_mgr/configs', { config: { id: 'base', parent_ids: [], raw_config: { locale: 'fr_FR' } } });
  const created = await call('POST', '/0.2/dev_mgr/devices', { device: { mac: '00:0F:D3:05:48:48', config: 'base', X_n: 10 } });
  await call('POST', '/0.2/dev_mgr/devices', { device: { mac: '00:0F:D3:05:48:49', X_n: 9 } });
  assert.equal(created.status, 201);
  const sorted = await call('GET', '/0.2/dev_mgr/devices?sort=X_n');
  assert.deepEqual(sorted.body.devices.map((d: { X_n: number }) => d.X_n), [9, 10], 'numbers sort numerically');
  const bad = await call('POST', '/0.2/dev_mgr/devices', { device: { id: created.body.id } });
  assert.equal(bad.status, 400);
  assert.equal((await call('GET', '/0.2/dev_mgr/devices')).body.devices.length, 2, 'nothing half-written');
  assert.equal((await call('GET', '/0.2/cfg_mgr/configs/base/raw')).body.raw_config.locale, 'fr_FR');
});
