// Python arithmetic, comparison and membership on template values.
import { PythonError, typeError } from '../errors.js';
import { dictEntries, dictGet, dictSize, hashKey, isDictLike } from './dict.js';
import { escapeString, Markup } from './markup.js';
import { percentFormat } from './percent-format.js';
import { pyStr } from './repr.js';
import { pyTypeName } from './types.js';
import { Undefined } from './undefined.js';
import { isTuple, MISSING, normInt, pyFloat, PyDictView, PyFloat, PyIter, PyRange, toBigInt, tuple } from './values.js';

const enum K {
  Other = 0,
  Int = 1,
  Float = 2,
}

/** 1 for int/bool, 2 for float, 0 otherwise. */
function numKind(x: unknown): K {
  switch (typeof x) {
    case 'number':
      return Number.isInteger(x) ? K.Int : K.Float;
    case 'boolean':
    case 'bigint':
      return K.Int;
    default:
      return x instanceof PyFloat ? K.Float : K.Other;
  }
}

function num(x: unknown): number {
  if (typeof x === 'number') return x;
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (x instanceof PyFloat) return x.value;
  return Number(x as bigint);
}

function int(x: unknown): number | bigint {
  if (typeof x === 'boolean') return x ? 1 : 0;
  return x as number | bigint;
}

function failUndefined(a: unknown, b: unknown): void {
  if (a instanceof Undefined) a.fail();
  if (b instanceof Undefined) b.fail();
}

function unsupported(op: string, a: unknown, b: unknown): never {
  failUndefined(a, b);
  throw typeError(`unsupported operand type(s) for ${op}: '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

const SAFE = 2 ** 52;

function intAdd(a: number | bigint, b: number | bigint): number | bigint {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return normInt(toBigInt(a) + toBigInt(b));
}

function intSub(a: number | bigint, b: number | bigint): number | bigint {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  return normInt(toBigInt(a) - toBigInt(b));
}

function intMul(a: number | bigint, b: number | bigint): number | bigint {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
  }
  return normInt(toBigInt(a) * toBigInt(b));
}

function zeroDivision(msg: string): never {
  throw new PythonError('ZeroDivisionError', msg);
}

function intFloorDiv(a: number | bigint, b: number | bigint): number | bigint {
  if (b == 0) zeroDivision('integer division or modulo by zero');
  if (typeof a === 'number' && typeof b === 'number' && Math.abs(a) < SAFE && Math.abs(b) < SAFE) {
    const m = intModNum(a, b);
    const q = (a - m) / b;
    return q === 0 ? 0 : q;
  }
  const A = toBigInt(a);
  const B = toBigInt(b);
  let q = A / B;
  if ((A % B !== 0n) && ((A < 0n) !== (B < 0n))) q -= 1n;
  return normInt(q);
}

function intModNum(a: number, b: number): number {
  let m = a % b;
  if (m !== 0 && (m < 0) !== (b < 0)) m += b;
  return m === 0 ? 0 : m;
}

function intMod(a: number | bigint, b: number | bigint): number | bigint {
  if (b == 0) zeroDivision('integer division or modulo by zero');
  if (typeof a === 'number' && typeof b === 'number' && Math.abs(a) < SAFE && Math.abs(b) < SAFE) return intModNum(a, b);
  const A = toBigInt(a);
  const B = toBigInt(b);
  let m = A % B;
  if (m !== 0n && (m < 0n) !== (B < 0n)) m += B;
  return normInt(m);
}

function floatMod(a: number, b: number): number {
  if (b === 0) zeroDivision('float modulo');
  let m = a % b;
  if (m !== 0) {
    if ((b < 0) !== (m < 0)) m += b;
  } else m = b < 0 ? -0 : 0;
  return m;
}

function floatFloorDiv(a: number, b: number): number {
  if (b === 0) zeroDivision('float floor division by zero');
  let mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && (b < 0) !== (mod < 0)) {
    mod += b;
    div -= 1;
  }
  if (div === 0) return a / b < 0 || Object.is(a / b, -0) ? -0 : 0; // copysign(0.0, a / b)
  let floordiv = Math.floor(div);
  if (div - floordiv > 0.5) floordiv += 1;
  return floordiv;
}

function repeat(seq: unknown, n: unknown): unknown {
  const count = Number(int(n));
  if (typeof seq === 'string') return count > 0 ? seq.repeat(count) : '';
  if (seq instanceof Markup) return new Markup(count > 0 ? seq.s.repeat(count) : '');
  const arr = seq as unknown[];
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) for (const x of arr) out.push(x);
  return isTuple(arr) ? tuple(out) : out;
}

function isSeq(x: unknown): boolean {
  return typeof x === 'string' || Array.isArray(x) || x instanceof Markup;
}

export function add(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (Number.isInteger(r)) {
      if (Number.isInteger(a) && Number.isInteger(b)) return Number.isSafeInteger(r) ? r : intAdd(a, b);
      return new PyFloat(r);
    }
    return r;
  }
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  return addSlow(a, b);
}

function addSlow(a: unknown, b: unknown): unknown {
  const ka = numKind(a);
  const kb = numKind(b);
  if (ka && kb) {
    if (ka === K.Float || kb === K.Float) return pyFloat(num(a) + num(b));
    return intAdd(int(a), int(b));
  }
  if (a instanceof Markup || b instanceof Markup) {
    if ((typeof a === 'string' || a instanceof Markup) && (typeof b === 'string' || b instanceof Markup)) {
      return new Markup(markupText(a) + markupText(b));
    }
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (isTuple(a) === isTuple(b)) return isTuple(a) ? tuple([...a, ...b]) : [...a, ...b];
  }
  failUndefined(a, b);
  if (typeof a === 'string' || Array.isArray(a)) {
    const t = pyTypeName(a);
    throw typeError(`can only concatenate ${t} (not "${pyTypeName(b)}") to ${t}`);
  }
  return unsupported('+', a, b);
}

function markupText(x: string | Markup): string {
  return x instanceof Markup ? x.s : escapeString(x);
}

export function sub(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (Number.isInteger(r)) {
      if (Number.isInteger(a) && Number.isInteger(b)) return Number.isSafeInteger(r) ? r : intSub(a, b);
      return new PyFloat(r);
    }
    return r;
  }
  const ka = numKind(a);
  const kb = numKind(b);
  if (ka && kb) {
    if (ka === K.Float || kb === K.Float) return pyFloat(num(a) - num(b));
    return intSub(int(a), int(b));
  }
  return unsupported('-', a, b);
}

export function mul(a: unknown, b: unknown): unknown {
  const ka = numKind(a);
  const kb = numKind(b);
  if (ka && kb) {
    if (ka === K.Float || kb === K.Float) return pyFloat(num(a) * num(b));
    return intMul(int(a), int(b));
  }
  if (isSeq(a) && kb === K.Int) return repeat(a, b);
  if (isSeq(b) && ka === K.Int) return repeat(b, a);
  failUndefined(a, b);
  if (isSeq(a) || isSeq(b)) {
    throw typeError(`can't multiply sequence by non-int of type '${pyTypeName(isSeq(a) ? b : a)}'`);
  }
  return unsupported('*', a, b);
}

export function truediv(a: unknown, b: unknown): unknown {
  const ka = numKind(a);
  const kb = numKind(b);
  if (ka && kb) {
    const y = num(b);
    if (y === 0) zeroDivision(ka === K.Float || kb === K.Float ? 'float division by zero' : 'division by zero');
    if ((typeof a === 'bigint' || typeof b === 'bigint') && ka !== K.Float && kb !== K.Float) return pyFloat(bigDiv(toBigInt(int(a)), toBigInt(int(b))));
    return pyFloat(num(a) / y);
  }
  return unsupported('/', a, b);
}

/** a / b correctly rounded, as Python's int true division (b is not 0). */
function bigDiv(a: bigint, b: bigint): number {
  const neg = a < 0n !== b < 0n;
  const x = a < 0n ? -a : a;
  const y = b < 0n ? -b : b;
  if (x === 0n) return neg ? -0 : 0;
  // A quotient of at least 66 bits, its lowest bit set when the division is inexact (a sticky
  // bit), converts to the correctly rounded double; scaling by a power of two is then exact.
  let shift = Math.max(0, 66 + y.toString(2).length - x.toString(2).length);
  const scaled = x << BigInt(shift);
  let q = scaled / y;
  if (scaled % y !== 0n) q |= 1n;
  let result = Number(q);
  for (; shift > 1000; shift -= 1000) result *= 2 ** -1000;
  result *= 2 ** -shift;
  if (result === Infinity) throw new PythonError('OverflowError', 'integer division result too large for a float');
  return neg ? -result : result;
}

export function floordiv(a: unknown, b: unknown): unknown {
  const ka = numKind(a);
  const kb = numKind(b);
  if (ka && kb) {
    if (ka === K.Float || kb === K.Float) return pyFloat(floatFloorDiv(num(a), num(b)));
    return intFloorDiv(int(a), int(b));
  }
  return unsupported('//', a, b);
}

export function mod(a: unknown, b: unknown): unknown {
  if (typeof a === 'string') return percentFormat(a, b, false);
  if (a instanceof Markup) return new Markup(percentFormat(a.s, b, true));
  const ka = numKind(a);
  const kb = numKind(b);
  if (ka && kb) {
    if (ka === K.Float || kb === K.Float) return pyFloat(floatMod(num(a), num(b)));
    return intMod(int(a), int(b));
  }
  return unsupported('%', a, b);
}

/**
 * x ** n for a finite double and a small integer exponent, correctly rounded as C's pow (which
 * Python calls) rounds it, where Math.pow may be off by an ulp: x is exactly m·2^e, so x^n is
 * the rational m^n·2^(e·n), converted once. null: outside the range where that is cheap and
 * exact (large exponents, results near overflow or in the subnormals), for Math.pow to answer.
 */
function exactIntegerPow(x: number, n: number): number | null {
  if (!Number.isFinite(x) || x === 0 || !Number.isInteger(n) || n === 0 || Math.abs(n) > 64) return null;
  const magnitude = Math.log2(Math.abs(x)) * n;
  if (!(magnitude > -1000 && magnitude < 1000)) return null;
  let m = Math.abs(x);
  let e = 0;
  while (!Number.isInteger(m)) {
    m *= 2;
    e--;
  }
  const power = BigInt(m) ** BigInt(Math.abs(n));
  const twos = e * Math.abs(n);
  let r: number;
  if (n > 0) r = twos >= 0 ? Number(power << BigInt(twos)) : bigDiv(power, 1n << BigInt(-twos));
  else r = twos <= 0 ? bigDiv(1n << BigInt(-twos), power) : bigDiv(1n, power << BigInt(twos));
  return x < 0 && n % 2 !== 0 ? -r : r;
}

export function pow(a: unknown, b: unknown): unknown {
  const ka = numKind(a);
  const kb = numKind(b);
  if (!ka || !kb) return unsupported('** or pow()', a, b);
  if (ka === K.Int && kb === K.Int) {
    const e = toBigInt(int(b));
    const base = toBigInt(int(a));
    if (e >= 0n) return normInt(base ** e);
    if (base === 0n) zeroDivision('0.0 cannot be raised to a negative power');
    return pyFloat((Number.isSafeInteger(Number(base)) ? exactIntegerPow(Number(base), Number(e)) : null) ?? Math.pow(Number(base), Number(e)));
  }
  const x = num(a);
  const y = num(b);
  if (x === 0 && y < 0) zeroDivision('0.0 cannot be raised to a negative power');
  if (x < 0 && !Number.isInteger(y)) throw new PythonError('ValueError', 'complex results are not supported');
  const r = exactIntegerPow(x, y) ?? Math.pow(x, y);
  if (!Number.isFinite(r) && Number.isFinite(x) && Number.isFinite(y)) {
    throw new PythonError('OverflowError', "(34, 'Numerical result out of range')");
  }
  return pyFloat(r);
}

export function neg(a: unknown): unknown {
  const k = numKind(a);
  if (k === K.Int) {
    const v = int(a);
    return typeof v === 'bigint' ? normInt(-v) : v === 0 ? 0 : -v;
  }
  if (k === K.Float) return pyFloat(-num(a));
  if (a instanceof Undefined) a.fail();
  throw typeError(`bad operand type for unary -: '${pyTypeName(a)}'`);
}

export function pos(a: unknown): unknown {
  const k = numKind(a);
  if (k === K.Int) return int(a);
  if (k === K.Float) return a;
  if (a instanceof Undefined) a.fail();
  throw typeError(`bad operand type for unary +: '${pyTypeName(a)}'`);
}

/** Python ==. */
export function eq(a: unknown, b: unknown): boolean {
  if (a === b) return typeof a !== 'number' || !Number.isNaN(a);
  const ta = typeof a;
  if (ta === 'string' && typeof b === 'string') return false;
  if (ta === 'number' && typeof b === 'number') return false;
  return eqSlow(a, b);
}

function eqSlow(a: unknown, b: unknown): boolean {
  if (a instanceof Undefined) return a.eq(b);
  if (b instanceof Undefined) return b.eq(a);
  const ka = numKind(a);
  const kb = numKind(b);
  if (ka && kb) {
    if (typeof a === 'bigint' || typeof b === 'bigint') {
      const x = typeof a === 'bigint' ? a : num(a);
      const y = typeof b === 'bigint' ? b : num(b);
      return x == y;
    }
    return num(a) === num(b);
  }
  if (ka || kb) return false;
  if ((typeof a === 'string' || a instanceof Markup) && (typeof b === 'string' || b instanceof Markup)) {
    return (typeof a === 'string' ? a : a.s) === (typeof b === 'string' ? b : b.s);
  }
  if (a == null && b == null) return true;
  if (a == null || b == null) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (isTuple(a) !== isTuple(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!eq(a[i], b[i])) return false;
    return true;
  }
  if (isDictLike(a) && isDictLike(b)) {
    if (dictSize(a) !== dictSize(b)) return false;
    for (const [k, v] of dictEntries(a)) {
      const w = dictGet(b, k);
      if (w === MISSING || !eq(v, w)) return false;
    }
    return true;
  }
  if (a instanceof PyRange && b instanceof PyRange) {
    if (a.length !== b.length) return false;
    return a.length === 0 || (a.start === b.start && (a.length === 1 || a.step === b.step));
  }
  if (a instanceof PyDictView && b instanceof PyDictView && a.kind === b.kind && a.kind !== 'dict_values') {
    if (a.items.length !== b.items.length) return false;
    return a.items.every((x) => b.items.some((y) => eq(x, y)));
  }
  return false;
}

export function ne(a: unknown, b: unknown): boolean {
  if (a instanceof Undefined) return !a.eq(b);
  if (b instanceof Undefined) return !b.eq(a);
  return !eq(a, b);
}

/** Compares strings by code point, as Python does. */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1; // a surrogate pair encodes a code point above any BMP one
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Three-way Python ordering comparison; raises TypeError for unorderable operands. */
export function compare(a: unknown, b: unknown, op: string): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
  if (typeof a === 'string' && typeof b === 'string') return a === b ? 0 : compareStrings(a, b);
  const ka = numKind(a);
  const kb = numKind(b);
  if (ka && kb) {
    const x = typeof a === 'bigint' ? a : num(a);
    const y = typeof b === 'bigint' ? b : num(b);
    return x < y ? -1 : x > y ? 1 : x == y ? 0 : NaN;
  }
  if ((typeof a === 'string' || a instanceof Markup) && (typeof b === 'string' || b instanceof Markup)) {
    return compareStrings(typeof a === 'string' ? a : a.s, typeof b === 'string' ? b : b.s);
  }
  if (Array.isArray(a) && Array.isArray(b) && isTuple(a) === isTuple(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (!eq(a[i], b[i])) return compare(a[i], b[i], op);
    }
    return a.length - b.length;
  }
  failUndefined(a, b);
  throw typeError(`'${op}' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

export const lt = (a: unknown, b: unknown): boolean => compare(a, b, '<') < 0;
export const le = (a: unknown, b: unknown): boolean => compare(a, b, '<=') <= 0;
export const gt = (a: unknown, b: unknown): boolean => compare(a, b, '>') > 0;
export const ge = (a: unknown, b: unknown): boolean => compare(a, b, '>=') >= 0;

/** Python `item in container`. */
export function contains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string' || container instanceof Markup) {
    const hay = typeof container === 'string' ? container : container.s;
    if (typeof item === 'string') return hay.includes(item);
    if (item instanceof Markup) return hay.includes(item.s);
    if (item instanceof Undefined) item.fail();
    throw typeError(`'in <string>' requires string as left operand, not ${pyTypeName(item)}`);
  }
  if (Array.isArray(container)) {
    for (const x of container) if (x === item || eq(x, item)) return true;
    return false;
  }
  if (isDictLike(container)) {
    hashKey(item);
    return dictGet(container, item) !== MISSING;
  }
  if (container instanceof PyRange) {
    const k = numKind(item);
    if (!k) return false;
    const v = num(item);
    if (!Number.isInteger(v)) return false;
    const i = (v - container.start) / container.step;
    return Number.isInteger(i) && i >= 0 && i < container.length;
  }
  if (container instanceof PyDictView) return container.items.some((x) => eq(x, item));
  if (container instanceof Undefined) {
    container.toIter();
    return false;
  }
  if (container instanceof PyIter) {
    for (const x of container) if (eq(x, item)) return true;
    return false;
  }
  throw typeError(`argument of type '${pyTypeName(container)}' is not iterable`);
}

/** `~`: str() of each operand, concatenated. */
export function concat(parts: unknown[]): string {
  let s = '';
  for (const p of parts) s += typeof p === 'string' ? p : pyStr(p);
  return s;
}

/** `~` under autoescape: Markup if any operand is Markup. */
export function markupConcat(parts: unknown[]): unknown {
  if (!parts.some((p) => p instanceof Markup)) return concat(parts);
  let s = '';
  for (const p of parts) s += p instanceof Markup ? p.s : escapeString(pyStr(p));
  return new Markup(s);
}
