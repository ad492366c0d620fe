// Methods of Python list, tuple, dict and numbers reachable from templates.
import { PythonError, valueError } from '../errors.js';
import { builtin, callValue, type Builtin } from './callable.js';
import {
  dictCopy,
  dictDelete,
  dictEntries,
  dictGet,
  dictKeys,
  dictSet,
  dictSize,
  dictValues,
  isDictLike,
  PyDict,
} from './dict.js';
import { eq } from './operators.js';
import { iterate, toList } from './protocol.js';
import { optInt, sliceBounds } from './pystr.js';
import { pyRepr } from './repr.js';
import { pySorted } from './sort.js';
import { truthy } from './protocol.js';
import { Undefined } from './undefined.js';
import { MISSING, PyDictView, PyFloat, tuple, type Kwargs } from './values.js';

function indexOf(self: unknown[], x: unknown, start: unknown, end: unknown, what: string): number {
  const [a, b] = sliceBounds(self.length, start, end);
  for (let i = a; i < b; i++) if (eq(self[i], x)) return i;
  throw valueError(what === 'list' ? `${pyRepr(x)} is not in list` : 'tuple.index(x): x not in tuple');
}

function countOf(self: unknown[], x: unknown): number {
  let n = 0;
  for (const y of self) if (eq(y, x)) n++;
  return n;
}

export const TUPLE_METHODS: Record<string, Builtin> = {
  count: builtin(['value'], (self: unknown[], x: unknown) => countOf(self, x)),
  index: builtin(['value', 'start?', 'stop?'], (self: unknown[], x: unknown, a: unknown, b: unknown) => indexOf(self, x, a, b, 'tuple')),
};

export const LIST_METHODS: Record<string, Builtin> = {
  append: builtin(['object'], (self: unknown[], x: unknown) => {
    self.push(x);
    return null;
  }),
  clear: builtin([], (self: unknown[]) => {
    self.length = 0;
    return null;
  }),
  copy: builtin([], (self: unknown[]) => self.slice()),
  count: TUPLE_METHODS.count,
  extend: builtin(['iterable'], (self: unknown[], it: unknown) => {
    for (const x of toList(it)) self.push(x);
    return null;
  }),
  index: builtin(['value', 'start?', 'stop?'], (self: unknown[], x: unknown, a: unknown, b: unknown) => indexOf(self, x, a, b, 'list')),
  insert: builtin(['index', 'object'], (self: unknown[], i: unknown, x: unknown) => {
    let at = optInt(i, 0);
    if (at < 0) at = Math.max(0, at + self.length);
    self.splice(Math.min(at, self.length), 0, x);
    return null;
  }),
  pop: builtin(['index?'], (self: unknown[], i: unknown) => {
    if (!self.length) throw new PythonError('IndexError', 'pop from empty list');
    let at = optInt(i, -1);
    if (at < 0) at += self.length;
    if (at < 0 || at >= self.length) throw new PythonError('IndexError', 'pop index out of range');
    return self.splice(at, 1)[0];
  }),
  remove: builtin(['value'], (self: unknown[], x: unknown) => {
    const i = self.findIndex((y) => eq(y, x));
    if (i < 0) throw valueError('list.remove(x): x not in list');
    self.splice(i, 1);
    return null;
  }),
  reverse: builtin([], (self: unknown[]) => {
    self.reverse();
    return null;
  }),
  sort: builtin(['key?', 'reverse?'], (self: unknown[], key: unknown, reverse: unknown) => {
    const keyFn = key == null ? null : (x: unknown) => callValue(key, [x], null, null);
    const sorted = pySorted(self, keyFn, truthy(reverse));
    for (let i = 0; i < sorted.length; i++) self[i] = sorted[i];
    return null;
  }),
};

export function itemsView(d: unknown): PyDictView {
  const entries = dictEntries(d);
  for (let i = 0; i < entries.length; i++) tuple(entries[i]);
  return new PyDictView('dict_items', entries);
}

function update(self: unknown, other: unknown, kwargs: Kwargs): null {
  if (other !== undefined) {
    if (other instanceof Undefined) other.fail(); // dict.update looks for other.keys first
    if (isDictLike(other)) for (const [k, v] of dictEntries(other)) dictSet(self, k, v);
    else {
      for (const pair of iterate(other)) {
        const kv = toList(pair);
        if (kv.length !== 2) throw valueError(`dictionary update sequence element has length ${kv.length}; 2 is required`);
        dictSet(self, kv[0], kv[1]);
      }
    }
  }
  for (const k of dictKeys(kwargs) as string[]) dictSet(self, k, kwargs[k]);
  return null;
}

export const DICT_METHODS: Record<string, Builtin> = {
  clear: builtin([], (self: unknown) => {
    if (self instanceof PyDict || self instanceof Map) self.clear();
    else for (const k of dictKeys(self)) dictDelete(self, k);
    return null;
  }),
  copy: builtin([], (self: unknown) => dictCopy(self)),
  fromkeys: builtin(['iterable', 'value?'], (_self: unknown, it: unknown, v: unknown) => {
    const d = new PyDict();
    for (const k of iterate(it)) d.set(k, v === undefined ? null : v);
    return d;
  }),
  get: builtin(['key', 'default?'], (self: unknown, k: unknown, dflt: unknown) => {
    const v = dictGet(self, k);
    return v === MISSING ? (dflt === undefined ? null : dflt) : v;
  }),
  items: builtin([], (self: unknown) => itemsView(self)),
  keys: builtin([], (self: unknown) => new PyDictView('dict_keys', dictKeys(self))),
  values: builtin([], (self: unknown) => new PyDictView('dict_values', dictValues(self))),
  pop: builtin(['key', 'default?'], (self: unknown, k: unknown, dflt: unknown) => {
    const v = dictGet(self, k);
    if (v === MISSING) {
      if (dflt === undefined) throw new PythonError('KeyError', pyRepr(k));
      return dflt;
    }
    dictDelete(self, k);
    return v;
  }),
  popitem: builtin([], (self: unknown) => {
    if (!dictSize(self)) throw new PythonError('KeyError', "'popitem(): dictionary is empty'");
    const entries = dictEntries(self);
    const [k, v] = entries[entries.length - 1];
    dictDelete(self, k);
    return tuple([k, v]);
  }),
  setdefault: builtin(['key', 'default?'], (self: unknown, k: unknown, dflt: unknown) => {
    const v = dictGet(self, k);
    if (v !== MISSING) return v;
    const value = dflt === undefined ? null : dflt;
    dictSet(self, k, value);
    return value;
  }),
  update: builtin(['other?', '**kwargs'], (self: unknown, other: unknown, kwargs: Kwargs) => update(self, other, kwargs)),
};

const intRatio = (self: unknown): unknown[] => tuple([self, 1]);

export const INT_ATTRIBUTES: Record<string, (self: unknown) => unknown> = {
  real: (self) => (typeof self === 'boolean' ? (self ? 1 : 0) : self),
  imag: () => 0,
  numerator: (self) => (typeof self === 'boolean' ? (self ? 1 : 0) : self),
  denominator: () => 1,
};

export const INT_METHODS: Record<string, Builtin> = {
  conjugate: builtin([], (self: unknown) => (typeof self === 'boolean' ? (self ? 1 : 0) : self)),
  bit_length: builtin([], (self: unknown) => {
    const n = typeof self === 'bigint' ? self : BigInt(typeof self === 'boolean' ? (self ? 1 : 0) : (self as number));
    return (n < 0n ? -n : n).toString(2).replace(/^0$/, '').length;
  }),
  as_integer_ratio: builtin([], intRatio),
};

export const FLOAT_ATTRIBUTES: Record<string, (self: number) => unknown> = {
  real: (self) => (Number.isInteger(self) ? new PyFloat(self) : self),
  imag: () => new PyFloat(0),
};

export const FLOAT_METHODS: Record<string, Builtin> = {
  is_integer: builtin([], (self: number) => Number.isInteger(self)),
  conjugate: builtin([], (self: number) => (Number.isInteger(self) ? new PyFloat(self) : self)),
};
