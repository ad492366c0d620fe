import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { isAuthError } from './errors.js';
import { createWazoAuthAuthenticator } from './wazo-auth.js';

/** A small wazo-auth stand-in: one token, a tenant tree main > sub. */
async function fakeWazoAuth(t: { after: (fn: () => Promise<void>) => void }) {
  const calls: string[] = [];
  const tenants: Record<string, string[]> = { main: ['main', 'sub'], sub: ['sub'] };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    calls.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, body?: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    const m = /^\/0\.1\/token\/([^/]+)$/.exec(url.pathname);
    if (m) {
      if (decodeURIComponent(m[1]) !== 'good-token') return send(404, { reason: ['No such token'] });
      const tenant = url.searchParams.get('tenant');
      if (tenant && !tenants.main.includes(tenant)) return send(403, { reason: ['Unauthorized tenant'] });
      return send(200, { data: { token: 'good-token', acl: ['provd.dev_mgr.#'], metadata: { tenant_uuid: 'main', uuid: 'u1' } } });
    }
    if (url.pathname === '/0.1/tenants') {
      if (req.headers['x-auth-token'] !== 'good-token') return send(401);
      const list = tenants[String(req.headers['wazo-tenant'])] ?? [];
      return send(200, { items: list.map((uuid) => ({ uuid })), total: list.length });
    }
    return send(500, { reason: ['unexpected'] });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/0.1`, calls };
}

test('wazo-auth authenticator: token, tenant, subtenants, caching', async (t) => {
  const fake = await fakeWazoAuth(t);
  const auth = createWazoAuthAuthenticator({ url: fake.url, cacheMs: 60_000 });
  const identity = await auth.authenticate('good-token');
  assert.deepEqual(identity, { tokenTenant: 'main', tenant: 'main', acl: ['provd.dev_mgr.#'] });
  assert.equal((await auth.authenticate('good-token', 'sub')).tenant, 'sub');
  await assert.rejects(auth.authenticate('good-token', 'elsewhere'), (err) => isAuthError(err, 'DT_ERR_AUTH_INVALID_TENANT'));
  await assert.rejects(auth.authenticate('bad-token'), (err) => isAuthError(err, 'DT_ERR_AUTH_INVALID_TOKEN'));
  assert.deepEqual(await auth.visibleTenants('good-token', 'main'), ['main', 'sub']);
  const before = fake.calls.length;
  await auth.authenticate('good-token');
  await auth.visibleTenants('good-token', 'main');
  assert.equal(fake.calls.length, before, 'positive answers are cached');
  assert.ok(fake.calls.includes('GET /0.1/token/good-token?tenant=sub'));
});

test('wazo-auth authenticator: an unreachable service is a 503-coded error, not a pass', async () => {
  const auth = createWazoAuthAuthenticator({ url: 'http://127.0.0.1:1/0.1', timeoutMs: 2000 });
  await assert.rejects(auth.authenticate('good-token'), (err) => isAuthError(err, 'DT_ERR_AUTH_UNAVAILABLE') && err.statusCode === 503);
});
