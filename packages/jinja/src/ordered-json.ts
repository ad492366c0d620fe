// JSON data that keeps Python's key order through a JavaScript program. Plain objects list
// integer-like keys ("2", "10") first whatever their insertion order; the engine keeps the order
// beside such an object (setKeyOrder) and iterates by it. These helpers let a host read, copy,
// merge and write JSON documents without losing that order: values are exactly JSON.parse's.
import { plainKeys, setKeyOrder } from './runtime/dict.js';
import { hasOwn, isPlainObject } from './runtime/values.js';
import { parseKeyOrderedJson } from './python-json.js';

const INTEGER_LIKE_KEY = /"(?:0|[1-9][0-9]*)"\s*:/;

/**
 * JSON.parse, except that objects with integer-like keys keep the text's key order for templates
 * (and for `stringifyOrderedJson`, `cloneOrdered`, `orderedKeys`). Text without such a key takes
 * JSON.parse itself, so the common case costs one regular-expression scan more.
 */
export function parseOrderedJson(text: string): unknown {
  return INTEGER_LIKE_KEY.test(text) ? parseKeyOrderedJson(text) : JSON.parse(text);
}

/** A plain object's own enumerable keys in Python's order (insertion order when it was kept). */
export function orderedKeys(o: Record<string, unknown>): string[] {
  return plainKeys(o);
}

/** Whether the object carries a kept key order (only objects with integer-like keys need one). */
function keepsOrder(o: Record<string, unknown>, keys: string[]): boolean {
  const natural = Object.keys(o);
  for (let i = 0; i < keys.length; i++) if (keys[i] !== natural[i]) return true;
  return false;
}

/** A deep copy of JSON data (plain objects, arrays, scalars) keeping every object's key order. */
export function cloneOrdered<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneOrdered) as T;
  if (!isPlainObject(value)) return value;
  const keys = plainKeys(value);
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const copy = cloneOrdered(value[k]);
    // never through the `__proto__` setter (a document may hold that key)
    if (k === '__proto__') Object.defineProperty(out, k, { value: copy, writable: true, enumerable: true, configurable: true });
    else out[k] = copy;
  }
  if (keepsOrder(value, keys)) setKeyOrder(out, keys);
  return out as T;
}

/**
 * Sets `key` on a plain object as Python's `d[key] = value` would: an existing key keeps its place,
 * a new one goes last (also when it looks like an integer).
 */
export function setOrdered(o: Record<string, unknown>, key: string, value: unknown): void {
  if (!hasOwn(o, key)) {
    const keys = plainKeys(o);
    keys.push(key);
    Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
    if (keepsOrder(o, keys)) setKeyOrder(o, keys);
    return;
  }
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
}

/** JSON.stringify (no indentation) writing objects in their kept key order. */
export function stringifyOrderedJson(value: unknown): string {
  return write(value) ?? 'null';
}

function write(value: unknown): string | undefined {
  if (Array.isArray(value)) return `[${value.map((v) => write(v) ?? 'null').join(',')}]`;
  if (isPlainObject(value)) {
    const parts: string[] = [];
    for (const k of plainKeys(value)) {
      const v = write(value[k]);
      if (v !== undefined) parts.push(`${JSON.stringify(k)}:${v}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) as string | undefined;
}
