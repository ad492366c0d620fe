/**
 * PostgreSQL engine (`pg` pool). A write transaction takes a pooled client, BEGIN, then
 * `pg_advisory_xact_lock`, so writers on every node sharing the database (and schema) run one at a
 * time. Within this process, writers queue first and are committed in groups (group-commit.ts),
 * so waiting writers never hold pool clients that reads (possibly made from inside a
 * transaction's callback) need.
 */
import pg from 'pg';
import { errors, isProvdError } from '../../errors.js';
import { BoundedCache } from '../backend.js';
import type { Backend } from '../backend.js';
import { migrate } from '../migrate.js';
import { GroupCommit, type WriteSession } from '../group-commit.js';
import { postgresDialect } from '../sql.js';
import type { Row, SqlRunner } from '../sql.js';
import { listenForChanges, type ListenerHandlers } from './listener.js';
import { postgresMigrations } from './migrations.js';

/** First half of the advisory lock key: "DT" + 1; the second half is a hash of the schema. */
const LOCK_CLASS = 0x44540001;

const schemaName = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** `?` placeholders become `$1…$n`; SQL is converted once and prepared under a stable name. */
const converted = new BoundedCache<{ text: string; name: string }>();
let statementCount = 0;

function prepare(sql: string): { text: string; name: string } {
  return converted.get(sql, () => {
    let n = 0;
    return { text: sql.replace(/\?/g, () => `$${++n}`), name: `dt_${++statementCount}` };
  });
}

class PgRunner implements SqlRunner {
  constructor(private readonly target: pg.Pool | pg.PoolClient) {}

  private async query(sql: string, params: readonly unknown[]): Promise<pg.QueryResult> {
    const { text, name } = prepare(sql);
    try {
      return await this.target.query({ text, name, values: params as unknown[] });
    } catch (err) {
      throw wrap(err);
    }
  }

  async all(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return (await this.query(sql, params)).rows as Row[];
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return (await this.query(sql, params)).rowCount ?? 0;
  }
}

function wrap(err: unknown): Error {
  if (isProvdError(err)) return err;
  return errors.store(`postgres: ${(err as Error).message}`, { cause: err });
}

function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}

/**
 * `applicationName` shows in `pg_stat_activity` (one name per node: operators, and tests cutting
 * a node's connections, find its backends by it).
 */
export async function openPostgresBackend(url: string, schema?: string, applicationName = 'dialtone-provd'): Promise<Backend> {
  if (schema !== undefined && !schemaName.test(schema)) {
    throw errors.store(`schema ${JSON.stringify(schema)} must be a plain identifier (letters, digits, _)`);
  }
  const clientConfig: pg.ClientConfig = {
    connectionString: url,
    application_name: applicationName,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
    types: jsonAsText,
  };
  const pool = new pg.Pool({ ...clientConfig, max: 10 });
  // an idle client losing its server must not crash the process; the next query reports it
  pool.on('error', () => {});
  const backend = new PostgresBackend(pool, hash32(schema ?? 'public'), clientConfig);
  try {
    const prepareSchema = schema ? [`CREATE SCHEMA IF NOT EXISTS "${schema}"`] : [];
    await migrate(postgresMigrations, (fn) => backend.withWriteTransaction(fn), { prepare: prepareSchema, reader: backend.reader });
    return backend;
  } catch (err) {
    await pool.end().catch(() => {});
    const where = describeUrl(url);
    if (isProvdError(err)) throw errors.store(`cannot open the PostgreSQL database ${where}: ${err.message}`, { cause: err });
    throw errors.store(`cannot open the PostgreSQL database ${where}: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * `json` columns come back as their text: documents are parsed by the dialect, which keeps the
 * key order of objects with integer-like keys (JSON.parse, pg's default, would reorder them).
 */
const JSON_OID = 114;
const jsonAsText: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => (oid === JSON_OID ? (text: string) => text : pg.types.getTypeParser(oid, format as 'text'))) as pg.CustomTypesConfig['getTypeParser'],
};

/** The URL without its password, for messages. */
function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

class PostgresBackend implements Backend {
  readonly kind = 'postgres' as const;
  readonly dialect = postgresDialect;
  readonly reader: SqlRunner;
  private readonly writers = new GroupCommit(() => this.openSession());
  private closed = false;
  readonly crossNode: Backend['crossNode'];

  constructor(
    private readonly pool: pg.Pool,
    private readonly lockKey: number,
    clientConfig: pg.ClientConfig,
  ) {
    this.reader = new PgRunner(pool);
    // one channel per schema (the lock key is its hash): stores in other schemas never hear it
    const channel = `dt_changes_${(lockKey >>> 0).toString(16)}`;
    this.crossNode = { channel, listen: (handlers: ListenerHandlers) => listenForChanges(clientConfig, channel, handlers) };
  }

  withWriteTransaction<T>(fn: (runner: SqlRunner) => Promise<T>): Promise<T> {
    return this.writers.run(fn);
  }

  private async openSession(): Promise<WriteSession> {
    if (this.closed) throw errors.store('the store is closed');
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw wrap(err);
    }
    try {
      // one round trip: BEGIN and the lock travel together (both numbers are ours, not input)
      await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${LOCK_CLASS}, ${this.lockKey})`);
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
      throw wrap(err);
    }
    const runner = new PgRunner(client);
    return {
      runner,
      commit: async () => {
        await runner.run('COMMIT');
      },
      rollback: async () => {
        await client.query('ROLLBACK');
      },
      // a client whose rollback failed may be mid-transaction: drop it rather than reuse it
      end: (broken) => client.release(broken !== undefined),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.writers.close();
    this.closed = true;
    await this.pool.end();
  }
}
