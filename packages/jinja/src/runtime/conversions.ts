// Python int() and float() conversions (string parsing rules included).
import { PythonError, typeError, valueError } from '../errors.js';
import { Markup } from './markup.js';
import { PY_WS_CLASS } from './pystr.js';
import { pyRepr } from './repr.js';
import { pyTypeName } from './types.js';
import { Undefined } from './undefined.js';
import { normInt, PyFloat, pyFloat } from './values.js';

const TRIM = new RegExp(`^[${PY_WS_CLASS}]+|[${PY_WS_CLASS}]+$`, 'gu');
const FLOAT_TEXT = /^[+-]?(?:[0-9](?:_?[0-9])*(?:\.(?:[0-9](?:_?[0-9])*)?)?|\.[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9](?:_?[0-9])*)?$/;
const FLOAT_SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;

/** Unicode decimal digits → ASCII (Python accepts them in int() and float()). */
function asciiDigits(s: string): string {
  if (!/[^\x00-\x7f]/.test(s)) return s;
  return s.replace(/\p{Nd}/gu, (d) => {
    const c = d.codePointAt(0)!;
    if (c <= 0x39) return d;
    // Decimal digits come in runs of ten (some runs adjacent): count from the run start.
    let start = c;
    while (/\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
    return String((c - start) % 10);
  });
}

/** Python float(str); null when the text is not a float literal. */
export function parseFloatText(raw: string): number | null {
  const s = asciiDigits(raw.replace(TRIM, ''));
  const special = FLOAT_SPECIAL.exec(s);
  if (special) {
    if (special[2].toLowerCase() === 'nan') return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  if (!FLOAT_TEXT.test(s)) return null;
  return Number(s.replace(/_/g, ''));
}

/** Python int(str, base); null when invalid. */
export function parseIntText(raw: string, base: number): number | bigint | null {
  if (base === 10 && raw.length < 16 && /^[+-]?[0-9]+$/.test(raw)) {
    const n = Number(raw);
    return n === 0 ? 0 : n;
  }
  let s = asciiDigits(raw.replace(TRIM, ''));
  let sign = 1n;
  if (s[0] === '+' || s[0] === '-') {
    if (s[0] === '-') sign = -1n;
    s = s.slice(1);
  }
  let b = base;
  const prefix = s.slice(0, 2).toLowerCase();
  const prefixBase = prefix === '0x' ? 16 : prefix === '0o' ? 8 : prefix === '0b' ? 2 : 0;
  if (b === 0) {
    if (prefixBase) {
      b = prefixBase;
      s = s.slice(2);
      if (s.startsWith('_')) s = s.slice(1);
    } else {
      b = 10;
      if (/^0+[1-9]/.test(s.replace(/_/g, ''))) return null;
    }
  } else if (prefixBase && prefixBase === b) {
    s = s.slice(2);
    if (s.startsWith('_')) s = s.slice(1);
  }
  if (!s || s.startsWith('_') || s.endsWith('_') || s.includes('__')) return null;
  const digits = s.replace(/_/g, '').toLowerCase();
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, b);
  let value = 0n;
  const B = BigInt(b);
  for (const ch of digits) {
    const d = alphabet.indexOf(ch);
    if (d < 0) return null;
    value = value * B + BigInt(d);
  }
  return normInt(sign * value);
}

/** int(x) for a float: truncation, with Python's errors for inf and nan. */
export function floatToInt(x: number): number | bigint {
  if (Number.isNaN(x)) throw valueError('cannot convert float NaN to integer');
  if (!Number.isFinite(x)) throw new PythonError('OverflowError', 'cannot convert float infinity to integer');
  const t = Math.trunc(x);
  return Number.isSafeInteger(t) ? (t === 0 ? 0 : t) : normInt(BigInt(t));
}

/** Python int(x[, base]). */
export function pyInt(x: unknown, base?: number): number | bigint {
  if (typeof x === 'string' || x instanceof Markup) {
    const s = typeof x === 'string' ? x : x.s;
    const b = base ?? 10;
    if (b !== 0 && (b < 2 || b > 36)) throw valueError('int() base must be >= 2 and <= 36, or 0');
    const v = parseIntText(s, b);
    if (v === null) throw valueError(`invalid literal for int() with base ${b}: ${pyRepr(s)}`);
    return v;
  }
  if (base !== undefined) throw typeError("int() can't convert non-string with explicit base");
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (typeof x === 'bigint') return x;
  if (typeof x === 'number') return Number.isInteger(x) ? x : floatToInt(x);
  if (x instanceof PyFloat) return floatToInt(x.value);
  if (x instanceof Undefined) x.fail();
  throw typeError(`int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(x)}'`);
}

/** Python float(x) as a template value (PyFloat for integral results). */
export function pyFloatOf(x: unknown): number | PyFloat {
  if (typeof x === 'string' || x instanceof Markup) {
    const s = typeof x === 'string' ? x : x.s;
    const v = parseFloatText(s);
    if (v === null) throw valueError(`could not convert string to float: ${pyRepr(s)}`);
    return pyFloat(v);
  }
  if (typeof x === 'boolean') return new PyFloat(x ? 1 : 0);
  if (typeof x === 'number') return pyFloat(x);
  if (typeof x === 'bigint') {
    const n = Number(x);
    if (!Number.isFinite(n)) throw new PythonError('OverflowError', 'int too large to convert to float');
    return pyFloat(n);
  }
  if (x instanceof PyFloat) return x;
  if (x instanceof Undefined) x.fail();
  throw typeError(`float() argument must be a string or a real number, not '${pyTypeName(x)}'`);
}
