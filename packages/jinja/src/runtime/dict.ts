// Python dicts. Three shapes are accepted as dicts: plain objects (string keys, the usual JSON
// data), Map, and PyDict (any hashable key, Python equality: 1 == 1.0 == True, tuple keys).
import { typeError } from '../errors.js';
import { isPlainObject, isTuple, MISSING, PyFloat, hasOwn } from './values.js';
import { Markup } from './markup.js';
import { Undefined } from './undefined.js';

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
      if (k instanceof Undefined) return k.hashKey();
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
  /** hash key → value, in insertion order. */
  private readonly map = new Map<unknown, unknown>();
  /** hash key → original key, only for keys that are not their own hash (ints as 1.0, tuples…). */
  private originals: Map<unknown, unknown> | null = null;

  static from(entries: Iterable<[unknown, unknown]>): PyDict {
    const d = new PyDict();
    for (const [k, v] of entries) d.set(k, v);
    return d;
  }

  get size(): number {
    return this.map.size;
  }
  get(k: unknown): unknown {
    const v = this.map.get(typeof k === 'string' ? k : hashKey(k));
    return v === undefined && !this.map.has(typeof k === 'string' ? k : hashKey(k)) ? MISSING : v;
  }
  has(k: unknown): boolean {
    return this.map.has(typeof k === 'string' ? k : hashKey(k));
  }
  set(k: unknown, v: unknown): void {
    const h = typeof k === 'string' ? k : hashKey(k);
    // Python keeps the first key object and its position
    if (!this.map.has(h) && h !== k) (this.originals ??= new Map()).set(h, k);
    this.map.set(h, v);
  }
  delete(k: unknown): boolean {
    const h = typeof k === 'string' ? k : hashKey(k);
    this.originals?.delete(h);
    return this.map.delete(h);
  }
  clear(): void {
    this.map.clear();
    this.originals = null;
  }
  private original(h: unknown): unknown {
    return this.originals !== null && this.originals.has(h) ? this.originals.get(h) : h;
  }
  keys(): unknown[] {
    const out: unknown[] = [];
    for (const h of this.map.keys()) out.push(this.original(h));
    return out;
  }
  values(): unknown[] {
    return [...this.map.values()];
  }
  entries(): [unknown, unknown][] {
    const out: [unknown, unknown][] = [];
    for (const [h, v] of this.map) out.push([this.original(h), v]);
    return out;
  }
}

// Plain objects list integer-like keys ("9", "10") first whatever their insertion order. When a
// template inserts such a key into a plain object, the Python order is kept beside it, under a
// non-enumerable symbol, and read by every iteration below (valid while it still names exactly
// the object's own keys; JavaScript code changing the object afterwards falls back to its order).
const ORDER: unique symbol = Symbol('jinja.keyOrder');
const INTEGER_LIKE = /^(?:0|[1-9][0-9]*)$/;

/** A plain object's own keys in Python's order: the kept order when it still names exactly its keys. */
export function plainKeys(o: object): string[] {
  const order = (o as { [ORDER]?: string[] })[ORDER];
  const keys = Object.keys(o);
  if (order === undefined || order.length !== keys.length) return keys;
  for (const k of order) if (!hasOwn(o, k)) return keys;
  return order.slice(); // callers may reorder what they get
}

/**
 * Gives a plain object Python's key order (`keys` lists its own keys in insertion order), kept
 * beside it for templates; JavaScript code keeps reading and writing the object as usual.
 */
export function setKeyOrder(o: Record<string, unknown>, keys: string[]): void {
  Object.defineProperty(o, ORDER, { value: keys, writable: true, enumerable: false, configurable: true });
}

function plainInsert(o: Record<string, unknown>, key: string, v: unknown): void {
  const order = (o as { [ORDER]?: string[] })[ORDER];
  if (!hasOwn(o, key) && (order !== undefined || (INTEGER_LIKE.test(key) && key.length < 16))) {
    const next = [...plainKeys(o), key];
    Object.defineProperty(o, ORDER, { value: next, writable: true, enumerable: false, configurable: true });
  }
  Object.defineProperty(o, key, { value: v, writable: true, enumerable: true, configurable: true });
}

function plainRemove(o: Record<string, unknown>, key: string): void {
  const order = (o as { [ORDER]?: string[] })[ORDER];
  if (order !== undefined) {
    const kept = plainKeys(o).filter((k) => k !== key);
    Object.defineProperty(o, ORDER, { value: kept, writable: true, enumerable: false, configurable: true });
  }
  delete o[key];
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
  return plainKeys(d as object);
}

export function dictValues(d: unknown): unknown[] {
  if (d instanceof PyDict) return d.values();
  if (d instanceof Map) return [...d.values()];
  const o = d as Record<string, unknown>;
  return plainKeys(o).map((k) => o[k]);
}

/** (key, value) pairs as plain 2-arrays (callers turn them into tuples when exposed). */
export function dictEntries(d: unknown): [unknown, unknown][] {
  if (d instanceof PyDict) return d.entries();
  if (d instanceof Map) return [...d.entries()];
  const o = d as Record<string, unknown>;
  return plainKeys(o).map((k) => [k, o[k]]);
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
    plainInsert(o, typeof k === 'string' ? k : k.s, v);
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
  plainRemove(o, key);
  return true;
}

/** A new PyDict copy of any dict shape. */
export function dictCopy(d: unknown): PyDict {
  return PyDict.from(dictEntries(d));
}

