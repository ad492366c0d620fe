// Python's bool(), len() and iter() over template values.
import { typeError } from '../errors.js';
import { dictKeys, dictSize, isDictLike, PyDict } from './dict.js';
import { Markup } from './markup.js';
import { pyTypeName } from './types.js';
import { Undefined } from './undefined.js';
import { PyDictView, PyFloat, PyIter, PyRange, hasOwn, isPlainObject } from './values.js';

export const PY_LEN: unique symbol = Symbol('jinja.len');
export const PY_BOOL: unique symbol = Symbol('jinja.bool');

const SURROGATE = /[\ud800-\udfff]/;

/** Python bool(x). */
export function truthy(x: unknown): boolean {
  switch (typeof x) {
    case 'boolean':
      return x;
    case 'string':
      return x.length > 0;
    case 'number':
      return x !== 0;
    case 'undefined':
      return false;
    case 'bigint':
      return x !== 0n;
    case 'object':
      if (x === null) return false;
      if (Array.isArray(x)) return x.length > 0;
      if (x instanceof Undefined) return x.toBool();
      if (x instanceof PyFloat) return x.value !== 0;
      if (x instanceof Markup) return x.s.length > 0;
      if (x instanceof Map) return x.size > 0;
      if (x instanceof PyRange) return x.length > 0;
      if (x instanceof PyDictView) return x.items.length > 0;
      if (x instanceof PyDict) return x.size > 0;
      if (isPlainObject(x)) {
        for (const k in x) if (hasOwn(x, k)) return true;
        return false;
      }
      {
        const b = (x as Record<symbol, unknown>)[PY_BOOL];
        if (typeof b === 'function') return (b as () => boolean).call(x);
        const l = (x as Record<symbol, unknown>)[PY_LEN];
        if (typeof l === 'function') return (l as () => number).call(x) > 0;
      }
      return true;
    default:
      return true;
  }
}

/** Number of code points (Python len of a str). */
export function strLen(s: string): number {
  if (!SURROGATE.test(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Code points of a string (Python iteration / indexing unit). */
export function codePoints(s: string): string[] {
  return SURROGATE.test(s) ? Array.from(s) : s.split('');
}

export function hasSurrogates(s: string): boolean {
  return SURROGATE.test(s);
}

/** Python len(x). */
export function pyLen(x: unknown): number {
  if (typeof x === 'string') return strLen(x);
  if (Array.isArray(x)) return x.length;
  if (x instanceof Undefined) return x.len();
  if (x instanceof Markup) return strLen(x.s);
  if (isDictLike(x)) return dictSize(x);
  if (x instanceof PyRange) return x.length;
  if (x instanceof PyDictView) return x.items.length;
  if (typeof x === 'object' && x !== null) {
    const l = (x as Record<symbol, unknown>)[PY_LEN];
    if (typeof l === 'function') return (l as () => number).call(x);
  }
  throw typeError(`object of type '${pyTypeName(x)}' has no len()`);
}

/** Whether len() works on x. */
export function hasLen(x: unknown): boolean {
  if (typeof x === 'string' || Array.isArray(x) || x instanceof Undefined || x instanceof Markup) return true;
  if (isDictLike(x) || x instanceof PyRange || x instanceof PyDictView) return true;
  return typeof x === 'object' && x !== null && typeof (x as Record<symbol, unknown>)[PY_LEN] === 'function';
}

/** Python iter(x): an array for sized values, the live iterator for one-shot iterators. */
export function iterate(x: unknown): Iterable<unknown> {
  if (Array.isArray(x)) return x;
  if (typeof x === 'string') return codePoints(x);
  if (x instanceof PyIter) return x;
  if (x instanceof Undefined) return x.toIter();
  if (isDictLike(x)) return dictKeys(x);
  if (x instanceof Markup) return codePoints(x.s);
  if (x instanceof PyRange) return x.toArray();
  if (x instanceof PyDictView) return x.items;
  throw typeError(`'${pyTypeName(x)}' object is not iterable`);
}

/** Whether iter() works on x. */
export function isIterable(x: unknown): boolean {
  return (
    Array.isArray(x) ||
    typeof x === 'string' ||
    x instanceof PyIter ||
    x instanceof Undefined ||
    isDictLike(x) ||
    x instanceof Markup ||
    x instanceof PyRange ||
    x instanceof PyDictView
  );
}

/** list(x) */
export function toList(x: unknown): unknown[] {
  if (Array.isArray(x)) return x.slice();
  const it = iterate(x);
  return Array.isArray(it) ? it.slice() : Array.from(it);
}

/** Like toList but may return x itself when it is already an array (read-only use). */
export function asArray(x: unknown): unknown[] {
  if (Array.isArray(x)) return x;
  const it = iterate(x);
  return Array.isArray(it) ? it : Array.from(it);
}
