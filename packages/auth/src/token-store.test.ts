import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createBuiltinAuthenticator, type TenantTree } from './authenticator.js';
import { isAuthError } from './errors.js';
import { hashToken, memoryTokenRepository, parseExpiry, TokenStore } from './token-store.js';

test('tokens are created, found, listed without their secret, revoked', async () => {
  const repo = memoryTokenRepository();
  const store = new TokenStore(repo);
  const { token, record } = await store.create({ acl: ['provd.#'], tenant_uuid: 't-master', label: 'admin' });
  assert.match(token, /^dt_[A-Za-z0-9_-]{43}$/);
  assert.equal((await store.lookup(token))?.id, record.id);
  assert.equal(await store.lookup(`${token}x`), null);
  assert.equal(await store.lookup(''), null);
  const stored = await repo.list();
  assert.equal(stored.length, 1);
  assert.equal(stored[0].hash, hashToken(token));
  assert.ok(!JSON.stringify(stored).includes(token), 'the secret itself is never stored');
  const listed = await store.list();
  assert.deepEqual(Object.keys(listed[0]).sort(), ['acl', 'created_at', 'expires_at', 'id', 'label', 'tenant_uuid']);
  assert.equal(await store.revoke(record.id), true);
  assert.equal(await store.revoke(record.id), false);
  assert.equal(await store.lookup(token), null);
});

test('tokens expire', async () => {
  let now = 1_000_000;
  const store = new TokenStore(memoryTokenRepository(), () => now);
  const { token, record } = await store.create({ acl: ['provd.status.read'], tenant_uuid: 't', expiresIn: 60 });
  assert.equal(record.expires_at, new Date(1_000_000 + 60_000).toISOString());
  now += 59_999;
  assert.ok(await store.lookup(token));
  now += 1;
  assert.equal(await store.lookup(token), null);
});

test('bad token specs are refused with a coded error', async () => {
  const store = new TokenStore(memoryTokenRepository());
  for (const spec of [{ acl: [], tenant_uuid: 't' }, { acl: ['provd..x'], tenant_uuid: 't' }, { acl: ['provd.#'], tenant_uuid: 'a b' }, { acl: ['provd.#'], tenant_uuid: 't', expiresIn: -1 }]) {
    await assert.rejects(store.create(spec), (err) => isAuthError(err, 'DT_ERR_AUTH_BAD_TOKEN_SPEC'));
  }
  assert.deepEqual(await store.list(), []);
  assert.equal(parseExpiry('90'), 90);
  assert.equal(parseExpiry('15m'), 900);
  assert.equal(parseExpiry('2d'), 172800);
  assert.equal(parseExpiry('never'), null);
  assert.throws(() => parseExpiry('soon'), /expiry/);
});

test('built-in authenticator: Wazo-Tenant must be the token tenant or below it', async () => {
  const store = new TokenStore(memoryTokenRepository());
  const parents: Record<string, string> = { sub: 'main', subsub: 'sub', other: 'master' };
  const tree: TenantTree = { master: 'master', parentOf: (t) => parents[t], all: () => Object.keys(parents) };
  const auth = createBuiltinAuthenticator(store, () => tree);
  const main = (await store.create({ acl: ['provd.#'], tenant_uuid: 'main' })).token;
  const master = (await store.create({ acl: ['provd.#'], tenant_uuid: 'master' })).token;
  assert.equal((await auth.authenticate(main)).tenant, 'main');
  assert.equal((await auth.authenticate(main, 'subsub')).tenant, 'subsub');
  await assert.rejects(auth.authenticate(main, 'other'), (err) => isAuthError(err, 'DT_ERR_AUTH_INVALID_TENANT'));
  await assert.rejects(auth.authenticate('nope'), (err) => isAuthError(err, 'DT_ERR_AUTH_INVALID_TOKEN'));
  assert.equal((await auth.authenticate(master, 'anything-new')).tenant, 'anything-new', 'the master sees every tenant');
  assert.deepEqual([...((await auth.visibleTenants(main, 'main')) ?? [])].sort(), ['main', 'sub', 'subsub']);
  assert.equal(await auth.visibleTenants(master, 'master'), null);
});
