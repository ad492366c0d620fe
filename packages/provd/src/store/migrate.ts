/**
 * Versioned schema migrations: an ordered list of numbered steps per dialect, each applied in
 * its own write transaction and recorded in `schema_migrations`. Several processes may open the
 * same database at once: each step re-checks, under the write lock, whether it is still pending.
 */
import { errors } from '../errors.js';
import type { SqlRunner } from './sql.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

export type WriteTransaction = <T>(fn: (runner: SqlRunner) => Promise<T>) => Promise<T>;

export interface MigrateOptions {
  /** Statements run first, in the first transaction (PostgreSQL: CREATE SCHEMA). */
  prepare?: readonly string[];
  /** Reads outside a transaction: an up-to-date database then opens without taking the write lock. */
  reader?: SqlRunner;
}

export async function migrate(migrations: readonly Migration[], transaction: WriteTransaction, options: MigrateOptions = {}): Promise<number[]> {
  const newest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (options.reader && (await currentVersion(options.reader)) === newest) return [];
  await transaction(async (runner) => {
    for (const sql of options.prepare ?? []) await runner.run(sql);
    await runner.run(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const rows = await runner.all('SELECT max(version) AS v FROM schema_migrations');
    const current = Number(rows[0]?.v ?? 0);
    if (current > newest) {
      throw errors.store(`the database schema is at version ${current}, newer than this provd knows (${newest}); upgrade provd`);
    }
  });
  const applied: number[] = [];
  for (const step of [...migrations].sort((a, b) => a.version - b.version)) {
    await transaction(async (runner) => {
      const done = await runner.all('SELECT 1 AS x FROM schema_migrations WHERE version = ?', [step.version]);
      if (done.length) return;
      for (const sql of step.statements) await runner.run(sql);
      await runner.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        step.version,
        step.name,
        new Date().toISOString(),
      ]);
      applied.push(step.version);
    });
  }
  return applied;
}

async function currentVersion(reader: SqlRunner): Promise<number | null> {
  try {
    const rows = await reader.all('SELECT max(version) AS v FROM schema_migrations');
    return Number(rows[0]?.v ?? 0);
  } catch {
    return null; // no table (or no schema) yet
  }
}
