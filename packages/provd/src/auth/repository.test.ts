import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { TokenStore } from '@dialtone/auth';
import { openStore } from '../store/index.js';
import { storeTokenRepository } from './repository.js';

test('found tokens are cached: a revocation heard on the feed applies at once, one by another process within cacheMs', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dialtone-tokens-'));
  const url = `sqlite:${join(dir, 'provd.db')}`;
  const [server, cli] = [await openStore({ url }), await openStore({ url })];
  t.after(async () => {
    await server.close();
    await cli.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const tokens = new TokenStore(storeTokenRepository(server, { cacheMs: 300 }));
  const other = new TokenStore(storeTokenRepository(cli));

  const a = await tokens.create({ acl: ['provd.#'], tenant_uuid: 't' });
  assert.ok(await tokens.lookup(a.token));
  await tokens.revoke(a.record.id);
  assert.equal(await tokens.lookup(a.token), null, 'revoked through this store: at once (change feed)');

  const b = await other.create({ acl: ['provd.#'], tenant_uuid: 't' });
  assert.ok(await tokens.lookup(b.token), 'a token another process creates works at once (unknown tokens are not cached)');
  await other.revoke(b.record.id);
  assert.ok(await tokens.lookup(b.token), 'still trusted right after another process revoked it');
  await sleep(350);
  assert.equal(await tokens.lookup(b.token), null, 'no longer once cacheMs has passed');
});
