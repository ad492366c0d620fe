import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { isProvdError } from '../errors.js';
import { openStore, parseStoreUrl } from './index.js';

const storeError = (pattern: RegExp) => (err: unknown) => isProvdError(err, 'DT_ERR_STORE') && pattern.test((err as Error).message);

function promiseHooksAfterATransaction(mode: 'on' | 'off' | 'default', env: NodeJS.ProcessEnv): boolean {
  const probe = new URL('../../test/fixtures/store-nesting-probe.ts', import.meta.url);
  const out = execFileSync(process.execPath, ['--import', 'tsx', probe.pathname, mode], { env: { ...process.env, ...env }, encoding: 'utf8' });
  return (JSON.parse(out) as { promiseHooks: boolean }).promiseHooks;
}

describe('openStore', () => {
  it('checks nesting unless told not to or NODE_ENV is production; without the check, no async hooks run', () => {
    assert.equal(promiseHooksAfterATransaction('on', { NODE_ENV: 'production' }), true);
    assert.equal(promiseHooksAfterATransaction('default', { NODE_ENV: 'test' }), true);
    assert.equal(promiseHooksAfterATransaction('default', { NODE_ENV: 'production' }), false);
    assert.equal(promiseHooksAfterATransaction('off', { NODE_ENV: 'test' }), false);
  });

  it('reads the database url', () => {
    assert.deepEqual(parseStoreUrl('postgres://u:p@h/db'), { kind: 'postgres', url: 'postgres://u:p@h/db' });
    assert.deepEqual(parseStoreUrl('postgresql://h/db'), { kind: 'postgres', url: 'postgresql://h/db' });
    assert.deepEqual(parseStoreUrl('sqlite:/var/lib/provd.db'), { kind: 'sqlite', path: '/var/lib/provd.db' });
    assert.deepEqual(parseStoreUrl('sqlite:///var/lib/provd.db'), { kind: 'sqlite', path: '/var/lib/provd.db' });
    assert.deepEqual(parseStoreUrl('sqlite:data/provd.db'), { kind: 'sqlite', path: 'data/provd.db' });
    assert.deepEqual(parseStoreUrl('./provd.db'), { kind: 'sqlite', path: './provd.db' });
    assert.deepEqual(parseStoreUrl(':memory:'), { kind: 'sqlite', path: ':memory:' });
    assert.throws(() => parseStoreUrl('mysql://h/db'), storeError(/unsupported scheme "mysql"/));
    assert.throws(() => parseStoreUrl(''), storeError(/non-empty/));
    assert.throws(() => parseStoreUrl('sqlite:'), storeError(/no file path/));
  });

  it('creates the SQLite file (and its folder), in WAL mode, with the schema recorded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dialtone-open-'));
    try {
      const file = join(dir, 'nested', 'provd.db');
      const store = await openStore({ url: file });
      await store.devices.insert({ id: 'a' });
      await store.close();
      const db = new Database(file, { readonly: true });
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.deepEqual(db.prepare('SELECT version, name FROM schema_migrations').all(), [
        { version: 1, name: 'documents' },
        { version: 2, name: 'change feed' },
      ]);
      // the insert published one change record, kept in the changes table
      assert.deepEqual(
        db.prepare('SELECT seq, record FROM changes').all(),
        [{ seq: 1, record: JSON.stringify({ changes: [{ collection: 'devices', kind: 'insert', ids: ['a'] }] }) }],
      );
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a database whose schema is newer than it knows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dialtone-open-'));
    try {
      const file = join(dir, 'provd.db');
      await (await openStore({ url: file })).close();
      const db = new Database(file);
      db.prepare("INSERT INTO schema_migrations VALUES (99, 'future', 'x')").run();
      db.close();
      await assert.rejects(openStore({ url: file }), storeError(/version 99, newer/));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it(':memory: is private to the store and leaves no file after close', async () => {
    const before = readdirSync(tmpdir()).filter((n) => n.startsWith('dialtone-store-')).length;
    const a = await openStore({ url: ':memory:' });
    const b = await openStore({ url: ':memory:' });
    await a.devices.insert({ id: 'only-in-a' });
    assert.equal(await b.devices.get('only-in-a'), null);
    await a.close();
    await b.close();
    assert.equal(readdirSync(tmpdir()).filter((n) => n.startsWith('dialtone-store-')).length, before);
  });

  it('reports an unreachable PostgreSQL as a store error, without the password', async () => {
    await assert.rejects(
      openStore({ url: 'postgres://someone:s3cret@127.0.0.1:1/db' }),
      (err: unknown) => storeError(/cannot open the PostgreSQL database postgres:\/\/someone@127\.0\.0\.1:1\/db/)(err) && !(err as Error).message.includes('s3cret'),
    );
    await assert.rejects(openStore({ url: 'postgres://127.0.0.1:1/db', schema: 'bad;schema' }), storeError(/plain identifier/));
  });

  it('refuses an unknown id generator', async () => {
    await assert.rejects(openStore({ url: ':memory:', idGenerator: 'serial' as never }), storeError(/idGenerator/));
    assert.equal(existsSync(':memory:'), false);
  });
});
