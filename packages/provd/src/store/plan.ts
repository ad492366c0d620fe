/**
 * Splits compiled conditions into a SQL WHERE clause over indexed columns and a residual that
 * is checked in JS. A condition goes to SQL only when the SQL answer is exactly the JS answer,
 * so a query with no residual can also count, sort by id and page in SQL.
 */
import type { Condition } from './selector.js';
import type { Dialect } from './sql.js';
import { isIndexableString } from './tables.js';
import type { IndexedColumn, TableSpec } from './tables.js';

export interface WherePlan {
  /** `WHERE …` or an empty string. */
  where: string;
  params: unknown[];
  residual: Condition[];
}

export function planWhere(spec: TableSpec, conditions: readonly Condition[], dialect: Dialect): WherePlan {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const residual: Condition[] = [];
  for (const c of conditions) {
    const column = c.path.length === 1 ? columnFor(spec, c.path[0]) : undefined;
    const sql = column ? translate(c, column, dialect, params) : null;
    if (sql) clauses.push(sql);
    else residual.push(c);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params, residual };
}

const idColumn: IndexedColumn = { name: 'id', kind: 'text' };

export function columnFor(spec: TableSpec, key: string): IndexedColumn | undefined {
  return key === 'id' ? idColumn : spec.columns.find((c) => c.name === key);
}

function translate(c: Condition, column: IndexedColumn, dialect: Dialect, params: unknown[]): string | null {
  const col = column.name;
  if (column.kind === 'flag') {
    if (c.op !== 'eq' || typeof c.value !== 'boolean') return null;
    params.push(c.value ? 1 : 0);
    return `${col} = ?`;
  }
  switch (c.op) {
    case 'eq':
      if (!isIndexableString(c.value)) return null;
      params.push(c.value);
      return `${col} = ?`;
    case 'ne':
      if (!isIndexableString(c.value)) return null;
      params.push(c.value);
      return `(${col} IS NULL OR ${col} <> ?)`;
    case 'in':
      if (!c.values.every(isIndexableString)) return null;
      params.push(dialect.listParam(c.values as string[]));
      return dialect.inList(col, false);
    case 'nin':
      if (!c.values.every(isIndexableString)) return null;
      params.push(dialect.listParam(c.values as string[]));
      return `(${col} IS NULL OR ${dialect.inList(col, true)})`;
    default:
      return null;
  }
}
