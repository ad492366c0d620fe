/** What the shared collection code needs from a backend: a way to run SQL, and its dialect. */
import { parseOrderedJson } from '@dialtone/jinja';
import type { Doc, JsonValue } from './types.js';

export type Row = Record<string, unknown>;

/** Runs SQL written with `?` placeholders on one connection (or a pool, for reads). */
export interface SqlRunner {
  all(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a statement that returns no rows; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

export interface Dialect {
  readonly kind: 'sqlite' | 'postgres';
  /** `column` is (or with `negate`, is not) one of the strings given as a single parameter. */
  inList(column: string, negate: boolean): string;
  listParam(values: string[]): unknown;
  /** A text parameter usable where its collation matters (recursive CTEs on id columns). */
  readonly textParam: string;
  /** The `doc` column as read from the driver. */
  parseDoc(raw: unknown): Doc;
  parseJson(raw: unknown): JsonValue;
}

export const sqliteDialect: Dialect = {
  kind: 'sqlite',
  inList: (column, negate) => `${column} ${negate ? 'NOT IN' : 'IN'} (SELECT value FROM json_each(?))`,
  listParam: (values) => JSON.stringify(values),
  textParam: '?',
  parseDoc: (raw) => parseOrderedJson(raw as string) as Doc,
  parseJson: (raw) => JSON.parse(raw as string) as JsonValue,
};

export const postgresDialect: Dialect = {
  kind: 'postgres',
  inList: (column, negate) => (negate ? `${column} <> ALL(?)` : `${column} = ANY(?)`),
  listParam: (values) => values,
  textParam: 'CAST(? AS TEXT) COLLATE "C"',
  // the pool hands `json` columns over as text (see postgres/backend.ts), so documents keep their key order
  parseDoc: (raw) => parseOrderedJson(raw as string) as Doc,
  parseJson: (raw) => JSON.parse(raw as string) as JsonValue,
};
