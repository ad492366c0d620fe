/**
 * Dotted paths into documents, as in the reference's selectors: `a.b` walks into objects and
 * fans out through arrays met on the way; the value found at the end is taken whole (an array
 * there is one value, not one per item).
 */
import { errors } from '../errors.js';
import { hasOwn, isPlainObject } from './json.js';

export type Path = readonly string[];

export function parsePath(key: unknown, what: string): Path {
  if (typeof key !== 'string' || key.length === 0) throw errors.badRequest(`${what}: a key must be a non-empty string`);
  const segments = key.split('.');
  if (segments.some((s) => s.length === 0)) throw errors.badRequest(`${what}: "${key}" has an empty path segment`);
  return segments;
}

/** Every value at `path` in `doc` (none when the path is missing). */
export function valuesAt(doc: unknown, path: Path): unknown[] {
  const out: unknown[] = [];
  collect(doc, path, 0, out);
  return out;
}

function collect(value: unknown, path: Path, i: number, out: unknown[]): void {
  if (i === path.length) {
    out.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, path, i, out);
  } else if (isPlainObject(value) && hasOwn(value, path[i])) {
    collect(value[path[i]], path, i + 1, out);
  }
}

/** The first value at `path`, or undefined: what sorting looks at. */
export function firstValueAt(doc: unknown, path: Path): unknown {
  if (path.length === 1 && isPlainObject(doc)) return hasOwn(doc, path[0]) ? doc[path[0]] : undefined;
  const values = valuesAt(doc, path);
  return values.length > 0 ? values[0] : undefined;
}
