/**
 * Sort order of `find`. Unlike the reference, which compares everything as strings, values
 * are ordered by type first (missing/null < booleans < numbers < strings < arrays < objects),
 * numbers numerically, strings by code point; ties are broken by id, ascending, so paging is
 * deterministic. DESC reverses the value order but keeps the id tie-break ascending.
 */
import type { Doc, SortOrder } from './types.js';
import { canonicalJson, compareCodePoints, isPlainObject } from './json.js';
import { firstValueAt } from './path.js';
import type { Path } from './path.js';

function rank(value: unknown): number {
  if (value === undefined || value === null) return 0;
  switch (typeof value) {
    case 'boolean':
      return 1;
    case 'number':
      return 2;
    case 'string':
      return 3;
    default:
      return Array.isArray(value) ? 4 : isPlainObject(value) ? 5 : 6;
  }
}

export function compareScalars(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  return compareCodePoints(String(a), String(b));
}

export function compareSortValues(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 0:
      return 0;
    case 1:
      return a === b ? 0 : a ? 1 : -1;
    case 2:
    case 3:
      return compareScalars(a as number | string, b as number | string);
    default:
      return compareCodePoints(canonicalJson(a), canonicalJson(b));
  }
}

export function compareIds(a: Doc, b: Doc): number {
  return compareCodePoints(a.id, b.id);
}

/** Sorts documents in place by the value at `path`. */
export function sortDocs(docs: Doc[], path: Path, order: SortOrder): Doc[] {
  const sign = order === 'DESC' ? -1 : 1;
  const keyed = docs.map((doc) => ({ doc, key: firstValueAt(doc, path) }));
  keyed.sort((x, y) => sign * compareSortValues(x.key, y.key) || compareIds(x.doc, y.doc));
  for (let i = 0; i < keyed.length; i++) docs[i] = keyed[i].doc;
  return docs;
}
