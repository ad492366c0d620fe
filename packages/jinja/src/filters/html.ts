// HTML and URL filters: escape, forceescape, safe, striptags, urlencode, urlize, xmlattr.
import { PythonError, valueError } from '../errors.js';
import { builtin } from '../runtime/callable.js';
import type { EvalContext } from '../runtime/context.js';
import { dictEntries, isDictLike } from '../runtime/dict.js';
import { escapeString, Markup, stripTags } from '../runtime/markup.js';
import { iterate, toList } from '../runtime/protocol.js';
import { pyRepr, pyStr } from '../runtime/repr.js';
import { pyTypeName } from '../runtime/types.js';
import { Undefined } from '../runtime/undefined.js';
import { filterArgumentError } from './common.js';

/** markupsafe.escape(): Markup stays as is, everything else is str()-ed and escaped. */
export function escape(x: unknown): Markup {
  if (x instanceof Markup) return x;
  return new Markup(escapeString(pyStr(x)));
}

const escapeFilter = builtin([], (x: unknown) => escape(x));
const forceescape = builtin([], (x: unknown) => new Markup(escapeString(x instanceof Markup ? x.s : pyStr(x))));
const safe = builtin([], (x: unknown) => (x instanceof Markup ? x : new Markup(pyStr(x))));
const striptags = builtin([], (x: unknown) => stripTags(x instanceof Markup ? x.s : pyStr(x)));

const ALWAYS_SAFE = /[A-Za-z0-9_.\-~]/;
const QUERY_SAFE_TEXT = /^[A-Za-z0-9_.\-~]*$/;
const PATH_SAFE_TEXT = /^[A-Za-z0-9_.\-~/]*$/;

/** urllib.parse.quote over UTF-8 bytes; `forQuery` also quotes "/" and turns spaces into "+". */
export function urlQuote(x: unknown, forQuery = false): string {
  const s = typeof x === 'string' ? x : x instanceof Markup ? x.s : pyStr(x);
  if (forQuery ? QUERY_SAFE_TEXT.test(s) : PATH_SAFE_TEXT.test(s)) return s;
  let out = '';
  for (const byte of Buffer.from(s, 'utf-8')) {
    const ch = String.fromCharCode(byte);
    if (byte < 0x80 && (ALWAYS_SAFE.test(ch) || (!forQuery && ch === '/'))) out += ch;
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return forQuery ? out.replace(/%20/g, '+') : out;
}

const urlencode = builtin([], (value: unknown) => {
  if (typeof value === 'string' || value instanceof Markup || !isIterableForUrl(value)) return urlQuote(value);
  const pairs = isDictLike(value) ? dictEntries(value) : toList(value).map(unpackPair);
  return pairs.map(([k, v]) => `${urlQuote(k, true)}=${urlQuote(v, true)}`).join('&');
});

/** Python's `for k, v in value` unpacking of one item. */
function unpackPair(item: unknown): [unknown, unknown] {
  const kv = toList(item);
  if (kv.length > 2) throw new PythonError('ValueError', 'too many values to unpack (expected 2)');
  if (kv.length < 2) throw new PythonError('ValueError', `not enough values to unpack (expected 2, got ${kv.length})`);
  return [kv[0], kv[1]];
}

function isIterableForUrl(x: unknown): boolean {
  try {
    iterate(x);
    return true;
  } catch {
    return false;
  }
}

const HTTP_RE =
  /^((https?:\/\/|www\.)(([\p{L}\p{N}_%-]+\.)+)?([a-z]{2,63}|xn--[\p{L}\p{N}_%]{2,59})|([\p{L}\p{N}_%-]{2,63}\.)+(com|net|int|edu|gov|org|info|mil)|(https?:\/\/)((([\d]{1,3})(\.[\d]{1,3}){3})|(\[([\da-f]{0,4}:){2}([\da-f]{0,4}:?){1,6}\])))(?::[\d]{1,5})?(?:[/?#]\S*)?$/iu;
const EMAIL_RE = /^\S+@[\p{L}\p{N}_][\p{L}\p{N}_.-]*\.[\p{L}\p{N}_]+$/u;
const SCHEME_RE = /^([\p{L}\p{N}_.+-]{2,}:(\/){0,2})$/u;

function urlizeText(
  textIn: string,
  trimLimit: number | null,
  rel: string | null,
  target: string | null,
  extraSchemes: string[] | null,
): string {
  const trim = (x: string): string => (trimLimit !== null && [...x].length > trimLimit ? `${[...x].slice(0, trimLimit).join('')}...` : x);
  const words = escapeString(textIn).split(/(\s+)/u);
  const relAttr = rel ? ` rel="${escapeString(rel)}"` : '';
  const targetAttr = target ? ` target="${escapeString(target)}"` : '';
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    let head = '';
    let middle = word;
    let tail = '';
    const lead = /^([(<]|&lt;)+/.exec(middle);
    if (lead) {
      head = lead[0];
      middle = middle.slice(lead[0].length);
    }
    if (/([)>.,\n]|&gt;)$/.test(middle)) {
      const m = /([)>.,\n]|&gt;)+$/.exec(middle);
      if (m) {
        tail = m[0];
        middle = middle.slice(0, m.index);
      }
    }
    for (const [startChar, endChar] of [
      ['(', ')'],
      ['<', '>'],
      ['&lt;', '&gt;'],
    ]) {
      const startCount = middle.split(startChar).length - 1;
      if (startCount <= middle.split(endChar).length - 1) continue;
      const moves = Math.min(startCount, tail.split(endChar).length - 1);
      for (let k = 0; k < moves; k++) {
        const endIndex = tail.indexOf(endChar) + endChar.length;
        middle += tail.slice(0, endIndex);
        tail = tail.slice(endIndex);
      }
    }
    if (HTTP_RE.test(middle)) {
      if (middle.startsWith('https://') || middle.startsWith('http://')) {
        middle = `<a href="${middle}"${relAttr}${targetAttr}>${trim(middle)}</a>`;
      } else middle = `<a href="https://${middle}"${relAttr}${targetAttr}>${trim(middle)}</a>`;
    } else if (middle.startsWith('mailto:') && EMAIL_RE.test(middle.slice(7))) {
      middle = `<a href="${middle}">${middle.slice(7)}</a>`;
    } else if (middle.includes('@') && !middle.startsWith('www.') && !middle.includes(':') && EMAIL_RE.test(middle)) {
      middle = `<a href="mailto:${middle}">${middle}</a>`;
    } else if (extraSchemes !== null) {
      for (const scheme of extraSchemes) {
        if (middle !== scheme && middle.startsWith(scheme)) middle = `<a href="${middle}"${relAttr}${targetAttr}>${middle}</a>`;
      }
    }
    words[i] = `${head}${middle}${tail}`;
  }
  return words.join('');
}

const urlize = builtin(
  ['trim_url_limit?', 'nofollow?', 'target?', 'rel?', 'extra_schemes?'],
  (evalCtx: EvalContext, value: unknown, trimLimit: unknown, nofollow: unknown, target: unknown, rel: unknown, extra: unknown) => {
    const policies = evalCtx.environment.policies;
    const relParts = new Set(((rel as string | null | undefined) ?? '').split(/\s+/).filter(Boolean));
    if (nofollow) relParts.add('nofollow');
    for (const p of String(policies['urlize.rel'] ?? '').split(/\s+/).filter(Boolean)) relParts.add(p);
    const relValue = [...relParts].sort().join(' ') || null;
    const tgt = target === undefined || target === null ? (policies['urlize.target'] as string | null) : pyStr(target);
    const schemes = extra === undefined || extra === null ? ((policies['urlize.extra_schemes'] as string[] | null) ?? []) : (toList(extra) as string[]);
    for (const scheme of schemes) {
      if (!SCHEME_RE.test(scheme)) throw filterArgumentError(`${pyRepr(scheme)} is not a valid URI scheme prefix.`);
    }
    const limit = trimLimit === undefined || trimLimit === null ? null : Number(trimLimit);
    const rv = urlizeText(pyStr(value), limit, relValue, tgt ?? null, schemes);
    return evalCtx.autoescape ? new Markup(rv) : rv;
  },
  'evalContext',
);

const xmlattr = builtin(
  ['autospace?'],
  (evalCtx: EvalContext, d: unknown, autospace: unknown) => {
    if (!isDictLike(d)) {
      if (d instanceof Undefined) d.fail();
      throw new PythonError('AttributeError', `'${pyTypeName(d)}' object has no attribute 'items'`);
    }
    const items: string[] = [];
    for (const [key, value] of dictEntries(d)) {
      if (value === null || value === undefined || value instanceof Undefined) continue;
      const k = pyStr(key);
      if (/[ \t\n\r\f\v/>=]/.test(k)) throw valueError(`Invalid character in attribute name: ${pyRepr(key)}`);
      items.push(`${escape(key).s}="${escape(value).s}"`);
    }
    let rv = items.join(' ');
    if ((autospace === undefined || autospace) && rv) rv = ' ' + rv;
    return evalCtx.autoescape ? new Markup(rv) : rv;
  },
  'evalContext',
);

export const HTML_FILTERS = {
  escape: escapeFilter,
  e: escapeFilter,
  forceescape,
  safe,
  striptags,
  urlencode,
  urlize,
  xmlattr,
};
