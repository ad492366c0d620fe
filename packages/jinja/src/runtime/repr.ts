// Python str() and repr() of template values, byte for byte.
import { dictEntries, isDictLike } from './dict.js';
import { Markup } from './markup.js';
import { setUndefinedReprHook, Undefined } from './undefined.js';
import { isTuple, PyDictView, PyFloat, PY_REPR, PY_STR } from './values.js';

/** Python repr() of a float. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const exp = Math.abs(x).toExponential(); // shortest round-trip digits, like Python's repr
  const eIdx = exp.indexOf('e');
  const digits = exp.slice(0, eIdx).replace('.', '');
  const decpt = Number(exp.slice(eIdx + 1)) + 1;
  if (decpt <= -4 || decpt > 16) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = decpt - 1;
    return `${sign}${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
  if (decpt >= digits.length) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`;
  return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}

/** Python str() of an int held as a JS number or bigint. */
export function intStr(x: number | bigint): string {
  if (typeof x === 'bigint') return x.toString();
  return Number.isSafeInteger(x) ? String(x) : BigInt(x).toString();
}

export function numberStr(x: number): string {
  return Number.isInteger(x) ? intStr(x) : floatRepr(x);
}

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
const NEEDS_ESCAPING = /[\\\x00-\x1f\x7f-\uffff]/;

/** Python repr() of a str. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  if (!NEEDS_ESCAPING.test(s) && !s.includes(quote)) return quote + s + quote;
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c < 0x7f) out += ch;
    else if (ch !== ' ' && NON_PRINTABLE.test(ch)) {
      if (c <= 0xff) out += '\\x' + c.toString(16).padStart(2, '0');
      else if (c <= 0xffff) out += '\\u' + c.toString(16).padStart(4, '0');
      else out += '\\U' + c.toString(16).padStart(8, '0');
    } else out += ch;
  }
  return out + quote;
}

/** Python str(x). */
export function pyStr(x: unknown): string {
  switch (typeof x) {
    case 'string':
      return x;
    case 'number':
      return Number.isInteger(x) ? intStr(x) : floatRepr(x);
    case 'boolean':
      return x ? 'True' : 'False';
    case 'undefined':
      return 'None';
    case 'bigint':
      return x.toString();
    case 'function':
      return `<function ${x.name || '<lambda>'}>`;
    default:
      if (x === null) return 'None';
      if (x instanceof Markup) return x.s;
      if (x instanceof Undefined) return x.toStr();
      if (x instanceof PyFloat) return floatRepr(x.value);
      if (typeof (x as Record<symbol, unknown>)[PY_STR] === 'function') return (x as { [PY_STR](): string })[PY_STR]();
      return pyRepr(x);
  }
}

/** Python repr(x). */
export function pyRepr(x: unknown, seen?: Set<unknown>): string {
  switch (typeof x) {
    case 'string':
      return strRepr(x);
    case 'object': {
      if (x === null) return 'None';
      if (x instanceof Markup) return `Markup(${strRepr(x.s)})`;
      if (x instanceof Undefined) return x.repr();
      if (x instanceof PyFloat) return floatRepr(x.value);
      if (Array.isArray(x) || isDictLike(x) || x instanceof PyDictView) return containerRepr(x, seen);
      if (typeof (x as Record<symbol, unknown>)[PY_REPR] === 'function') return (x as { [PY_REPR](): string })[PY_REPR]();
      if (typeof (x as Record<symbol, unknown>)[PY_STR] === 'function') return (x as { [PY_STR](): string })[PY_STR]();
      return '<object>';
    }
    default:
      return pyStr(x);
  }
}

function containerRepr(x: object, seen = new Set<unknown>()): string {
  if (x instanceof PyDictView) {
    const inner = x.items.map((v) => pyRepr(v, seen)).join(', ');
    return `${x.kind}([${inner}])`;
  }
  if (seen.has(x)) return Array.isArray(x) ? (isTuple(x) ? '(...)' : '[...]') : '{...}';
  seen.add(x);
  try {
    if (Array.isArray(x)) {
      const inner = x.map((v) => pyRepr(v, seen)).join(', ');
      if (!isTuple(x)) return `[${inner}]`;
      return x.length === 1 ? `(${inner},)` : `(${inner})`;
    }
    const parts = dictEntries(x).map(([k, v]) => `${pyRepr(k, seen)}: ${pyRepr(v, seen)}`);
    return `{${parts.join(', ')}}`;
  } finally {
    seen.delete(x);
  }
}

setUndefinedReprHook((x) => pyRepr(x));
