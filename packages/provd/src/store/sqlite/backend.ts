/**
 * SQLite engine (better-sqlite3, WAL). Two connections: one for writes, serialized and committed
 * in groups (group-commit.ts) so a transaction's callback may await, and one read-only for reads
 * outside transactions, which WAL lets see the last committed state while a write transaction is open.
 * `:memory:` becomes a private temporary file (deleted at close), so it behaves the same.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { errors, isProvdError } from '../../errors.js';
import { BoundedCache } from '../backend.js';
import type { Backend } from '../backend.js';
import { migrate } from '../migrate.js';
import { GroupCommit, type WriteSession } from '../group-commit.js';
import { sqliteDialect } from '../sql.js';
import type { Row, SqlRunner } from '../sql.js';
import { Checkpointer } from './checkpointer.js';
import { sqliteMigrations } from './migrations.js';

/** How long a writer waits for another process's write transaction before giving up. */
const LOCK_WAIT_MS = 30_000;

class SqliteRunner implements SqlRunner {
  private readonly statements = new BoundedCache<Database.Statement>();
  constructor(private readonly db: Database.Database) {}

  private statement(sql: string): Database.Statement {
    return this.statements.get(sql, () => this.db.prepare(sql));
  }

  async all(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    try {
      return this.statement(sql).all(...params) as Row[];
    } catch (err) {
      throw wrap(err);
    }
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    try {
      return this.statement(sql).run(...params).changes;
    } catch (err) {
      throw wrap(err);
    }
  }
}

function wrap(err: unknown): Error {
  if (isProvdError(err)) return err;
  return errors.store(`sqlite: ${(err as Error).message}`, { cause: err });
}

export async function openSqliteBackend(path: string): Promise<Backend> {
  let file = path;
  let tempDir: string | null = null;
  if (path === ':memory:') {
    tempDir = mkdtempSync(join(tmpdir(), 'dialtone-store-'));
    file = join(tempDir, 'store.db');
  } else {
    mkdirSync(dirname(resolve(path)), { recursive: true });
  }
  let writer: Database.Database | undefined;
  let reader: Database.Database | undefined;
  let checkpointer: Checkpointer | undefined;
  try {
    writer = new Database(file);
    writer.pragma('busy_timeout = 5000');
    writer.pragma('journal_mode = WAL');
    writer.pragma('synchronous = NORMAL');
    // group commit puts each writer in a savepoint, whose undo pages go to the temp store
    writer.pragma('temp_store = MEMORY');
    // the writer waits for other processes asynchronously (see begin), never blocking the loop
    writer.pragma('busy_timeout = 0');
    // checkpoints run on a worker thread (checkpointer.ts), not inside a COMMIT
    writer.pragma('wal_autocheckpoint = 0');
    checkpointer = new Checkpointer(file);
    const backend = new SqliteBackend(writer, tempDir, checkpointer);
    await migrate(sqliteMigrations, (fn) => backend.withWriteTransaction(fn), { reader: backend.reader });
    reader = new Database(file);
    reader.pragma('busy_timeout = 5000');
    reader.pragma('query_only = ON');
    // each commit by the writer empties this connection's page cache; mapped pages come back without a read() each
    reader.pragma('mmap_size = 268435456');
    backend.attachReader(reader);
    return backend;
  } catch (err) {
    await checkpointer?.close();
    reader?.close();
    writer?.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    if (isProvdError(err)) throw err;
    throw errors.store(`cannot open the SQLite database ${file}: ${(err as Error).message}`, { cause: err });
  }
}

class SqliteBackend implements Backend {
  readonly kind = 'sqlite' as const;
  readonly dialect = sqliteDialect;
  private readonly writers: GroupCommit;
  private readonly writeRunner: SqliteRunner;
  private readRunner: SqliteRunner;
  private readerDb: Database.Database | null = null;
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private closed = false;

  constructor(
    private readonly writer: Database.Database,
    private readonly tempDir: string | null,
    private readonly checkpointer: Checkpointer,
  ) {
    this.writeRunner = new SqliteRunner(writer);
    this.readRunner = this.writeRunner;
    this.begin = writer.prepare('BEGIN IMMEDIATE');
    this.commit = writer.prepare('COMMIT');
    this.writers = new GroupCommit(() => this.openSession());
  }

  get reader(): SqlRunner {
    return this.readRunner;
  }

  attachReader(db: Database.Database): void {
    this.readerDb = db;
    this.readRunner = new SqliteRunner(db);
  }

  withWriteTransaction<T>(fn: (runner: SqlRunner) => Promise<T>): Promise<T> {
    return this.writers.run(fn);
  }

  private async openSession(): Promise<WriteSession> {
    if (this.closed) throw errors.store('the store is closed');
    await this.beginImmediate();
    return {
      runner: this.writeRunner,
      commit: async () => {
        try {
          this.commit.run();
        } catch (err) {
          throw wrap(err);
        }
        this.checkpointer.committed();
      },
      rollback: async () => {
        if (this.writer.inTransaction) this.writer.exec('ROLLBACK');
      },
      end: () => {},
    };
  }

  /** BEGIN IMMEDIATE takes the database write lock; another process may hold it for a while. */
  private async beginImmediate(): Promise<void> {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (let delay = 1; ; delay = Math.min(delay * 2, 50)) {
      try {
        this.begin.run();
        return;
      } catch (err) {
        const busy = (err as { code?: string }).code === 'SQLITE_BUSY';
        if (!busy) throw wrap(err);
        if (Date.now() > deadline) throw errors.store(`sqlite: the database stayed locked by another writer for ${LOCK_WAIT_MS} ms`, { cause: err });
        await sleep(delay);
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // let queued transactions finish, then refuse new ones
    await this.writers.close();
    this.closed = true;
    await this.checkpointer.close();
    this.readerDb?.close();
    this.writer.close();
    if (this.tempDir) rmSync(this.tempDir, { recursive: true, force: true });
  }
}
