// String filters: case, padding, replace, indent, truncate, format, title, trim, wordcount…
import { PythonError, typeError } from '../errors.js';
import { builtin } from '../runtime/callable.js';
import type { RuntimeEnvironment } from '../runtime/context.js';
import { escapeString, Markup } from '../runtime/markup.js';
import { percentFormat } from '../runtime/percent-format.js';
import { hasSurrogates, pyLen } from '../runtime/protocol.js';
import { slice } from '../runtime/lookup.js';
import { optInt, pyCapitalize, pyCenter, pyReplace, pyRsplit, pySplitlines, pyStrip, PY_WS_CLASS } from '../runtime/pystr.js';
import { pyStr } from '../runtime/repr.js';
import { pyTypeName } from '../runtime/types.js';
import { Undefined } from '../runtime/undefined.js';
import { tuple, type Kwargs } from '../runtime/values.js';
import { evalAutoescape, filterArgumentError, same, softStr, text } from './common.js';
import { wordwrap } from './wordwrap.js';

const upper = builtin([], (s: unknown) => {
  const v = softStr(s);
  return same(v, text(v).toUpperCase());
});

const lower = builtin([], (s: unknown) => {
  const v = softStr(s);
  return same(v, text(v).toLowerCase());
});

const capitalize = builtin([], (s: unknown) => {
  const v = softStr(s);
  return same(v, pyCapitalize(text(v)));
});

const WORD_BEGINNING_SPLIT = new RegExp(`^[-${PY_WS_CLASS}({\\[<]$`, 'u');

function titleWord(item: string): string {
  const c = item.charCodeAt(0);
  const firstLen = c >= 0xd800 && c <= 0xdbff ? 2 : 1;
  return item.slice(0, firstLen).toUpperCase() + item.slice(firstLen).toLowerCase();
}

/** Separators of Jinja's title filter: `-`, whitespace, `(`, `{`, `[`, `<`. */
function isTitleSeparator(c: number, ch: string): boolean {
  if (c < 128) return c === 45 || c === 40 || c === 123 || c === 91 || c === 60 || c === 32 || (c >= 9 && c <= 13) || (c >= 28 && c <= 31);
  return WORD_BEGINNING_SPLIT.test(ch);
}

const title = builtin([], (s: unknown) => {
  const str = text(softStr(s));
  let out = '';
  let i = 0;
  while (i < str.length) {
    let j = i;
    const sep = isTitleSeparator(str.charCodeAt(i), str[i]);
    while (j < str.length && isTitleSeparator(str.charCodeAt(j), str[j]) === sep) j++;
    out += sep ? str.slice(i, j) : titleWord(str.slice(i, j));
    i = j;
  }
  return out;
});

const center = builtin(['width?'], (value: unknown, width: unknown) => {
  const v = softStr(value);
  return same(v, pyCenter(text(v), width === undefined ? 80 : optInt(width, 80), undefined));
});

const trim = builtin(['chars?'], (value: unknown, chars: unknown) => {
  const v = softStr(value);
  return same(v, pyStrip(text(v), chars === undefined ? null : chars, true, true));
});

function strArg(x: unknown): string {
  if (typeof x === 'string') return x;
  if (x instanceof Markup) return x.s;
  return pyStr(x);
}

const replace = builtin(
  ['old', 'new', 'count?'],
  (evalCtx: unknown, s: unknown, old: unknown, repl: unknown, count: unknown) => {
    const n = count === undefined || count === null ? -1 : optInt(count, -1);
    if (!evalAutoescape(evalCtx)) return pyReplace(pyStr(s), pyStr(old), pyStr(repl), n);
    const htmlArg = old instanceof Markup || (repl instanceof Markup && !(s instanceof Markup));
    const base = htmlArg && !(s instanceof Markup) ? new Markup(escapeString(pyStr(s))) : softStr(s);
    if (base instanceof Markup) {
      const esc = (x: unknown): string => (x instanceof Markup ? x.s : escapeString(strArg(x)));
      return new Markup(pyReplace(base.s, esc(old), esc(repl), n));
    }
    return pyReplace(base, strArg(softStr(old)), strArg(softStr(repl)), n);
  },
  'evalContext',
);

const format = builtin(['*args', '**kwargs'], (value: unknown, args: unknown[], kwargs: Kwargs) => {
  const hasKw = Object.keys(kwargs).length > 0;
  if (args.length && hasKw) throw filterArgumentError("can't handle positional and keyword arguments at the same time");
  const v = softStr(value);
  const params: unknown = hasKw ? kwargs : tuple(args);
  return v instanceof Markup ? new Markup(percentFormat(v.s, params, true)) : percentFormat(v, params, false);
});

const indent = builtin(['width?', 'first?', 'blank?'], (s: unknown, width: unknown, first: unknown, blank: unknown) => {
  let indention: string;
  if (typeof width === 'string' || width instanceof Markup) indention = text(width);
  else indention = ' '.repeat(Math.max(0, width === undefined ? 4 : optInt(width, 4)));
  if (typeof s !== 'string' && !(s instanceof Markup)) {
    if (s instanceof Undefined) s.fail();
    throw typeError(`unsupported operand type(s) for +=: '${pyTypeName(s)}' and 'str'`);
  }
  const isMarkup = s instanceof Markup;
  const str = text(s) + '\n';
  let rv: string;
  if (blank) rv = pySplitlines(str, false).join('\n' + indention);
  else {
    const lines = pySplitlines(str, false);
    rv = lines.shift() ?? '';
    if (lines.length) rv += '\n' + lines.map((line) => (line ? indention + line : line)).join('\n');
  }
  if (first) rv = indention + rv;
  return isMarkup ? new Markup(rv) : rv;
});

const truncate = builtin(
  ['length?', 'killwords?', 'end?', 'leeway?'],
  (env: RuntimeEnvironment, s: unknown, length: unknown, killwords: unknown, end: unknown, leeway: unknown) => {
    const len = length === undefined ? 255 : optInt(length, 255);
    const endStr = end === undefined ? '...' : end;
    const lee = leeway === undefined || leeway === null ? optInt(env.policies['truncate.leeway'], 5) : optInt(leeway, 5);
    const endLen = pyLen(endStr);
    if (!(len >= endLen)) throw new PythonError('AssertionError', `expected length >= ${endLen}, got ${len}`);
    if (!(lee >= 0)) throw new PythonError('AssertionError', `expected leeway >= 0, got ${lee}`);
    if (typeof s !== 'string' && !(s instanceof Markup)) {
      if (pyLen(s) <= len + lee) return s;
      throw typeError(`'${pyTypeName(s)}' object is not subscriptable`);
    }
    const str = text(s);
    const simple = !hasSurrogates(str);
    if ((simple ? str.length : pyLen(str)) <= len + lee) return s;
    const head = simple ? str.slice(0, Math.max(0, len - endLen < 0 ? str.length + len - endLen : len - endLen)) : (slice(str, null, len - endLen, null) as string);
    const e = strArg(endStr);
    if (killwords) return head + e;
    return pyRsplit(head, ' ', 1)[0] + e;
  },
  'environment',
);

const wordcount = builtin([], (s: unknown) => {
  const m = text(softStr(s)).match(/[\p{L}\p{N}_]+/gu);
  return m ? m.length : 0;
});

const stringFilter = builtin([], (value: unknown) => softStr(value));

const wordwrapFilter = builtin(
  ['width?', 'break_long_words?', 'wrapstring?', 'break_on_hyphens?'],
  (env: RuntimeEnvironment, s: unknown, width: unknown, breakLong: unknown, wrapstring: unknown, breakHyphens: unknown) => {
    const wrap = wrapstring === undefined || wrapstring === null ? env.newlineSequence : strArg(wrapstring);
    // Python calls s.splitlines(): only str and Markup have it
    if (s instanceof Undefined) s.fail();
    if (typeof s !== 'string' && !(s instanceof Markup)) throw new PythonError('AttributeError', `'${pyTypeName(s)}' object has no attribute 'splitlines'`);
    const str = strArg(s);
    const w = width === undefined ? 79 : optInt(width, 79);
    return pySplitlines(str, false)
      .map((line) => wordwrap(line, w, breakLong === undefined ? true : !!breakLong, breakHyphens === undefined ? true : !!breakHyphens).join(wrap))
      .join(wrap);
  },
  'environment',
);

export const STRING_FILTERS = {
  upper,
  lower,
  capitalize,
  title,
  center,
  trim,
  replace,
  format,
  indent,
  truncate,
  wordcount,
  string: stringFilter,
  wordwrap: wordwrapFilter,
};
