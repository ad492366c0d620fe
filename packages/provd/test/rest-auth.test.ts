import assert from 'node:assert/strict';
import { statSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { ensureAdminToken } from '../src/auth/index.js';
import { MEDIA, startTestProvd } from './support/provd.js';

function fill(url: string): string {
  return url.replace(/:[A-Za-z_]+/g, 'x1').replace(/\*$/, 'anything');
}

test('every route declares an ACL; each refuses a missing token (401) and a token without its ACL (403)', async (t) => {
  const p = await startTestProvd(t);
  const routes = p.provd.restRoutes.filter((r) => r.method !== 'OPTIONS');
  assert.ok(routes.length >= 20, `route table has ${routes.length} routes`);
  const weak = (await p.provd.auth.tokens.create({ acl: ['provd.nothing.read'], tenant_uuid: p.provd.provdTenant })).token;
  for (const route of routes) {
    const name = `${route.method} ${route.url}`;
    assert.ok(typeof route.acl === 'string' || route.acl === false, `${name} declares no ACL`);
    if (route.acl === false) {
      assert.match(route.url, /^(\/0\.2\/api\/|\/ui(\/|$))/, `${name}: only the API document and the web page's static files are public`);
      continue;
    }
    assert.match(route.acl, /^provd\.[a-z_{}.]+$/, name);
    const path = fill(route.url);
    const none = await p.call(route.method, path, undefined, { 'x-auth-token': '' });
    assert.equal(none.status, 401, `${name} without a token`);
    assert.equal(none.headers.get('dialtone-error-code'), 'DT_ERR_AUTH_MISSING_TOKEN', name);
    const bad = await p.call(route.method, path, undefined, { 'x-auth-token': 'dt_not-a-token' });
    assert.equal(bad.status, 401, `${name} with an unknown token`);
    const forbidden = await p.call(route.method, path, undefined, { 'x-auth-token': weak });
    assert.equal(forbidden.status, 403, `${name} with a token lacking ${route.acl}`);
    assert.equal(forbidden.headers.get('dialtone-error-code'), 'DT_ERR_AUTH_FORBIDDEN', name);
    // The exact ACL (template filled) is enough.
    const exact = route.acl.replace('{tenant_uuid}', p.provd.provdTenant).replace(/\{[a-z_]+\}/g, 'x1');
    const granted = (await p.provd.auth.tokens.create({ acl: [exact], tenant_uuid: p.provd.provdTenant })).token;
    const ok = await p.call(route.method, path, undefined, { 'x-auth-token': granted });
    assert.ok(ok.status !== 401 && ok.status !== 403, `${name} with ${exact}: ${ok.status} ${ok.text}`);
  }
});

test('the admin token is written once, 0600, and works', async (t) => {
  const p = await startTestProvd(t);
  const file = join(p.dataDir, 'admin-token');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const token = readFileSync(file, 'utf8').trim();
  assert.equal(token, p.adminToken);
  assert.equal((await p.call('GET', '/0.2/status', undefined, { 'x-auth-token': token })).status, 200);
  assert.equal(await ensureAdminToken(p.provd.store, p.provd.auth.tokens, p.dataDir, p.provd.provdTenant), null, 'not issued twice');
  const [admin] = await p.provd.auth.tokens.list();
  assert.deepEqual(admin.acl, ['provd.#']);
  await p.provd.auth.tokens.revoke(admin.id);
  assert.equal((await p.call('GET', '/0.2/status')).status, 401, 'a revoked token stops working at once');
});

test('the API document is public and lists every route', async (t) => {
  const p = await startTestProvd(t);
  const res = await fetch(`${p.rest}/0.2/api/api.json`);
  assert.equal(res.status, 200);
  const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { 'x-acl'?: string }>> };
  assert.match(doc.openapi, /^3\./);
  for (const route of p.provd.restRoutes) {
    if (route.method === 'HEAD' || route.method === 'OPTIONS' || route.acl === false) continue;
    const path = route.url.replace(/^\/0\.2/, '').replace(/\/$/, '').replace(/:([a-z_]+)/g, '{$1}') || '/';
    assert.equal(doc.paths[path]?.[route.method.toLowerCase()]?.['x-acl'], route.acl, `${route.method} ${path} in the document`);
  }
  const yml = await fetch(`${p.rest}/0.2/api/api.yml`);
  assert.match(await yml.text(), /^openapi: 3\./m);
});

function rawGet(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: headers['x-method'] ?? 'GET', headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('Host and Origin checks (DNS rebinding), CORS off by default and by allow-list', async (t) => {
  const p = await startTestProvd(t, { 'rest_api.allowed_hosts': ['provd.example'], 'rest_api.cors_origins': ['https://admin.example'] });
  const port = p.provd.config.rest_api.port === 0 ? Number(new URL(p.rest).port) : p.provd.config.rest_api.port;
  const auth = { 'x-auth-token': p.adminToken, accept: MEDIA };
  assert.equal((await rawGet(port, '/0.2/status', { ...auth, host: `127.0.0.1:${port}` })).status, 200);
  assert.equal((await rawGet(port, '/0.2/status', { ...auth, host: `localhost:${port}` })).status, 200);
  assert.equal((await rawGet(port, '/0.2/status', { ...auth, host: `[::1]:${port}` })).status, 200);
  assert.equal((await rawGet(port, '/0.2/status', { ...auth, host: 'provd.example' })).status, 200);
  const rebound = await rawGet(port, '/0.2/status', { ...auth, host: `attacker.example:${port}` });
  assert.equal(rebound.status, 403);
  assert.equal(rebound.headers['dialtone-error-code'], 'DT_ERR_HOST_NOT_ALLOWED');
  const foreign = await rawGet(port, '/0.2/status', { ...auth, host: `127.0.0.1:${port}`, origin: 'https://evil.example' });
  assert.equal(foreign.status, 403);
  assert.equal(foreign.headers['dialtone-error-code'], 'DT_ERR_ORIGIN_NOT_ALLOWED');
  assert.equal(foreign.headers['access-control-allow-origin'], undefined);
  const same = await rawGet(port, '/0.2/status', { ...auth, host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` });
  assert.equal(same.status, 200, 'same origin is fine');
  const allowed = await rawGet(port, '/0.2/status', { ...auth, host: `127.0.0.1:${port}`, origin: 'https://admin.example' });
  assert.equal(allowed.status, 200);
  assert.equal(allowed.headers['access-control-allow-origin'], 'https://admin.example');
  const preflight = await rawGet(port, '/0.2/dev_mgr/devices/x', { 'x-method': 'OPTIONS', host: `127.0.0.1:${port}`, origin: 'https://admin.example', 'access-control-request-method': 'DELETE' });
  assert.equal(preflight.status, 200);
  assert.match(String(preflight.headers['access-control-allow-methods']), /DELETE/);
  assert.match(String(preflight.headers['access-control-allow-headers']), /X-Auth-Token/);
});

test('tenants: a tenant never sees or changes another tenant\'s devices; Wazo-Tenant and recurse', async (t) => {
  const p = await startTestProvd(t);
  await p.provd.auth.tenants.update('main', (e) => e);
  await p.provd.auth.tenants.update('sub', (e) => ({ ...e, parent_uuid: 'main' }));
  await p.provd.auth.tenants.update('other', (e) => e);
  const tok = async (tenant: string) => (await p.provd.auth.tokens.create({ acl: ['provd.#'], tenant_uuid: tenant })).token;
  const main = await tok('main');
  const other = await tok('other');
  const as = (token: string, extra: Record<string, string> = {}) => ({ 'x-auth-token': token, ...extra });
  const mk = async (token: string, mac: string, extra: Record<string, string> = {}) => {
    const r = await p.call('POST', '/0.2/dev_mgr/devices', { device: { mac, tenant_uuid: 'other' } }, as(token, extra));
    assert.equal(r.status, 201, r.text);
    return r.body.id as string;
  };
  const dMain = await mk(main, '00:00:00:00:00:01');
  const dSub = await mk(main, '00:00:00:00:00:02', { 'wazo-tenant': 'sub' });
  const dOther = await mk(other, '00:00:00:00:00:03');
  const get = (id: string, token: string) => p.call('GET', `/0.2/dev_mgr/devices/${id}`, undefined, as(token));
  assert.equal((await get(dMain, main)).body.device.tenant_uuid, 'main', 'the body\'s tenant_uuid is ignored');
  assert.equal((await get(dSub, main)).body.device.tenant_uuid, 'sub');
  assert.equal((await get(dOther, main)).status, 404);
  assert.equal((await get(dMain, other)).status, 404);
  for (const [method, path, body] of [
    ['PUT', `/0.2/dev_mgr/devices/${dMain}`, { device: { mac: '00:00:00:00:00:09' } }],
    ['DELETE', `/0.2/dev_mgr/devices/${dMain}`, undefined],
  ] as const) {
    assert.equal((await p.call(method, path, body, as(other))).status, 404, `${method} from another tenant`);
  }
  assert.equal((await p.call('POST', '/0.2/dev_mgr/reconfigure', { id: dMain }, as(other))).status, 400);
  const list = async (token: string, q = '', extra: Record<string, string> = {}) =>
    (await p.call('GET', `/0.2/dev_mgr/devices${q}`, undefined, as(token, extra))).body.devices.map((d: { id: string }) => d.id).sort();
  assert.deepEqual(await list(main), [dMain]);
  assert.deepEqual(await list(main, '?recurse=true'), [dMain, dSub].sort());
  assert.deepEqual(await list(main, '?recurse=true&limit=1&sort=mac'), [dMain], 'limit applies to what the tenant sees');
  assert.deepEqual(await list(main, '?recurse=true&fields=mac'), [dMain, dSub].sort(), 'a projection without tenant_uuid still lists the tenant\'s devices');
  assert.deepEqual(await list(main, '', { 'wazo-tenant': 'sub' }), [dSub]);
  assert.deepEqual(await list(other, '?recurse=true'), [dOther]);
  assert.equal((await p.call('GET', '/0.2/dev_mgr/devices', undefined, as(other, { 'wazo-tenant': 'main' }))).status, 401, 'a tenant out of reach');
  const q = encodeURIComponent(JSON.stringify({ tenant_uuid: 'other' }));
  assert.deepEqual(await list(main, `?recurse=true&q=${q}`), [], 'a selector cannot widen the tenant condition');
  // The master (provd tenant) token sees everything with recurse.
  assert.equal((await list(p.adminToken, '?recurse=true')).length, 3);
  assert.equal((await p.call('GET', '/0.2/dev_mgr/devices?q64=!!!')).status, 400);
});

test('claiming: a device still in the provd tenant is claimed by the first tenant that PUTs it', async (t) => {
  const p = await startTestProvd(t);
  await p.provd.auth.tenants.update('main', (e) => e);
  const main = (await p.provd.auth.tokens.create({ acl: ['provd.#'], tenant_uuid: 'main' })).token;
  const other = (await p.provd.auth.tokens.create({ acl: ['provd.#'], tenant_uuid: 'other' })).token;
  // auto-created devices land in the provd tenant (as DHCP or a first HTTP request makes them)
  const created = await p.call('POST', '/0.2/dev_mgr/devices', { device: { mac: '00:00:00:00:01:01' } });
  const id = created.body.id as string;
  assert.equal((await p.call('GET', `/0.2/dev_mgr/devices/${id}`)).body.device.is_new, true);
  assert.equal((await p.call('GET', `/0.2/dev_mgr/devices/${id}`, undefined, { 'x-auth-token': main })).status, 404, 'not visible before the claim');
  const put = await p.call('PUT', `/0.2/dev_mgr/devices/${id}`, { device: { mac: '00:00:00:00:01:01', tenant_uuid: 'other', is_new: true } }, { 'x-auth-token': main });
  assert.equal(put.status, 204, put.text);
  const claimed = (await p.call('GET', `/0.2/dev_mgr/devices/${id}`, undefined, { 'x-auth-token': main })).body.device;
  assert.equal(claimed.tenant_uuid, 'main', 'the body\'s tenant_uuid is ignored');
  assert.equal(claimed.is_new, false);
  assert.equal((await p.call('GET', `/0.2/dev_mgr/devices/${id}`, undefined, { 'x-auth-token': other })).status, 404);
  // once claimed, it is no longer up for grabs, and another PUT keeps the tenant
  assert.equal((await p.call('PUT', `/0.2/dev_mgr/devices/${id}`, { device: { mac: '00:00:00:00:01:01' } }, { 'x-auth-token': other })).status, 404);
  await p.call('PUT', `/0.2/dev_mgr/devices/${id}`, { device: { mac: '00:00:00:00:01:01' } });
  assert.equal((await p.call('GET', `/0.2/dev_mgr/devices/${id}`)).body.device.tenant_uuid, 'main');
});

test('a config with 1,024 SIP lines is accepted', async (t) => {
  const p = await startTestProvd(t);
  const lines = Object.fromEntries(Array.from({ length: 1024 }, (_, i) => [String(i + 1), { username: `u${i}`, password: `p${i}` }]));
  const r = await p.call('POST', '/0.2/cfg_mgr/configs', { config: { id: 'big', parent_ids: [], raw_config: { sip_lines: lines } } });
  assert.equal(r.status, 201, r.text);
  assert.equal(Object.keys((await p.client.configs.raw('big')).sip_lines ?? {}).length, 1024);
});

test('an external wazo-auth validates tokens', async (t) => {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    res.setHeader('content-type', 'application/json');
    if (url.pathname === '/0.1/token/wazo-token') {
      res.end(JSON.stringify({ data: { token: 'wazo-token', acl: ['provd.status.read', 'provd.dev_mgr.devices.read'], metadata: { tenant_uuid: 'wt' } } }));
    } else if (url.pathname === '/0.1/tenants') {
      res.end(JSON.stringify({ items: [{ uuid: 'wt' }] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => server.close(() => r())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/0.1`;
  const p = await startTestProvd(t, { 'rest_api.auth.backend': 'wazo-auth', 'rest_api.auth.wazo_auth_url': url });
  assert.equal(p.adminToken, '', 'no built-in admin token with an external validator');
  assert.equal((await p.call('GET', '/0.2/status', undefined, { 'x-auth-token': 'wazo-token' })).status, 200);
  assert.equal((await p.call('GET', '/0.2/dev_mgr/devices', undefined, { 'x-auth-token': 'wazo-token' })).status, 200);
  assert.equal((await p.call('POST', '/0.2/dev_mgr/devices', { device: {} }, { 'x-auth-token': 'wazo-token' })).status, 403);
  assert.equal((await p.call('GET', '/0.2/status', undefined, { 'x-auth-token': 'other' })).status, 401);
});
