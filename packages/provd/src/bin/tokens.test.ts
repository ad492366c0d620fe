import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startEphemeralProvd } from '../testing/index.js';

const bin = new URL('./provd.ts', import.meta.url).pathname;

/** One GET on a fresh connection: the CLI runs take long enough for a kept-alive socket to be closed under us. */
function statusOf(url: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false, headers: { 'x-auth-token': token } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

test('provd tokens create / list / revoke work on a running provd\'s database', async (t) => {
  const running = await startEphemeralProvd();
  t.after(() => running.close());
  const run = (...args: string[]) => execFileSync(bin, [...args, '--data-dir', running.dataDir], { encoding: 'utf8' });
  const created = JSON.parse(run('tokens', 'create', '--acl', 'provd.status.read', '--expires', '1h', '--label', 'probe', '--json')) as { token: string; id: string; expires_at: string };
  assert.match(created.token, /^dt_/);
  assert.ok(Date.parse(created.expires_at) > Date.now() + 3500_000);
  assert.equal(await statusOf(`${running.rest}/0.2/status`, created.token), 200, 'a token the CLI created works at once');
  assert.equal(await statusOf(`${running.rest}/0.2/dev_mgr/devices`, created.token), 403);
  const list = JSON.parse(run('tokens', 'list', '--json')) as { id: string; label: string }[];
  assert.deepEqual(list.map((x) => x.label).sort(), ['admin (first start)', 'probe']);
  assert.ok(!run('tokens', 'list').includes(created.token), 'list never shows a secret');
  run('tokens', 'revoke', created.id);
  assert.equal(await statusOf(`${running.rest}/0.2/status`, created.token), 401);
  const missing = spawnSync(bin, ['tokens', 'revoke', created.id, '--data-dir', running.dataDir], { encoding: 'utf8' });
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /no token with id/);
});

test('provd tokens create refuses a bad ACL or expiry with a clear message', () => {
  const dir = mkdtempSync(join(tmpdir(), 'provd-tokens-'));
  try {
    for (const [args, message] of [
      [['--acl', 'provd..x', '--tenant', 't1'], /invalid ACL "provd..x"/],
      [['--acl', 'provd.#', '--tenant', 't1', '--expires', 'soon'], /expiry/],
    ] as const) {
      const r = spawnSync(bin, ['tokens', 'create', ...args, '--data-dir', dir], { encoding: 'utf8' });
      assert.equal(r.status, 1);
      assert.match(r.stderr, message);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
