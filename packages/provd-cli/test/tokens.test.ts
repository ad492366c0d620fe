import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli, startProvd } from './support.js';

const MEDIA = 'application/vnd.proformatique.provd+json';

test('tokens create / list / revoke over REST: the new token works at once, is listed without its secret, and stops working once revoked', async (t) => {
  const { provd, token } = await startProvd(t);
  const base = ['--url', provd.rest, '--token', token];
  const status = (tok: string) => fetch(`${provd.rest}/0.2/status`, { headers: { accept: MEDIA, 'x-auth-token': tok } }).then((r) => r.status);

  const created = await cli([...base, 'tokens', 'create', '--acl', 'provd.status.read', 'provd.dev_mgr.#', '--expires', '1h', '--label', 'monitoring', '--json']);
  assert.equal(created.code, 0, created.stderr);
  const record = JSON.parse(created.stdout) as { id: string; token: string; acl: string[]; label: string; expires_at: string | null };
  assert.match(record.token, /^dt_/);
  assert.deepEqual(record.acl, ['provd.status.read', 'provd.dev_mgr.#']);
  assert.ok(record.expires_at && Date.parse(record.expires_at) > Date.now());
  assert.equal(await status(record.token), 200, 'the new token works');
  assert.equal((await fetch(`${provd.rest}/0.2/configure`, { headers: { accept: MEDIA, 'x-auth-token': record.token } })).status, 403, 'and only for its ACLs');

  const plain = await cli([...base, 'tokens', 'create', '--acl', 'provd.status.read']);
  assert.equal(plain.code, 0, plain.stderr);
  assert.match(plain.stdout, /^dt_\S+\n$/, 'without --json: the secret alone, for scripts');

  const list = await cli([...base, 'tokens', 'list', '--json']);
  assert.equal(list.code, 0, list.stderr);
  const tokens = JSON.parse(list.stdout) as Array<Record<string, unknown>>;
  assert.ok(tokens.some((x) => x.id === record.id && x.label === 'monitoring'));
  assert.ok(tokens.every((x) => !('token' in x) && !('hash' in x)), 'no secret, no hash');
  const table = await cli([...base, 'tokens', 'list']);
  assert.match(table.stdout, new RegExp(`^${record.id}\\s+\\S+\\s+\\S+\\s+provd\\.status\\.read,provd\\.dev_mgr\\.#\\s+monitoring$`, 'm'));

  const revoked = await cli([...base, 'tokens', 'revoke', record.id]);
  assert.equal(revoked.code, 0, revoked.stderr);
  assert.equal(await status(record.token), 401, 'revoked at once');
  const again = await cli([...base, 'tokens', 'revoke', record.id]);
  assert.equal(again.code, 1, 'an unknown id: provd refuses');
  assert.match(again.stderr, /404|no token/);
});

test('tokens: only the administrator manages them, and nobody hands out more than their own token grants', async (t) => {
  const { provd, token } = await startProvd(t);
  const admin = ['--url', provd.rest, '--token', token];
  // a token allowed to create tokens but holding only device ACLs
  const limited = JSON.parse((await cli([...admin, 'tokens', 'create', '--acl', 'provd.tokens.create', 'provd.dev_mgr.#', '--json'])).stdout) as { token: string };
  const asLimited = ['--url', provd.rest, '--token', limited.token];
  const escalate = await cli([...asLimited, 'tokens', 'create', '--acl', 'provd.#']);
  assert.equal(escalate.code, 1);
  assert.match(escalate.stderr, /403|may not grant/);
  const narrower = await cli([...asLimited, 'tokens', 'create', '--acl', 'provd.dev_mgr.devices.read']);
  assert.equal(narrower.code, 0, narrower.stderr);
  // a token without provd.tokens.* cannot list or revoke
  const reader = JSON.parse((await cli([...admin, 'tokens', 'create', '--acl', 'provd.status.read', '--json'])).stdout) as { id: string; token: string };
  const list = await cli(['--url', provd.rest, '--token', reader.token, 'tokens', 'list']);
  assert.equal(list.code, 1);
  assert.match(list.stderr, /403/);
  const badAcl = await cli([...admin, 'tokens', 'create', '--acl', 'not an acl']);
  assert.equal(badAcl.code, 1);
  assert.match(badAcl.stderr, /400|invalid ACL/);
});
