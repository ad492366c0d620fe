import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenStore } from './tokens.js';

test('admin token written 0600 once, survives a restart, ACLs and expiry checked', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'plugind-tokens-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const store = new TokenStore(dir);
  const path = store.ensureAdminToken();
  assert.equal(statSync(path).mode & 0o777, 0o600);
  const admin = readFileSync(path, 'utf8').trim();
  assert.ok(store.check(admin, 'plugind.plugins.demo.x.delete').ok);
  assert.ok(!readFileSync(join(dir, 'tokens.json'), 'utf8').includes(admin), 'only hashes are stored');

  const again = new TokenStore(dir);
  again.ensureAdminToken();
  assert.equal(readFileSync(path, 'utf8').trim(), admin, 'not replaced on restart');
  assert.ok(again.check(admin, 'plugind.status.read').ok);

  const { secret, token } = again.create(['plugind.plugins.read']);
  assert.deepEqual(again.check(secret, 'plugind.plugins.create'), { ok: false, reason: 'forbidden' });
  assert.ok(again.check(secret, 'plugind.plugins.read').ok);
  assert.deepEqual(again.check('nope', 'plugind.plugins.read'), { ok: false, reason: 'unknown' });
  assert.deepEqual(again.check(undefined, 'plugind.plugins.read'), { ok: false, reason: 'missing' });
  assert.ok(again.revoke(token.id));
  assert.deepEqual(again.check(secret, 'plugind.plugins.read'), { ok: false, reason: 'unknown' });

  const expired = again.create(['#'], -1);
  assert.deepEqual(again.check(expired.secret, 'plugind.plugins.read'), { ok: false, reason: 'expired' });
});
