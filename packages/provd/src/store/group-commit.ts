/**
 * Serialized write transactions, committed in groups. Writers run one at a time, in call order,
 * as before; but while one runs, those queued behind it join the same database transaction,
 * each in its own savepoint, and one COMMIT ends the group. A commit is most of what a small
 * write costs (SQLite: one WAL frame per dirty page; PostgreSQL: a round trip and a flush), so
 * under concurrent load the cost is shared. A group ends when no writer is queued, after
 * waiting one event-loop turn for more: writers arrive from other requests' callbacks, and a
 * SQLite transaction runs within one turn, so without that wait no group would ever form (the
 * turn costs microseconds when nothing else is going on).
 *
 * Every caller still sees its own transaction: a writer that throws is rolled back to its
 * savepoint alone, and a writer's promise settles only once its group is committed (or, if the
 * commit fails, rejects with that error), so nothing is ever reported done that is not durable.
 */
import { performance } from 'node:perf_hooks';
import { errors } from '../errors.js';
import type { SqlRunner } from './sql.js';

/** One database transaction, opened by the backend for a group. */
export interface WriteSession {
  readonly runner: SqlRunner;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** Gives the connection back; `broken` when it may be unusable (a failed rollback). */
  end(broken?: unknown): void;
}

export interface GroupLimits {
  /** Writers in one group at most. */
  maxWriters: number;
  /** A group stops taking writers after this long, so the first ones are not kept waiting. */
  maxMs: number;
}

const DEFAULT_LIMITS: GroupLimits = { maxWriters: 64, maxMs: 10 };

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Writer {
  fn: (runner: SqlRunner) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

interface Done {
  writer: Writer;
  value: unknown;
}

export class GroupCommit {
  private readonly queue: Writer[] = [];
  private draining: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly open: () => Promise<WriteSession>,
    private readonly limits: GroupLimits = DEFAULT_LIMITS,
  ) {}

  run<T>(fn: (runner: SqlRunner) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(errors.store('the store is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      this.draining ??= this.drain();
    });
  }

  /** Lets the writers already queued finish, then refuses new ones. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) await this.group();
    } finally {
      this.draining = null;
    }
  }

  private async group(): Promise<void> {
    let session: WriteSession;
    try {
      session = await this.open();
    } catch (err) {
      // whatever kept this group from starting (a lock held too long, a lost server) would fail the queued writers too
      for (const writer of this.queue.splice(0)) writer.reject(err);
      return;
    }
    const done: Done[] = [];
    const started = performance.now();
    let waited = false;
    try {
      while (done.length < this.limits.maxWriters && performance.now() - started < this.limits.maxMs) {
        if (!this.queue.length) {
          if (waited) break;
          await nextTurn();
          waited = true;
          continue;
        }
        waited = false;
        const writer = this.queue.shift()!;
        // the first writer needs no savepoint: if it fails, the whole transaction is its own
        if (done.length === 0) {
          if (!(await this.runAlone(session, writer, done))) return;
        } else {
          await this.runInSavepoint(session, writer, done);
        }
      }
      await session.commit();
    } catch (err) {
      await this.abandon(session, err, done);
      return;
    }
    session.end();
    for (const { writer, value } of done) writer.resolve(value);
  }

  /** Runs the group's first writer; false when it failed (the transaction is then rolled back and ended). */
  private async runAlone(session: WriteSession, writer: Writer, done: Done[]): Promise<boolean> {
    try {
      done.push({ writer, value: await writer.fn(session.runner) });
      return true;
    } catch (err) {
      writer.reject(err);
      await this.abandon(session, err, done);
      return false;
    }
  }

  private async runInSavepoint(session: WriteSession, writer: Writer, done: Done[]): Promise<void> {
    const { runner } = session;
    await runner.run('SAVEPOINT dt_writer');
    try {
      const value = await writer.fn(runner);
      await runner.run('RELEASE SAVEPOINT dt_writer');
      done.push({ writer, value });
    } catch (err) {
      writer.reject(err);
      // if this fails too (the engine dropped the whole transaction), the group fails with it
      await runner.run('ROLLBACK TO SAVEPOINT dt_writer');
      await runner.run('RELEASE SAVEPOINT dt_writer');
    }
  }

  /** Rolls the group back: writers that had succeeded in it fail with `err`, since nothing of theirs was committed. */
  private async abandon(session: WriteSession, err: unknown, done: Done[]): Promise<void> {
    let broken: unknown;
    try {
      await session.rollback();
    } catch (rollbackError) {
      broken = rollbackError;
    }
    session.end(broken);
    for (const { writer } of done) writer.reject(err);
  }
}
