// Methods of Python str (and markupsafe.Markup) reachable from templates.
import { PythonError, typeError, valueError } from '../errors.js';
import { builtin, type Builtin } from './callable.js';
import { escapeString, Markup, stripTags, unescapeHtml } from './markup.js';
import { codePoints, iterate } from './protocol.js';
import {
  isPySpace,
  needStr,
  optInt,
  pyCapitalize,
  pyCenter,
  pyCount,
  pyExpandtabs,
  pyFind,
  pyLjust,
  pyReplace,
  pyRjust,
  pyRsplit,
  pySplit,
  pySplitlines,
  pyStrip,
  pySwapcase,
  pyTitle,
  pyZfill,
  sliceBounds,
} from './pystr.js';
import { dictEntries } from './dict.js';
import { pyStr } from './repr.js';
import { formatValue } from './format-spec.js';
import { strFormat, type FieldLookup } from './str-format.js';
import { pyTypeName } from './types.js';
import { isTuple, MISSING, tuple, type Kwargs } from './values.js';

function affix(self: string, arg: unknown, start: unknown, end: unknown, atEnd: boolean, name: string): boolean {
  const cps = codePoints(self);
  const [a, b] = sliceBounds(cps.length, start, end);
  const window = a <= b ? cps.slice(a, b).join('') : null;
  const candidates = isTuple(arg) ? arg : [arg];
  for (const c of candidates) {
    if (typeof c !== 'string' && !(c instanceof Markup)) {
      throw typeError(
        isTuple(arg)
          ? `tuple for ${name} must only contain str, not ${pyTypeName(c)}`
          : `${name} first arg must be str or a tuple of str, not ${pyTypeName(c)}`,
      );
    }
    const s = typeof c === 'string' ? c : c.s;
    if (window === null) {
      if (s === '' && a <= cps.length) return true;
      continue;
    }
    if (atEnd ? window.endsWith(s) : window.startsWith(s)) return true;
  }
  return false;
}

let lookupForFormat: FieldLookup = { attr: () => MISSING, item: () => MISSING };
/** Installed by lookup.ts (which depends on this module) to break the import cycle. */
export function setFormatLookup(l: FieldLookup): void {
  lookupForFormat = l;
}

const SUPERSCRIPT_DIGITS = /^[\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792\u{1f100}-\u{1f10a}]$/u;

function allChars(s: string, test: (ch: string) => boolean): boolean {
  if (!s) return false;
  for (const ch of s) if (!test(ch)) return false;
  return true;
}

const isDecimalChar = (ch: string): boolean => /^\p{Nd}$/u.test(ch);
const isDigitChar = (ch: string): boolean => isDecimalChar(ch) || SUPERSCRIPT_DIGITS.test(ch);
const isNumericChar = (ch: string): boolean => /^\p{N}$/u.test(ch) || /^[\u3007\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341\u767e\u5343\u4e07]$/u.test(ch);
const isAlphaChar = (ch: string): boolean => /^\p{L}$/u.test(ch);

function casedTest(s: string, want: 'lower' | 'upper'): boolean {
  let cased = false;
  for (const ch of s) {
    const isUpper = /^[\p{Lu}\p{Lt}]$/u.test(ch);
    const isLower = /^\p{Ll}$/u.test(ch);
    if (want === 'lower' && (isUpper || (/^\p{Lt}$/u.test(ch)))) return false;
    if (want === 'upper' && (isLower || /^\p{Lt}$/u.test(ch))) return false;
    if (isUpper || isLower) cased = true;
  }
  return cased;
}

function isTitle(s: string): boolean {
  let cased = false;
  let prevCased = false;
  for (const ch of s) {
    const upper = /^[\p{Lu}\p{Lt}]$/u.test(ch);
    const lower = /^\p{Ll}$/u.test(ch);
    if (upper) {
      if (prevCased) return false;
      prevCased = true;
      cased = true;
    } else if (lower) {
      if (!prevCased) return false;
      prevCased = true;
      cased = true;
    } else prevCased = false;
  }
  return cased;
}

function joinItems(sep: string, iterable: unknown, markup: boolean): string {
  const parts: string[] = [];
  let i = 0;
  for (const item of iterate(iterable)) {
    if (typeof item === 'string') parts.push(markup ? escapeString(item) : item);
    else if (item instanceof Markup) parts.push(item.s);
    else throw typeError(`sequence item ${i}: expected str instance, ${pyTypeName(item)} found`);
    i++;
  }
  return parts.join(sep);
}

function partition(self: string, sep: unknown, reverse: boolean): string[] {
  const s = needStr(sep);
  if (!s) throw valueError('empty separator');
  const i = reverse ? self.lastIndexOf(s) : self.indexOf(s);
  if (i < 0) return tuple(reverse ? ['', '', self] : [self, '', '']);
  return tuple([self.slice(0, i), s, self.slice(i + s.length)]);
}

export const STR_METHODS: Record<string, Builtin> = {
  capitalize: builtin([], (self: string) => pyCapitalize(self)),
  casefold: builtin([], (self: string) => self.toLowerCase().replace(/ß/g, 'ss')),
  center: builtin(['width', 'fillchar?'], (self: string, w: unknown, f: unknown) => pyCenter(self, optInt(w, 0), f)),
  count: builtin(['sub', 'start?', 'end?'], (self: string, sub: unknown, a: unknown, b: unknown) => pyCount(self, needStr(sub), a, b)),
  endswith: builtin(['suffix', 'start?', 'end?'], (self: string, x: unknown, a: unknown, b: unknown) => affix(self, x, a, b, true, 'endswith')),
  startswith: builtin(['prefix', 'start?', 'end?'], (self: string, x: unknown, a: unknown, b: unknown) => affix(self, x, a, b, false, 'startswith')),
  expandtabs: builtin(['tabsize?'], (self: string, n: unknown) => pyExpandtabs(self, optInt(n, 8))),
  find: builtin(['sub', 'start?', 'end?'], (self: string, sub: unknown, a: unknown, b: unknown) => pyFind(self, needStr(sub), a, b, false)),
  rfind: builtin(['sub', 'start?', 'end?'], (self: string, sub: unknown, a: unknown, b: unknown) => pyFind(self, needStr(sub), a, b, true)),
  index: builtin(['sub', 'start?', 'end?'], (self: string, sub: unknown, a: unknown, b: unknown) => {
    const i = pyFind(self, needStr(sub), a, b, false);
    if (i < 0) throw valueError('substring not found');
    return i;
  }),
  rindex: builtin(['sub', 'start?', 'end?'], (self: string, sub: unknown, a: unknown, b: unknown) => {
    const i = pyFind(self, needStr(sub), a, b, true);
    if (i < 0) throw valueError('substring not found');
    return i;
  }),
  format: builtin(['*args', '**kwargs'], (self: string, args: unknown[], kwargs: Kwargs) => strFormat(self, args, kwargs, lookupForFormat)),
  format_map: builtin(['mapping'], (self: string, mapping: unknown) => {
    const kw: Kwargs = Object.create(null);
    for (const [k, v] of dictEntries(mapping)) if (typeof k === 'string') kw[k] = v;
    return strFormat(self, [], kw, lookupForFormat);
  }),
  isalnum: builtin([], (self: string) => allChars(self, (c) => isAlphaChar(c) || isNumericChar(c) || isDigitChar(c))),
  isalpha: builtin([], (self: string) => allChars(self, isAlphaChar)),
  isascii: builtin([], (self: string) => /^[\x00-\x7f]*$/.test(self)),
  isdecimal: builtin([], (self: string) => allChars(self, isDecimalChar)),
  isdigit: builtin([], (self: string) => allChars(self, isDigitChar)),
  isnumeric: builtin([], (self: string) => allChars(self, (c) => isNumericChar(c) || isDigitChar(c))),
  isidentifier: builtin([], (self: string) => /^[\p{XID_Start}_][\p{XID_Continue}]*$/u.test(self)),
  islower: builtin([], (self: string) => casedTest(self, 'lower')),
  isupper: builtin([], (self: string) => casedTest(self, 'upper')),
  istitle: builtin([], (self: string) => isTitle(self)),
  isspace: builtin([], (self: string) => allChars(self, isPySpace)),
  isprintable: builtin([], (self: string) => {
    for (const ch of self) if (ch !== ' ' && /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u.test(ch)) return false;
    return true;
  }),
  join: builtin(['iterable'], (self: string, it: unknown) => joinItems(self, it, false)),
  ljust: builtin(['width', 'fillchar?'], (self: string, w: unknown, f: unknown) => pyLjust(self, optInt(w, 0), f)),
  rjust: builtin(['width', 'fillchar?'], (self: string, w: unknown, f: unknown) => pyRjust(self, optInt(w, 0), f)),
  lower: builtin([], (self: string) => self.toLowerCase()),
  upper: builtin([], (self: string) => self.toUpperCase()),
  swapcase: builtin([], (self: string) => pySwapcase(self)),
  title: builtin([], (self: string) => pyTitle(self)),
  strip: builtin(['chars?'], (self: string, c: unknown) => pyStrip(self, c, true, true)),
  lstrip: builtin(['chars?'], (self: string, c: unknown) => pyStrip(self, c, true, false)),
  rstrip: builtin(['chars?'], (self: string, c: unknown) => pyStrip(self, c, false, true)),
  partition: builtin(['sep'], (self: string, sep: unknown) => partition(self, sep, false)),
  rpartition: builtin(['sep'], (self: string, sep: unknown) => partition(self, sep, true)),
  removeprefix: builtin(['prefix'], (self: string, p: unknown) => {
    const x = needStr(p);
    return x && self.startsWith(x) ? self.slice(x.length) : self;
  }),
  removesuffix: builtin(['suffix'], (self: string, p: unknown) => {
    const x = needStr(p);
    return x && self.endsWith(x) ? self.slice(0, self.length - x.length) : self;
  }),
  replace: builtin(['old', 'new', 'count?'], (self: string, o: unknown, n: unknown, c: unknown) =>
    pyReplace(self, needStr(o, 'replace() argument 1'), needStr(n, 'replace() argument 2'), optInt(c, -1)),
  ),
  split: builtin(['sep?', 'maxsplit?'], (self: string, sep: unknown, m: unknown) => pySplit(self, sep, optInt(m, -1))),
  rsplit: builtin(['sep?', 'maxsplit?'], (self: string, sep: unknown, m: unknown) => pyRsplit(self, sep, optInt(m, -1))),
  splitlines: builtin(['keepends?'], (self: string, k: unknown) => pySplitlines(self, !!k)),
  zfill: builtin(['width'], (self: string, w: unknown) => pyZfill(self, optInt(w, 0))),
  encode: builtin(['encoding?', 'errors?'], () => {
    throw new PythonError('TypeError', 'bytes objects are not supported in templates');
  }),
};

/** Markup methods whose str arguments are escaped and whose result is Markup again. */
const ESCAPING = new Set([
  'capitalize',
  'title',
  'lower',
  'upper',
  'replace',
  'ljust',
  'rjust',
  'lstrip',
  'rstrip',
  'center',
  'strip',
  'expandtabs',
  'swapcase',
  'zfill',
]);

export const MARKUP_ONLY_METHODS: Record<string, Builtin> = {
  escape: builtin(['s'], (_self: string, s: unknown) => (s instanceof Markup ? s : new Markup(escapeString(pyStr(s))))),
  unescape: builtin([], (self: string) => unescapeHtml(self)),
  striptags: builtin([], (self: string) => stripTags(self)),
};

/** markupsafe's EscapeFormatter.format_field: Markup as is, everything else escaped. */
function markupField(value: unknown, spec: string): string {
  if (value instanceof Markup) {
    if (spec) throw valueError('Unsupported format specification for Markup.');
    return value.s;
  }
  return escapeString(formatValue(value, spec));
}

/** Calls a str method on a Markup receiver with markupsafe's escaping rules. */
export function callMarkupMethod(self: Markup, name: string, impl: Builtin, bound: unknown[]): unknown {
  const esc = (v: unknown): unknown => (typeof v === 'string' ? escapeString(v) : v instanceof Markup ? v.s : v);
  if (ESCAPING.has(name)) return new Markup(impl(self.s, ...bound.map(esc)) as string);
  switch (name) {
    case 'join':
      return new Markup(joinItems(self.s, bound[0], true));
    case 'split':
    case 'rsplit':
    case 'splitlines':
      return (impl(self.s, ...bound) as string[]).map((p) => new Markup(p));
    case 'partition':
    case 'rpartition':
      return tuple((impl(self.s, esc(bound[0])) as string[]).map((p) => new Markup(p)));
    case 'format':
      return new Markup(strFormat(self.s, bound[0] as unknown[], bound[1] as Kwargs, lookupForFormat, markupField));
    default:
      return impl(self.s, ...bound);
  }
}

