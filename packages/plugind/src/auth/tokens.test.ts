import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlugindTokens } from './tokens.js';

test('admin token written 0600 once, survives a restart, ACLs and expiry checked', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'plugind-tokens-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const store = new PlugindTokens(dir);
  const path = store.ensureAdminToken();
  assert.equal(statSync(path).mode & 0o777, 0o600);
  const admin = readFileSync(path, 'utf8').trim();
  assert.ok((await store.check(admin, 'plugind.plugins.demo.x.delete')).ok);
  assert.ok(!readFileSync(join(dir, 'tokens.json'), 'utf8').includes(admin), 'only hashes are stored');
  assert.equal(statSync(join(dir, 'tokens.json')).mode & 0o777, 0o600);

  let clock = Date.now();
  const again = new PlugindTokens(dir, () => clock);
  again.ensureAdminToken();
  assert.equal(readFileSync(path, 'utf8').trim(), admin, 'not replaced on restart');
  assert.ok((await again.check(admin, 'plugind.status.read')).ok);

  const { secret, token } = await again.create(['plugind.plugins.read']);
  assert.deepEqual(await again.check(secret, 'plugind.plugins.create'), { ok: false, reason: 'forbidden' });
  assert.ok((await again.check(secret, 'plugind.plugins.read')).ok);
  assert.deepEqual(await again.check('nope', 'plugind.plugins.read'), { ok: false, reason: 'unknown' });
  assert.deepEqual(await again.check(undefined, 'plugind.plugins.read'), { ok: false, reason: 'missing' });
  assert.ok(await again.revoke(token.id));
  assert.deepEqual(await again.check(secret, 'plugind.plugins.read'), { ok: false, reason: 'unknown' });

  const shortLived = await again.create(['#'], 60);
  assert.ok((await again.check(shortLived.secret, 'plugind.plugins.read')).ok);
  clock += 61_000;
  assert.deepEqual(await again.check(shortLived.secret, 'plugind.plugins.read'), { ok: false, reason: 'expired' });
  const denied = await again.create(['plugind.#', '!plugind.plugins.*.*.delete']);
  assert.deepEqual(await again.check(denied.secret, 'plugind.plugins.demo.x.delete'), { ok: false, reason: 'forbidden' }, 'a deny ACL wins');
});

test('a tokens.json written by an older plugind is replaced by a new admin token', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'plugind-tokens-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(dir, 'tokens.json'), JSON.stringify([{ id: 'x', hash: 'ab', acl: ['#'], expiresAt: null, createdAt: '2026-01-01' }]));
  writeFileSync(join(dir, 'admin-token'), 'old-secret\n');
  const store = new PlugindTokens(dir);
  const path = store.ensureAdminToken();
  const admin = readFileSync(path, 'utf8').trim();
  assert.notEqual(admin, 'old-secret');
  assert.ok((await store.check(admin, 'plugind.status.read')).ok);
});
