// Attribute and item lookup (`x.y`, `x[y]`, `x[a:b]`) with Jinja's rules, and the safety
// boundary: templates only ever see own data properties of plain data plus the Python methods
// implemented here, never JavaScript prototypes, constructors or functions of their own.
import { typeError, valueError } from '../errors.js';
import { BoundMethod, callMethodBuiltin, callValue, type Builtin, type PassTargets } from './callable.js';
import { dictGet, isDictLike } from './dict.js';
import { Markup } from './markup.js';
import {
  DICT_METHODS,
  FLOAT_ATTRIBUTES,
  FLOAT_METHODS,
  INT_ATTRIBUTES,
  INT_METHODS,
  LIST_METHODS,
  TUPLE_METHODS,
} from './methods-collections.js';
import { callMarkupMethod, MARKUP_ONLY_METHODS, setFormatLookup, STR_METHODS } from './methods-str.js';
import { groupField } from './named-tuple.js';
import { codePoints, hasSurrogates } from './protocol.js';
import { pyTypeName } from './types.js';
import { Undefined, type UndefinedClass } from './undefined.js';
import { hasOwn, isTuple, MISSING, PY_GETATTR, PY_GETITEM, PY_TYPE, PyFloat, PyRange, tuple, type Kwargs } from './values.js';

const DICT_METHOD_NAMES = new Set(Object.keys(DICT_METHODS));
const OBJECT_PROTO_NAMES = new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__']);

function toMap<T>(table: Record<string, T>): Map<string, T> {
  return new Map(Object.entries(table));
}

// Method tables as Maps: own entries only, never Object.prototype members.
const STR = toMap(STR_METHODS);
const MARKUP_ONLY = toMap(MARKUP_ONLY_METHODS);
const LIST = toMap(LIST_METHODS);
const TUPLE = toMap(TUPLE_METHODS);
const DICT = toMap(DICT_METHODS);
const INT_ATTRS = toMap(INT_ATTRIBUTES);
const INT = toMap(INT_METHODS);
const FLOAT_ATTRS = toMap(FLOAT_ATTRIBUTES);
const FLOAT = toMap(FLOAT_METHODS);

function markupMethod(self: Markup, name: string): BoundMethod | typeof MISSING {
  const only = MARKUP_ONLY.get(name);
  if (only) return new BoundMethod(self, name, wrapSelf(only, self.s));
  const impl = STR.get(name);
  if (!impl) return MISSING;
  const wrapped = ((_self: unknown, ...bound: unknown[]) => callMarkupMethod(self, name, impl, bound)) as Builtin;
  wrapped.jinjaParams = impl.jinjaParams;
  return new BoundMethod(self, name, wrapped);
}

function wrapSelf(impl: Builtin, self: unknown): Builtin {
  const f = ((_ignored: unknown, ...rest: unknown[]) => impl(self, ...rest)) as Builtin;
  f.jinjaParams = impl.jinjaParams;
  return f;
}

/** Python getattr(obj, name) without the item fallback; MISSING when there is no attribute. */
export function pyAttr(obj: unknown, name: string): unknown {
  switch (typeof obj) {
    case 'string': {
      const m = STR.get(name);
      return m ? new BoundMethod(obj, name, m) : MISSING;
    }
    case 'number':
      return Number.isInteger(obj) ? intAttr(obj, name) : floatAttr(obj, name);
    case 'boolean':
    case 'bigint':
      return intAttr(obj, name);
    case 'object': {
      if (obj === null) return MISSING;
      if (Array.isArray(obj)) {
        const field = groupField(obj, name);
        if (field !== undefined) return field;
        const m = (isTuple(obj) ? TUPLE : LIST).get(name);
        return m ? new BoundMethod(obj, name, m) : MISSING;
      }
      if (obj instanceof Markup) return markupMethod(obj, name);
      if (obj instanceof PyFloat) return floatAttr(obj.value, name);
      if (isDictLike(obj)) {
        const m = DICT.get(name);
        return m ? new BoundMethod(obj, name, m) : MISSING;
      }
      const custom = (obj as Record<symbol, unknown>)[PY_GETATTR];
      if (typeof custom === 'function') return (custom as (n: string) => unknown).call(obj, name);
      if (obj instanceof Undefined) return MISSING;
      // Engine objects (they all carry a Python type name) expose nothing beyond PY_GETATTR.
      if ((obj as Record<symbol, unknown>)[PY_TYPE] !== undefined) return MISSING;
      // Any other object (a caller's class instance): own data properties only.
      if (hasOwn(obj, name)) {
        const desc = Object.getOwnPropertyDescriptor(obj, name);
        if (desc && 'value' in desc && desc.value !== undefined) return desc.value;
      }
      return MISSING;
    }
    case 'function': {
      // Only builtins that declare attributes (the `dict` global's fromkeys) expose any.
      const custom = (obj as unknown as Record<symbol, unknown>)[PY_GETATTR];
      return typeof custom === 'function' ? (custom as (n: string) => unknown)(name) : MISSING;
    }
    default:
      return MISSING;
  }
}

function intAttr(x: unknown, name: string): unknown {
  const a = INT_ATTRS.get(name);
  if (a) return a(x);
  const m = INT.get(name);
  return m ? new BoundMethod(x, name, m) : MISSING;
}

function floatAttr(x: number, name: string): unknown {
  const a = FLOAT_ATTRS.get(name);
  if (a) return a(x);
  const m = FLOAT.get(name);
  return m ? new BoundMethod(x, name, m) : MISSING;
}

function intIndex(key: unknown): number | null {
  if (typeof key === 'number') return Number.isInteger(key) ? key : null;
  if (typeof key === 'boolean') return key ? 1 : 0;
  if (typeof key === 'bigint') return Number(key);
  return null;
}

/** Python obj[key]; MISSING where Python raises LookupError or TypeError. */
export function pyItem(obj: unknown, key: unknown): unknown {
  if (typeof obj === 'string' || obj instanceof Markup) {
    const s = typeof obj === 'string' ? obj : obj.s;
    let i = intIndex(key);
    if (i === null) return MISSING;
    const chars = hasSurrogates(s) ? codePoints(s) : s;
    if (i < 0) i += chars.length;
    if (i < 0 || i >= chars.length) return MISSING;
    return obj instanceof Markup ? new Markup(chars[i]) : chars[i];
  }
  if (Array.isArray(obj)) {
    let i = intIndex(key);
    if (i === null) return MISSING;
    if (i < 0) i += obj.length;
    if (i < 0 || i >= obj.length) return MISSING;
    const v = obj[i];
    return v === undefined ? null : v;
  }
  if (obj === null || obj === undefined || typeof obj !== 'object') return MISSING;
  if (isDictLike(obj)) {
    try {
      return dictGet(obj, key);
    } catch {
      return MISSING; // unhashable key: TypeError, caught by Jinja's getitem
    }
  }
  if (obj instanceof PyRange) {
    let i = intIndex(key);
    if (i === null) return MISSING;
    if (i < 0) i += obj.length;
    return i < 0 || i >= obj.length ? MISSING : obj.at(i);
  }
  const custom = (obj as Record<symbol, unknown>)[PY_GETITEM];
  if (typeof custom === 'function') return (custom as (k: unknown) => unknown).call(obj, key);
  return MISSING;
}

/** Jinja's environment.getattr: attribute first, then item, else Undefined. */
export function getattr(undef: UndefinedClass, obj: unknown, name: string): unknown {
  if (typeof obj === 'object' && obj !== null && !Array.isArray(obj) && Object.getPrototypeOf(obj) === Object.prototype) {
    // Plain data object: own keys win unless the name is a dict method; inherited names
    // (toString, constructor, …) are only taken when they are the object's own keys.
    if (!DICT_METHOD_NAMES.has(name)) {
      const v = (obj as Record<string, unknown>)[name];
      if (v !== undefined && (!OBJECT_PROTO_NAMES.has(name) || hasOwn(obj, name))) return v;
    }
  }
  if (obj instanceof Undefined) return obj.attr(name);
  let v = pyAttr(obj, name);
  if (v !== MISSING) return v;
  v = pyItem(obj, name);
  if (v !== MISSING) return v;
  return new undef(null, obj, name);
}

/** Jinja's environment.getitem: item first, then attribute (for str keys), else Undefined. */
export function getitem(undef: UndefinedClass, obj: unknown, key: unknown): unknown {
  if (Array.isArray(obj) && typeof key === 'number' && Number.isInteger(key)) {
    const v = obj[key < 0 ? key + obj.length : key];
    if (v !== undefined) return v;
  }
  if (obj instanceof Undefined) return obj.attr(key);
  let v = pyItem(obj, key);
  if (v !== MISSING) return v;
  if (typeof key === 'string' || key instanceof Markup) {
    v = pyAttr(obj, typeof key === 'string' ? key : key.s);
    if (v !== MISSING) return v;
  }
  return new undef(null, obj, key);
}

function sliceArg(x: unknown): number | null {
  if (x === null || x === undefined) return null;
  const i = intIndex(x);
  if (i === null) throw typeError('slice indices must be integers or None or have an __index__ method');
  return i;
}

/** Resolves Python slice bounds for a sequence of `len` items: [start, stop, step, count]. */
export function sliceIndices(len: number, start: unknown, stop: unknown, step: unknown): [number, number, number, number] {
  const st = sliceArg(step) ?? 1;
  if (st === 0) throw valueError('slice step cannot be zero');
  let a = sliceArg(start);
  let b = sliceArg(stop);
  if (st > 0) {
    a = a === null ? 0 : a < 0 ? Math.max(0, a + len) : Math.min(a, len);
    b = b === null ? len : b < 0 ? Math.max(0, b + len) : Math.min(b, len);
    return [a, b, st, b > a ? Math.ceil((b - a) / st) : 0];
  }
  a = a === null ? len - 1 : a < 0 ? Math.max(-1, a + len) : Math.min(a, len - 1);
  b = b === null ? -1 : b < 0 ? Math.max(-1, b + len) : Math.min(b, len - 1);
  return [a, b, st, a > b ? Math.ceil((a - b) / -st) : 0];
}

function takeSlice<T>(items: ArrayLike<T>, start: unknown, stop: unknown, step: unknown): T[] {
  const [a, , st, n] = sliceIndices(items.length, start, stop, step);
  if (st === 1) return Array.prototype.slice.call(items, a, a + n) as T[];
  const out: T[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = items[a + i * st];
  return out;
}

/** obj[start:stop:step] */
export function slice(obj: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  if (typeof obj === 'string') {
    if (!hasSurrogates(obj) && (step === null || step === undefined || step === 1)) {
      const [a, b] = sliceIndices(obj.length, start, stop, 1);
      return obj.slice(a, Math.max(a, b));
    }
    return takeSlice(codePoints(obj), start, stop, step).join('');
  }
  if (obj instanceof Markup) return new Markup(slice(obj.s, start, stop, step) as string);
  if (Array.isArray(obj)) {
    const out = takeSlice(obj, start, stop, step);
    return isTuple(obj) ? tuple(out) : out;
  }
  if (obj instanceof PyRange) {
    const [a, , st, n] = sliceIndices(obj.length, start, stop, step);
    const first = obj.at(a);
    const s = obj.step * st;
    return new PyRange(first, first + n * s, s);
  }
  if (obj instanceof Undefined) return obj.attr(null);
  if (isDictLike(obj)) throw typeError("unhashable type: 'slice'");
  throw typeError(`'${pyTypeName(obj)}' object is not subscriptable`);
}

/** obj.name(args…): calls a Python method directly, or falls back to getattr + call. */
export function callMethod(
  undef: UndefinedClass,
  obj: unknown,
  name: string,
  args: unknown[],
  kwargs: Kwargs | null,
  pass: PassTargets | null,
): unknown {
  if (typeof obj === 'string') {
    const m = STR.get(name);
    if (m) return callMethodBuiltin(name, m, obj, args, kwargs, pass);
  } else if (Array.isArray(obj)) {
    const m = groupField(obj, name) === undefined ? (isTuple(obj) ? TUPLE : LIST).get(name) : undefined;
    if (m) return callMethodBuiltin(name, m, obj, args, kwargs, pass);
  } else if (obj !== null && typeof obj === 'object' && isDictLike(obj)) {
    const m = DICT.get(name);
    if (m) return callMethodBuiltin(name, m, obj, args, kwargs, pass);
  }
  return callValue(getattr(undef, obj, name), args, kwargs, pass);
}

setFormatLookup({
  attr: (obj, name) => (obj instanceof Undefined ? obj.attr(name) : pyAttr(obj, name)),
  item: (obj, key) => (obj instanceof Undefined ? obj.attr(key) : pyItem(obj, key)),
});

