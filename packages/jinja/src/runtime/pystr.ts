// Python str algorithms that JavaScript does differently: whitespace set, split, strip,
// title, center, index arithmetic by code point.
import { typeError, valueError } from '../errors.js';
import { Markup } from './markup.js';
import { codePoints, hasSurrogates, strLen } from './protocol.js';
import { pyTypeName } from './types.js';
import { Undefined } from './undefined.js';

/** Characters for which Python's str.isspace() is true. */
export const PY_WS_CLASS = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const WS_RUN = new RegExp(`[${PY_WS_CLASS}]+`, 'u');
const WS_LEAD = new RegExp(`^[${PY_WS_CLASS}]+`, 'u');
const WS_TRAIL = new RegExp(`[${PY_WS_CLASS}]+$`, 'u');
const WS_ONE = new RegExp(`^[${PY_WS_CLASS}]$`, 'u');

/** Quick test on one UTF-16 unit; non-ASCII whitespace falls back to the full class. */
function isPySpaceCode(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13) || (c >= 28 && c <= 31);
  return WS_ONE.test(String.fromCharCode(c));
}

export function isPySpace(ch: string): boolean {
  return WS_ONE.test(ch);
}

/** A str argument, or TypeError naming what was given. */
export function needStr(x: unknown, what = 'argument'): string {
  if (typeof x === 'string') return x;
  if (x instanceof Markup) return x.s;
  if (x instanceof Undefined) x.fail();
  throw typeError(`${what} must be str, not ${pyTypeName(x)}`);
}

export function optInt(x: unknown, fallback: number): number {
  if (x === undefined || x === null) return fallback;
  if (typeof x === 'number' && Number.isInteger(x)) return x;
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (typeof x === 'bigint') return Number(x);
  if (x instanceof Undefined) x.fail();
  throw typeError(`'${pyTypeName(x)}' object cannot be interpreted as an integer`);
}

export function pyStrip(s: string, chars: unknown, left: boolean, right: boolean): string {
  if (chars === undefined || chars === null) {
    if (!s || ((!left || !isPySpaceCode(s.charCodeAt(0))) && (!right || !isPySpaceCode(s.charCodeAt(s.length - 1))))) return s;
    let out = s;
    if (left) out = out.replace(WS_LEAD, '');
    if (right) out = out.replace(WS_TRAIL, '');
    return out;
  }
  const set = new Set(codePoints(needStr(chars, 'strip arg')));
  const cps = codePoints(s);
  let a = 0;
  let b = cps.length;
  if (left) while (a < b && set.has(cps[a])) a++;
  if (right) while (b > a && set.has(cps[b - 1])) b--;
  return cps.slice(a, b).join('');
}

export function pySplit(s: string, sep: unknown, maxsplit: number): string[] {
  if (sep === undefined || sep === null) {
    const out: string[] = [];
    let rest = s.replace(WS_LEAD, '');
    while (rest.length) {
      if (maxsplit >= 0 && out.length === maxsplit) {
        out.push(rest);
        break;
      }
      const m = WS_RUN.exec(rest);
      if (!m) {
        out.push(rest);
        break;
      }
      out.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    return out;
  }
  const sepStr = needStr(sep);
  if (sepStr === '') throw valueError('empty separator');
  if (maxsplit < 0) return s.split(sepStr);
  const out: string[] = [];
  let rest = s;
  while (out.length < maxsplit) {
    const i = rest.indexOf(sepStr);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sepStr.length);
  }
  out.push(rest);
  return out;
}

export function pyRsplit(s: string, sep: unknown, maxsplit: number): string[] {
  if (maxsplit < 0) return pySplit(s, sep, -1);
  if (sep === undefined || sep === null) {
    const out: string[] = [];
    let rest = s.replace(WS_TRAIL, '');
    while (rest.length) {
      if (out.length === maxsplit) {
        out.unshift(rest);
        break;
      }
      const m = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+(?=[^\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$)/u.exec(rest);
      if (!m) {
        out.unshift(rest);
        break;
      }
      out.unshift(rest.slice(m.index + m[0].length));
      rest = rest.slice(0, m.index);
    }
    return out;
  }
  const sepStr = needStr(sep);
  if (sepStr === '') throw valueError('empty separator');
  const out: string[] = [];
  let rest = s;
  while (out.length < maxsplit) {
    const i = rest.lastIndexOf(sepStr);
    if (i < 0) break;
    out.unshift(rest.slice(i + sepStr.length));
    rest = rest.slice(0, i);
  }
  out.unshift(rest);
  return out;
}

const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;

export function pySplitlines(s: string, keepends: boolean): string[] {
  const out: string[] = [];
  let last = 0;
  LINE_BREAK.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LINE_BREAK.exec(s))) {
    out.push(s.slice(last, keepends ? m.index + m[0].length : m.index));
    last = m.index + m[0].length;
  }
  if (last < s.length) out.push(s.slice(last));
  return out;
}

const CASED = /[\p{Lu}\p{Ll}\p{Lt}]/u;

export function pyTitle(s: string): string {
  let out = '';
  let prevCased = false;
  for (const ch of s) {
    const cased = CASED.test(ch);
    if (prevCased) out += ch.toLowerCase();
    else out += ch.toUpperCase();
    prevCased = cased;
  }
  return out;
}

export function pyCapitalize(s: string): string {
  if (!s) return s;
  const c = s.charCodeAt(0);
  const first = c >= 0xd800 && c <= 0xdbff ? 2 : 1;
  return s.slice(0, first).toUpperCase() + s.slice(first).toLowerCase();
}

export function pySwapcase(s: string): string {
  let out = '';
  for (const ch of s) {
    const lower = ch.toLowerCase();
    out += lower !== ch ? lower : ch.toUpperCase();
  }
  return out;
}

function fillChar(fill: unknown): string {
  if (fill === undefined) return ' ';
  const f = needStr(fill, 'The fill character');
  if (strLen(f) !== 1) throw typeError('The fill character must be exactly one character long');
  return f;
}

export function pyCenter(s: string, width: number, fill: unknown): string {
  const f = fillChar(fill);
  const len = strLen(s);
  const marg = width - len;
  if (marg <= 0) return s;
  const left = Math.floor(marg / 2) + (marg & width & 1);
  return f.repeat(left) + s + f.repeat(marg - left);
}

export function pyLjust(s: string, width: number, fill: unknown): string {
  const f = fillChar(fill);
  const len = strLen(s);
  return width > len ? s + f.repeat(width - len) : s;
}

export function pyRjust(s: string, width: number, fill: unknown): string {
  const f = fillChar(fill);
  const len = strLen(s);
  return width > len ? f.repeat(width - len) + s : s;
}

export function pyZfill(s: string, width: number): string {
  const len = strLen(s);
  if (width <= len) return s;
  const pad = '0'.repeat(width - len);
  if (s[0] === '+' || s[0] === '-') return s[0] + pad + s.slice(1);
  return pad + s;
}

export function pyExpandtabs(s: string, tabsize: number): string {
  let out = '';
  let col = 0;
  for (const ch of s) {
    if (ch === '\t') {
      if (tabsize > 0) {
        const n = tabsize - (col % tabsize);
        out += ' '.repeat(n);
        col += n;
      }
    } else {
      out += ch;
      col = ch === '\n' || ch === '\r' ? 0 : col + 1;
    }
  }
  return out;
}

export function pyReplace(s: string, old: string, repl: string, countIn: number): string {
  if (countIn < 0 && old !== '') return s.includes(old) ? s.replaceAll(old, repl) : s;
  const count = countIn < 0 ? Infinity : countIn;
  if (count === 0) return s;
  if (old === '') {
    const cps = codePoints(s);
    let out = '';
    let n = 0;
    for (let i = 0; i <= cps.length; i++) {
      if (n < count) {
        out += repl;
        n++;
      }
      if (i < cps.length) out += cps[i];
    }
    return out;
  }
  let out = '';
  let rest = s;
  for (let n = 0; n < count; n++) {
    const i = rest.indexOf(old);
    if (i < 0) break;
    out += rest.slice(0, i) + repl;
    rest = rest.slice(i + old.length);
  }
  return out + rest;
}

/** Python slice bounds (start/end args of find/count/…) resolved to code point offsets. */
export function sliceBounds(len: number, start: unknown, end: unknown): [number, number] {
  let a = start === undefined || start === null ? 0 : optInt(start, 0);
  let b = end === undefined || end === null ? len : optInt(end, len);
  if (a < 0) a = Math.max(0, a + len);
  if (b < 0) b = Math.max(0, b + len);
  return [Math.min(a, len), Math.min(b, len)];
}

/** Runs a search over s[start:end] by code points; returns a code point index or -1. */
export function pyFind(s: string, sub: string, start: unknown, end: unknown, reverse: boolean): number {
  const surrogates = hasSurrogates(s) || hasSurrogates(sub);
  const cps = surrogates ? codePoints(s) : null;
  const len = cps ? cps.length : s.length;
  const [a, b] = sliceBounds(len, start, end);
  if (a > b && !(a === b)) return -1;
  const window = cps ? cps.slice(a, b).join('') : s.slice(a, b);
  if (sub === '' && a > len) return -1;
  const i = reverse ? window.lastIndexOf(sub) : window.indexOf(sub);
  if (i < 0) return -1;
  return a + (cps ? codePoints(window.slice(0, i)).length : i);
}

export function pyCount(s: string, sub: string, start: unknown, end: unknown): number {
  const cps = codePoints(s);
  const [a, b] = sliceBounds(cps.length, start, end);
  if (a > b) return 0;
  const window = cps.slice(a, b).join('');
  if (sub === '') return codePoints(window).length + 1;
  let n = 0;
  let i = 0;
  while ((i = window.indexOf(sub, i)) >= 0) {
    n++;
    i += sub.length;
  }
  return n;
}
