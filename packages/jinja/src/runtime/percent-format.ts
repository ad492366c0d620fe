// printf-style formatting: 'fmt' % args (also the `format` filter).
import { PythonError, typeError, valueError } from '../errors.js';
import { dictGet, isDictLike } from './dict.js';
import { formatExp, formatFixed, formatGeneral } from './float-format.js';
import { escapeString, Markup } from './markup.js';
import { pyRepr, pyStr } from './repr.js';
import { pyTypeName } from './types.js';
import { Undefined } from './undefined.js';
import { isTuple, MISSING, PyFloat } from './values.js';

const SPEC_RE = /%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?[hlL]?([a-zA-Z%])?/y;

class ArgSource {
  private index: number;
  constructor(
    private readonly args: unknown[] | null,
    private readonly single: unknown,
  ) {
    this.index = args ? 0 : -2;
  }
  next(): unknown {
    if (this.args) {
      if (this.index >= this.args.length) throw typeError('not enough arguments for format string');
      return this.args[this.index++];
    }
    if (this.index === -2) {
      this.index = -1;
      return this.single;
    }
    throw typeError('not enough arguments for format string');
  }
  leftover(): boolean {
    return this.args ? this.index < this.args.length : this.index === -2;
  }
}

function toIntForFormat(v: unknown, code: string): bigint {
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return BigInt(v);
    if (code === 'd' || code === 'i' || code === 'u') {
      if (!Number.isFinite(v)) throw new PythonError(Number.isNaN(v) ? 'ValueError' : 'OverflowError', Number.isNaN(v) ? 'cannot convert float NaN to integer' : 'cannot convert float infinity to integer');
      return BigInt(Math.trunc(v));
    }
    throw typeError(`%${code} format: an integer is required, not float`);
  }
  if (v instanceof PyFloat) {
    if (code === 'd' || code === 'i' || code === 'u') return BigInt(v.value);
    throw typeError(`%${code} format: an integer is required, not float`);
  }
  if (v instanceof Undefined) v.fail();
  if (code === 'd' || code === 'i' || code === 'u') throw typeError(`%${code} format: a real number is required, not ${pyTypeName(v)}`);
  throw typeError(`%${code} format: an integer is required, not ${pyTypeName(v)}`);
}

function toFloatForFormat(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof PyFloat) return v.value;
  if (v instanceof Undefined) v.fail();
  throw typeError(`must be real number, not ${pyTypeName(v)}`);
}

function applyWidth(body: string, signPart: string, flags: string, width: number, numeric: boolean): string {
  const len = signPart.length + body.length;
  if (width <= len) return signPart + body;
  const n = width - len;
  if (flags.includes('-')) return signPart + body + ' '.repeat(n);
  if (numeric && flags.includes('0')) return signPart + '0'.repeat(n) + body;
  return ' '.repeat(n) + signPart + body;
}

function signFor(neg: boolean, flags: string): string {
  if (neg) return '-';
  if (flags.includes('+')) return '+';
  if (flags.includes(' ')) return ' ';
  return '';
}

function convert(code: string, v: unknown, flags: string, width: number, prec: number, markup: boolean): string {
  const escaping = markup && !(v instanceof Markup);
  switch (code) {
    case 's': {
      let s = pyStr(v);
      if (escaping) s = escapeString(s);
      if (prec >= 0) s = Array.from(s).slice(0, prec).join('');
      return applyWidth(s, '', flags, width, false);
    }
    case 'r':
    case 'a': {
      let s = pyRepr(v);
      if (code === 'a') s = s.replace(/[^\x00-\x7f]/gu, asciiEscape);
      if (markup) s = escapeString(s);
      if (prec >= 0) s = Array.from(s).slice(0, prec).join('');
      return applyWidth(s, '', flags, width, false);
    }
    case 'd':
    case 'i':
    case 'u':
    case 'o':
    case 'x':
    case 'X': {
      const radix = code === 'o' ? 8 : code === 'x' || code === 'X' ? 16 : 10;
      let neg: boolean;
      let digits: string;
      if (typeof v === 'number' && Number.isSafeInteger(v)) {
        neg = v < 0;
        digits = Math.abs(v).toString(radix);
      } else {
        const n = toIntForFormat(v, code);
        neg = n < 0n;
        digits = (neg ? -n : n).toString(radix);
      }
      if (code === 'X') digits = digits.toUpperCase();
      if (prec > digits.length) digits = '0'.repeat(prec - digits.length) + digits;
      let prefix = '';
      if (flags.includes('#')) prefix = code === 'o' ? '0o' : code === 'x' ? '0x' : code === 'X' ? '0X' : '';
      return applyWidth(digits, signFor(neg, flags) + prefix, flags, width, true);
    }
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G': {
      const x = toFloatForFormat(v);
      const p = prec < 0 ? 6 : prec;
      const alt = flags.includes('#');
      const upper = code === 'E' || code === 'F' || code === 'G';
      const abs = Math.abs(x);
      let body: string;
      if (code === 'e' || code === 'E') body = formatExp(abs, p, upper, alt);
      else if (code === 'f' || code === 'F') body = formatFixed(abs, p, alt, upper);
      else body = formatGeneral(abs, p, alt, upper);
      const neg = (x < 0 || Object.is(x, -0)) && !Number.isNaN(x);
      return applyWidth(body, signFor(neg, flags), flags, width, Number.isFinite(x));
    }
    case 'c': {
      let ch: string;
      if (typeof v === 'string' || v instanceof Markup) {
        const s = typeof v === 'string' ? v : v.s;
        if (Array.from(s).length !== 1) throw typeError('%c requires int or char');
        ch = s;
      } else {
        const n = Number(toIntForFormat(v, 'c'));
        if (n < 0 || n > 0x10ffff) throw new PythonError('OverflowError', '%c arg not in range(0x110000)');
        ch = String.fromCodePoint(n);
      }
      return applyWidth(escaping ? escapeString(ch) : ch, '', flags, width, false);
    }
    default:
      throw valueError(`unsupported format character '${code}' (0x${code.charCodeAt(0).toString(16)})`);
  }
}

function asciiEscape(c: string): string {
  const n = c.codePointAt(0)!;
  if (n <= 0xff) return '\\x' + n.toString(16).padStart(2, '0');
  if (n <= 0xffff) return '\\u' + n.toString(16).padStart(4, '0');
  return '\\U' + n.toString(16).padStart(8, '0');
}

/** Python `fmt % args`. With `markup`, arguments are escaped (Markup.__mod__). */
type Piece = string | { key: string | undefined; flags: string; widthText: string | undefined; precText: string | undefined; code: string } | null;

const parsedCache = new Map<string, Piece[]>();

/** Literal text and conversion specs of a format string; null marks an incomplete spec. */
function parsePercent(fmt: string): Piece[] {
  let pieces = parsedCache.get(fmt);
  if (pieces) return pieces;
  pieces = [];
  let i = 0;
  let text = '';
  while (i < fmt.length) {
    const p = fmt.indexOf('%', i);
    if (p < 0) {
      text += fmt.slice(i);
      break;
    }
    text += fmt.slice(i, p);
    SPEC_RE.lastIndex = p;
    const m = SPEC_RE.exec(fmt);
    if (!m || m[5] === undefined) {
      if (text) pieces.push(text);
      pieces.push(null);
      text = '';
      break;
    }
    const [whole, key, flags, widthText, precText, code] = m;
    i = p + whole.length;
    if (code === '%' && key === undefined && !flags && !widthText && precText === undefined) {
      text += '%';
      continue;
    }
    if (text) pieces.push(text);
    text = '';
    pieces.push({ key, flags, widthText, precText, code });
  }
  if (text) pieces.push(text);
  if (parsedCache.size > 500) parsedCache.clear();
  parsedCache.set(fmt, pieces);
  return pieces;
}

export function percentFormat(fmt: string, args: unknown, markup: boolean): string {
  const tupleArgs = isTuple(args) ? args : null;
  const mapping = !tupleArgs && typeof args !== 'string' && !(args instanceof Markup) && (isDictLike(args) || Array.isArray(args)) ? args : null;
  const source = new ArgSource(tupleArgs, args);
  let out = '';
  for (const piece of parsePercent(fmt)) {
    if (typeof piece === 'string') {
      out += piece;
      continue;
    }
    if (piece === null) throw valueError('incomplete format');
    const { key, flags, widthText, precText, code } = piece;
    let value: unknown;
    let width = 0;
    let prec = -1;
    if (widthText === '*') width = Number(toIntForFormat(source.next(), 'd'));
    else if (widthText) width = Number(widthText);
    if (precText === '*') prec = Number(toIntForFormat(source.next(), 'd'));
    else if (precText !== undefined) prec = precText === '' ? 0 : Number(precText);
    let effectiveFlags = flags;
    if (width < 0) {
      effectiveFlags += '-';
      width = -width;
    }
    if (code === '%') {
      out += applyWidth('%', '', effectiveFlags, width, false);
      continue;
    }
    if (key !== undefined) {
      if (!mapping || Array.isArray(mapping)) throw typeError('format requires a mapping');
      value = dictGet(mapping, key);
      if (value === MISSING) throw new PythonError('KeyError', pyRepr(key));
    } else value = source.next();
    out += convert(code, value, effectiveFlags, width, prec, markup);
  }
  if (source.leftover() && !mapping) throw typeError('not all arguments converted during string formatting');
  return out;
}
