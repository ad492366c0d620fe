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

/**
 * `exactRanges`: the table has no irregular row, so a text column holds every value of its key
 * that is a string: a range on it (`$gt $ge $lt $le` with a string) is then exactly the JS
 * comparison (code-point order is the byte order of the UTF-8 the column holds; numbers and other
 * types never compare with a string).
 */
export interface PlanOptions {
  exactRanges?: boolean;
  /**
   * Columns whose `$in` conditions must not choose the index (SQLite: `+col`): the tenant
   * condition of a paged query. Without statistics SQLite takes an equality on an index for selective, and would
   * read and sort every device of a tenant holding 100,000 of them to return 51; walking the
   * ORDER BY index and checking the tenant on each row stops at the page.
   */
  noIndex?: readonly string[];
}

export function planWhere(spec: TableSpec, conditions: readonly Condition[], dialect: Dialect, options: PlanOptions = {}): WherePlan {
  const exactRanges = options.exactRanges ?? false;
  const clauses: string[] = [];
  const params: unknown[] = [];
  const residual: Condition[] = [];
  for (const c of conditions) {
    const column = c.path.length === 1 ? columnFor(spec, c.path[0]) : undefined;
    // (an `$in`, as the REST tenant condition is; an equality someone wrote keeps its index)
    const hint = column && c.op === 'in' && dialect.kind === 'sqlite' && options.noIndex?.includes(column.name) ? '+' : '';
    const sql = column ? translate(c, { ...column, name: `${hint}${column.name}` }, dialect, params, exactRanges) : null;
    if (sql) clauses.push(sql);
    else residual.push(c);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params, residual };
}

const idColumn: IndexedColumn = { name: 'id', kind: 'text' };

export function columnFor(spec: TableSpec, key: string): IndexedColumn | undefined {
  return key === 'id' ? idColumn : spec.columns.find((c) => c.name === key);
}

const RANGE_SQL = { gt: '>', ge: '>=', lt: '<', le: '<=' } as const;

function translate(c: Condition, column: IndexedColumn, dialect: Dialect, params: unknown[], exactRanges: boolean): string | null {
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
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le':
      if (!exactRanges || !isIndexableString(c.value)) return null;
      params.push(c.value);
      return `${col} ${RANGE_SQL[c.op]} ${dialect.textParam}`;
    default:
      return null;
  }
}
