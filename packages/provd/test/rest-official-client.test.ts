/**
 * The calls the official Python client (wazo-provd-client) makes, sent the way it sends them:
 * its session headers only (Connection, X-Auth-Token, Wazo-Tenant, User-agent; no Accept),
 * bodies with `Content-Type: application/vnd.proformatique.provd+json`, `q64` as base64 JSON,
 * Location headers cut after their third `/`. Written from reading the client's source.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MEDIA, startTestProvd, type TestProvd } from './support/provd.js';

function client(p: TestProvd, base: string, tenant?: string) {
  const session: Record<string, string> = { connection: 'close', 'x-auth-token': p.adminToken, 'user-agent': 'wazo-provd-client-test', ...(tenant ? { 'wazo-tenant': tenant } : {}) };
  return async (method: string, path: string, opts: { json?: unknown; params?: Record<string, string>; headers?: Record<string, string> } = {}) => {
    const url = new URL(`${base}/0.2/${path}`);
    for (const [k, v] of Object.entries(opts.params ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { ...session, ...opts.headers };
    let body: string | undefined;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(url, { method, headers, body });
    const text = await res.text();
    return { status: res.status, location: res.headers.get('location'), json: () => JSON.parse(text), text };
  };
}

const H = { 'content-type': MEDIA };

test('the official client\'s device, config, params and status calls', async (t) => {
  const p = await startTestProvd(t, {}, { plugins: ['test-plugin'] });
  const c = client(p, p.rest);
  // status.get sends the provd Content-Type on a GET without a body
  const status = await c('GET', 'status', { headers: H });
  assert.equal(status.status, 200);
  assert.equal(status.json().rest_api, 'ok');

  // configs
  const cfg = await c('POST', 'cfg_mgr/configs', { json: { config: { id: 'base', parent_ids: [], raw_config: { ip: '10.0.0.1' }, X_type: 'registrar' } }, headers: H });
  assert.equal(cfg.status, 201);
  assert.deepEqual(cfg.json(), { id: 'base' });
  assert.equal(cfg.location, '/0.2/cfg_mgr/configs/base');
  const q64 = Buffer.from(JSON.stringify({ X_type: 'registrar' })).toString('base64');
  assert.deepEqual((await c('GET', 'cfg_mgr/configs', { params: { q64 } })).json().configs.map((x: { id: string }) => x.id), ['base']);
  assert.equal((await c('GET', 'cfg_mgr/configs/base', { headers: H })).json().config.id, 'base');
  assert.equal((await c('GET', 'cfg_mgr/configs/base/raw', { headers: H })).json().raw_config.ip, '10.0.0.1');
  assert.equal((await c('PUT', 'cfg_mgr/configs/base', { json: { config: { id: 'base', parent_ids: [], raw_config: { ip: '10.0.0.2' } } }, headers: H })).status, 204);
  await c('POST', 'cfg_mgr/configs', { json: { config: { id: 'autoprov', parent_ids: ['base'], role: 'autocreate', raw_config: { sip_lines: { 1: { username: 'ap' } } } } }, headers: H });
  const auto = await c('POST', 'cfg_mgr/autocreate', { json: {}, headers: H });
  assert.equal(auto.status, 201);
  assert.match(auto.json().id, /^autoprov[0-9a-f]{32}$/);

  // devices: list params as _build_list_params makes them
  const dev = await c('POST', 'dev_mgr/devices', { json: { device: { mac: '00:11:22:33:44:55', plugin: 'test-plugin', config: 'base' } }, headers: H });
  assert.equal(dev.status, 201);
  const id = dev.json().id as string;
  const listed = await c('GET', 'dev_mgr/devices', { params: { q: JSON.stringify({ mac: '00:11:22:33:44:55' }), fields: 'mac,plugin', skip: '0', limit: '10', sort: 'mac', sort_ord: 'ASC' } });
  assert.deepEqual(listed.json().devices, [{ id, mac: '00:11:22:33:44:55', plugin: 'test-plugin' }]);
  assert.equal((await c('GET', `dev_mgr/devices/${id}`)).json().device.configured, true);
  assert.equal((await c('PUT', `dev_mgr/devices/${id}`, { json: { device: { id, mac: '00:11:22:33:44:55', plugin: 'gone', config: 'base' } }, headers: H })).status, 204);
  // reconfigure of a device whose plugin is missing: 204, as the reference
  assert.equal((await c('POST', 'dev_mgr/reconfigure', { json: { id }, headers: H })).status, 204);
  assert.equal((await c('POST', 'dev_mgr/dhcpinfo', { json: { dhcp_info: { op: 'release', ip: '10.0.0.9', mac: '00:11:22:33:44:66' } }, headers: H })).status, 204);
  // DELETE with the provd media type and an empty body
  assert.equal((await c('DELETE', `dev_mgr/devices/${id}`, { headers: H })).status, 204);
  assert.equal((await c('DELETE', 'cfg_mgr/configs/autoprov')).status, 204);

  // params
  const params = (await c('GET', 'configure')).json().params as { id: string; links: { href: string }[] }[];
  assert.deepEqual(params.map((x) => x.id).sort(), ['NAT', 'ftp_proxy', 'http_proxy', 'https_proxy', 'locale', 'plugin_server', 'provisioning_key']);
  assert.equal(params.find((x) => x.id === 'locale')?.links[0].href, '/0.2/configure/locale');
  assert.deepEqual((await c('GET', 'configure/locale')).json(), { param: { value: null } });
  assert.equal((await c('PUT', 'configure/locale', { json: { param: { value: 'fr_FR' } }, headers: H })).status, 204);
  assert.deepEqual((await c('GET', 'configure/locale')).json(), { param: { value: 'fr_FR' } });
  assert.equal((await c('PUT', 'configure/locale', { json: { param: { value: null } }, headers: H })).status, 204);
  assert.deepEqual((await c('GET', 'configure/locale')).json(), { param: { value: null } });
});

test('configure parameters: validation, NAT as an integer, per-tenant provisioning keys, persisted', async (t) => {
  const p = await startTestProvd(t);
  const put = (param: string, value: unknown, headers: Record<string, string> = {}) => p.call('PUT', `/0.2/configure/${param}`, { param: { value } }, headers);
  const get = async (param: string, headers: Record<string, string> = {}) => (await p.call('GET', `/0.2/configure/${param}`, undefined, headers)).body.param.value;
  const changes: unknown[] = [];
  p.provd.params.on('change', (c) => changes.push(c));
  for (const [param, value] of [
    ['locale', 'french'],
    ['locale', 'fr_fr'],
    ['NAT', '2'],
    ['plugin_server', 'not a url'],
    ['http_proxy', 'http://proxy:3128/path'],
    ['http_proxy', 'proxy:3128'],
    ['https_proxy', 'http://proxy:3128'],
    ['provisioning_key', 'short'],
    ['provisioning_key', 'has space in it'],
  ] as const) {
    const r = await put(param, value);
    assert.equal(r.status, 400, `${param}=${value}`);
    assert.equal(r.headers.get('dialtone-error-code'), 'DT_ERR_INVALID_PARAM');
    assert.match(r.text, new RegExp(`^${param}: expected`));
  }
  assert.equal((await p.call('GET', '/0.2/configure/nope')).status, 404);
  assert.equal((await put('nope', 'x')).status, 404);
  assert.equal((await put('NAT', '1')).status, 204);
  assert.equal(await get('NAT'), 1, 'NAT: string in, integer out');
  assert.equal((await put('http_proxy', 'http://user:pw@proxy.example:3128')).status, 204);
  assert.equal((await put('https_proxy', 'proxy.example:3129')).status, 204);
  assert.equal((await put('plugin_server', 'https://plugins.example/2/stable/')).status, 204);
  assert.equal((await put('provisioning_key', 'key-of-master')).status, 204);
  await p.provd.auth.tenants.update('t2', (e) => e);
  const t2 = { 'wazo-tenant': 't2' };
  assert.equal(await get('provisioning_key', t2), null, 'provisioning keys are per tenant');
  assert.equal((await put('provisioning_key', 'key-of-master', t2)).status, 400, 'unique across tenants');
  assert.equal((await put('provisioning_key', 'key$of~t2.x', t2)).status, 204);
  assert.equal(await get('provisioning_key', t2), 'key$of~t2.x');
  assert.equal(await get('provisioning_key'), 'key-of-master');
  assert.equal(p.provd.auth.tenants.tenantOfKey('key$of~t2.x'), 't2');
  assert.deepEqual(changes[0], { id: 'NAT', value: 1 });
  assert.equal(changes.length, 6);
  // persisted in the store: a fresh service reads the same values
  await p.provd.params.load();
  assert.equal(p.provd.params.value('plugin_server'), 'https://plugins.example/2/stable/');
  assert.equal(await p.provd.store.meta.get('params').then((v) => (v as Record<string, string>).NAT), '1');
  // a token granted only another tenant's parameter ACL is refused
  const narrow = (await p.provd.auth.tokens.create({ acl: ['provd.configure.t2.locale.read'], tenant_uuid: p.provd.provdTenant })).token;
  assert.equal((await p.call('GET', '/0.2/configure/locale', undefined, { 'x-auth-token': narrow })).status, 403);
  assert.equal((await p.call('GET', '/0.2/configure/locale', undefined, { 'x-auth-token': narrow, 'wazo-tenant': 't2' })).status, 200);
});

test('the whole tree mounts under a prefix; Locations stay /0.2/… for the official client', async (t) => {
  const p = await startTestProvd(t, { 'rest_api.prefix': '/api/provd' });
  assert.equal((await p.call('GET', '/0.2/status')).status, 404);
  const status = await p.call('GET', '/api/provd/0.2/status');
  assert.equal(status.status, 200);
  const created = await p.call('POST', '/api/provd/0.2/dev_mgr/devices', { device: { mac: '00:11:22:33:44:77' } });
  assert.equal(created.status, 201);
  assert.equal(created.headers.get('location'), `/0.2/dev_mgr/devices/${created.body.id}`);
  const root = await p.call('GET', '/api/provd/0.2');
  assert.ok(root.body.links.some((l: { href: string }) => l.href === '/0.2/dev_mgr'));
  const doc = await fetch(`${p.rest}/api/provd/0.2/api/api.json`);
  assert.equal(((await doc.json()) as { servers: { url: string }[] }).servers[0].url, '/api/provd/0.2');
  assert.equal((await p.call('GET', '/api/provd/0.2/dev_mgr/devices', undefined, { 'x-auth-token': '' })).status, 401);
});
