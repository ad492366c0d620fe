/**
 * Proves the last-resort path of the test PostgreSQL helper: a throwaway cluster started from
 * the installed binaries (forced here, whatever server the machine runs), which the rest of the
 * suite only uses when no server answers. It runs in a child process so that the clean-up at
 * exit can be checked too.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const helper = fileURLToPath(new URL('../../test/support/postgres.ts', import.meta.url));
const store = fileURLToPath(new URL('./index.ts', import.meta.url));

const child = `
  const { getTestPostgres } = await import(${JSON.stringify(helper)});
  const { openStore } = await import(${JSON.stringify(store)});
  const pg = await getTestPostgres();
  const store = await openStore({ url: pg.url, schema: pg.schema });
  await store.devices.insert({ id: 'd', mac: '00:11:22:33:44:55' });
  const found = await store.devices.find({ mac: '00:11:22:33:44:55' });
  await store.close();
  await pg.cleanup();
  console.log(JSON.stringify({ url: pg.url, found }));
`;

const clusters = () => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('dialtone-pg-')));

test('a throwaway PostgreSQL cluster starts, serves a store, and is removed at exit', async () => {
  const before = clusters();
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child], {
    encoding: 'utf8',
    env: { ...process.env, DIALTONE_TEST_PG: 'throwaway', DATABASE_URL: '' },
    timeout: 90_000,
  });
  assert.equal(r.status, 0, r.stderr);
  const { url, found } = JSON.parse(r.stdout.trim().split('\n').pop()!);
  assert.deepEqual(found, [{ id: 'd', mac: '00:11:22:33:44:55' }]);
  assert.notEqual(new URL(url).port, '5432', 'a cluster of its own, on a free port');
  assert.deepEqual([...clusters()].filter((d) => !before.has(d)), [], 'its temp folder is gone');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  await assert.rejects(client.connect(), 'the server is stopped');
});
