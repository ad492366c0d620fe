// Python dicts. Three shapes are accepted as dicts: plain objects (string keys, the usual JSON
// data), Map, and PyDict (any hashable key, Python equality: 1 == 1.0 == True, tuple keys).
import { typeError } from '../errors.js';
import { isPlainObject, isTuple, MISSING, PyFloat, hasOwn } from './values.js';
import { Markup } from './markup.js';

const NONE_KEY = Symbol('None');

/** The key under which a Python value is stored: equal Python values map to equal keys. */
export function hashKey(k: unknown): unknown {
  switch (typeof k) {
    case 'string':
      return k;
    case 'number':
      return k === 0 ? 0 : k; // -0 and 0 are the same key
    case 'boolean':
      return k ? 1 : 0;
    case 'bigint':
      return k >= -9007199254740991n && k <= 9007199254740991n ? Number(k) : k;
    case 'undefined':
      return NONE_KEY;
    case 'object':
      if (k === null) return NONE_KEY;
      if (k instanceof PyFloat) return k.value === 0 ? 0 : k.value;
      if (k instanceof Markup) return k.s;
      if (Array.isArray(k)) {
        if (!isTuple(k)) throw typeError("unhashable type: 'list'");
        return '\u0000T(' + k.map((x) => tupleKeyPart(hashKey(x))).join(',') + ')';
      }
      if (isDictLike(k)) throw typeError("unhashable type: 'dict'");
      return k;
    default:
      return k;
  }
}

function tupleKeyPart(k: unknown): string {
  if (typeof k === 'string') return JSON.stringify(k);
  if (typeof k === 'number') return 'n' + String(k);
  if (typeof k === 'bigint') return 'n' + String(k);
  if (k === NONE_KEY) return 'None';
  if (typeof k === 'object' && k !== null) return 'o' + objectId(k);
  return String(k);
}

const ids = new WeakMap<object, number>();
let nextId = 1;
function objectId(o: object): number {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = nextId++));
  return id;
}

/** An insertion-ordered Python dict with Python key equality. */
export class PyDict {
  private readonly map = new Map<unknown, [unknown, unknown]>();

  static from(entries: Iterable<[unknown, unknown]>): PyDict {
    const d = new PyDict();
    for (const [k, v] of entries) d.set(k, v);
    return d;
  }

  get size(): number {
    return this.map.size;
  }
  get(k: unknown): unknown {
    const e = this.map.get(hashKey(k));
    return e === undefined ? MISSING : e[1];
  }
  has(k: unknown): boolean {
    return this.map.has(hashKey(k));
  }
  set(k: unknown, v: unknown): void {
    const h = hashKey(k);
    const e = this.map.get(h);
    if (e) e[1] = v; // Python keeps the first key object and its position
    else this.map.set(h, [k, v]);
  }
  delete(k: unknown): boolean {
    return this.map.delete(hashKey(k));
  }
  clear(): void {
    this.map.clear();
  }
  keys(): unknown[] {
    const out: unknown[] = [];
    for (const e of this.map.values()) out.push(e[0]);
    return out;
  }
  values(): unknown[] {
    const out: unknown[] = [];
    for (const e of this.map.values()) out.push(e[1]);
    return out;
  }
  entries(): [unknown, unknown][] {
    const out: [unknown, unknown][] = [];
    for (const e of this.map.values()) out.push([e[0], e[1]]);
    return out;
  }
}

export function isDictLike(x: unknown): boolean {
  return x instanceof PyDict || x instanceof Map || isPlainObject(x);
}

export function dictSize(d: unknown): number {
  if (d instanceof PyDict || d instanceof Map) return d.size;
  return Object.keys(d as object).length;
}

export function dictKeys(d: unknown): unknown[] {
  if (d instanceof PyDict) return d.keys();
  if (d instanceof Map) return [...d.keys()];
  return Object.keys(d as object);
}

export function dictValues(d: unknown): unknown[] {
  if (d instanceof PyDict) return d.values();
  if (d instanceof Map) return [...d.values()];
  const o = d as Record<string, unknown>;
  return Object.keys(o).map((k) => o[k]);
}

/** (key, value) pairs as plain 2-arrays (callers turn them into tuples when exposed). */
export function dictEntries(d: unknown): [unknown, unknown][] {
  if (d instanceof PyDict) return d.entries();
  if (d instanceof Map) return [...d.entries()];
  const o = d as Record<string, unknown>;
  return Object.keys(o).map((k) => [k, o[k]]);
}

/** Looks a key up with Python equality; MISSING when absent. */
export function dictGet(d: unknown, k: unknown): unknown {
  if (d instanceof PyDict) return d.get(k);
  if (d instanceof Map) {
    if (d.has(k)) return d.get(k);
    const h = hashKey(k);
    for (const [key, value] of d) if (hashKey(key) === h) return value;
    return MISSING;
  }
  const o = d as Record<string, unknown>;
  let key: string;
  if (typeof k === 'string') key = k;
  else if (k instanceof Markup) key = k.s;
  else {
    hashKey(k); // raises for unhashable keys, as Python would
    return MISSING;
  }
  if (!hasOwn(o, key)) return MISSING;
  const v = o[key];
  return v === undefined ? MISSING : v;
}

export function dictHas(d: unknown, k: unknown): boolean {
  return dictGet(d, k) !== MISSING;
}

export function dictSet(d: unknown, k: unknown, v: unknown): void {
  if (d instanceof PyDict) return d.set(k, v);
  if (d instanceof Map) {
    const h = hashKey(k);
    for (const key of d.keys()) {
      if (hashKey(key) === h) {
        d.set(key, v);
        return;
      }
    }
    d.set(k, v);
    return;
  }
  const o = d as Record<string, unknown>;
  if (typeof k === 'string' || k instanceof Markup) {
    const key = typeof k === 'string' ? k : k.s;
    Object.defineProperty(o, key, { value: v, writable: true, enumerable: true, configurable: true });
    return;
  }
  throw typeError('this dict only accepts string keys; use PyDict for other key types');
}

export function dictDelete(d: unknown, k: unknown): boolean {
  if (d instanceof PyDict) return d.delete(k);
  if (d instanceof Map) {
    const h = hashKey(k);
    for (const key of d.keys()) if (hashKey(key) === h) return d.delete(key);
    return false;
  }
  const o = d as Record<string, unknown>;
  const key = typeof k === 'string' ? k : k instanceof Markup ? k.s : null;
  if (key === null || !hasOwn(o, key)) return false;
  delete o[key];
  return true;
}

/** A new PyDict copy of any dict shape. */
export function dictCopy(d: unknown): PyDict {
  return PyDict.from(dictEntries(d));
}

