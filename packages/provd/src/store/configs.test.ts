import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { getTestPostgres } from '../../test/support/postgres.js';
import { ancestorsSql } from './configs.js';
import { openStore, type Store } from './index.js';
import { postgresDialect, sqliteDialect } from './sql.js';

// Enough configs that a scan of the table costs more than a lookup per ancestor, for both planners.
const CONFIGS = 3000;

async function seed(store: Store): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.configs.insert({ id: 'base', parent_ids: [], raw_config: {} });
    await tx.configs.insert({ id: 'mid', parent_ids: ['base'], raw_config: {} });
    for (let i = 0; i < CONFIGS; i++) await tx.configs.insert({ id: `c${i}`, parent_ids: ['mid', 'gone'], raw_config: {} });
  });
  assert.deepEqual((await store.configs.ancestors('c7')).map((d) => d.id), ['base', 'c7', 'mid']);
}

test('sqlite: loading ancestors looks each config up by key, never scans the table', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dialtone-ancestors-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'provd.db');
  const store = await openStore({ url: `sqlite:${file}` });
  await seed(store);
  await store.close();
  const db = new Database(file, { readonly: true });
  try {
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${ancestorsSql(sqliteDialect)}`).all('c7') as { detail: string }[];
    const details = plan.map((row) => row.detail);
    assert.ok(details.some((d) => /SEARCH c USING .*\(id=\?\)/.test(d)), details.join('\n'));
    assert.ok(!details.some((d) => /^SCAN (c|configs)\b/.test(d)), `a scan of configs:\n${details.join('\n')}`);
  } finally {
    db.close();
  }
});

test('postgres: loading ancestors looks each config up by key, never scans the table', async () => {
  const target = await getTestPostgres();
  after(() => target.cleanup());
  const store = await openStore({ url: target.url, schema: target.schema });
  await seed(store);
  await store.close();
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    await client.query(`SET search_path TO "${target.schema}"`);
    await client.query('ANALYZE configs; ANALYZE config_parents');
    let n = 0;
    const sql = ancestorsSql(postgresDialect).replace(/\?/g, () => `$${++n}`);
    const plan = (await client.query(`EXPLAIN ${sql}`, ['c7'])).rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
    assert.match(plan, /Index (Only )?Scan using \S+ on configs c/);
    assert.doesNotMatch(plan, /Seq Scan on configs/);
  } finally {
    await client.end();
  }
});
