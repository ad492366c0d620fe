/**
 * The two document tables and their indexed columns. A `text` column holds the top-level value
 * of the same key when it is a string the database can index faithfully (well-formed, no NUL,
 * at most 1024 UTF-8 bytes), else NULL; a `flag` column holds 1/0 for true/false, else NULL.
 * A row whose indexed key holds anything else (a number, a list, an over-long string…) is marked
 * `irregular`, which tells the planner that SQL ordering on that column would not be exact.
 */
import { isWellFormed } from './json.js';
import type { Doc } from './types.js';

export interface IndexedColumn {
  readonly name: string;
  readonly kind: 'text' | 'flag';
}

export interface TableSpec {
  readonly table: 'devices' | 'configs';
  /** Used in messages: "device", "config". */
  readonly noun: string;
  readonly columns: readonly IndexedColumn[];
  /** Keeps `config_parents` in step with `parent_ids`. */
  readonly hasParents: boolean;
}

const text = (name: string): IndexedColumn => ({ name, kind: 'text' });

export const devicesTable: TableSpec = {
  table: 'devices',
  noun: 'device',
  columns: ['mac', 'ip', 'sn', 'uuid', 'tenant_uuid', 'plugin', 'config'].map(text),
  hasParents: false,
};

export const configsTable: TableSpec = {
  table: 'configs',
  noun: 'config',
  columns: [text('role'), { name: 'transient', kind: 'flag' }],
  hasParents: true,
};

const MAX_INDEXED_BYTES = 1024;

export function isIndexableString(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    !value.includes('\u0000') &&
    (value.length <= MAX_INDEXED_BYTES / 3 || Buffer.byteLength(value) <= MAX_INDEXED_BYTES) &&
    isWellFormed(value)
  );
}

export interface ColumnValues {
  values: (string | number | null)[];
  irregular: boolean;
}

export function columnValues(spec: TableSpec, doc: Doc): ColumnValues {
  let irregular = false;
  const values = spec.columns.map((column) => {
    const value = (doc as Record<string, unknown>)[column.name];
    if (value === undefined || value === null) return null;
    if (column.kind === 'flag') {
      if (typeof value === 'boolean') return value ? 1 : 0;
    } else if (isIndexableString(value)) {
      return value;
    }
    irregular = true;
    return null;
  });
  return { values, irregular };
}

/** The string parent ids of a config, in order (anything else in `parent_ids` is not linked). */
export function parentIds(doc: Doc): string[] {
  const ids = (doc as Record<string, unknown>).parent_ids;
  return Array.isArray(ids) ? ids.filter(isIndexableString) : [];
}
