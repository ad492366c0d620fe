// markupsafe's Markup: a string already safe for HTML. Treated as a str everywhere.
import { PY_TYPE } from './values.js';

export class Markup {
  constructor(readonly s: string) {}
  toString(): string {
    return this.s;
  }
  get [PY_TYPE](): string {
    return 'Markup';
  }
}

const NEEDS_ESCAPE_RE = /[&<>"']/;

/** markupsafe escaping of a plain string. */
export function escapeString(s: string): string {
  if (!NEEDS_ESCAPE_RE.test(s)) return s;
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    let rep: string;
    switch (s.charCodeAt(i)) {
      case 38:
        rep = '&amp;';
        break;
      case 60:
        rep = '&lt;';
        break;
      case 62:
        rep = '&gt;';
        break;
      case 34:
        rep = '&#34;';
        break;
      case 39:
        rep = '&#39;';
        break;
      default:
        continue;
    }
    out += s.slice(last, i) + rep;
    last = i + 1;
  }
  return out + s.slice(last);
}

/** Whether a value implements __html__ (is already safe). */
export function isMarkup(x: unknown): x is Markup {
  return x instanceof Markup;
}

/** The string inside a str or Markup, or null for other values. */
export function strValue(x: unknown): string | null {
  if (typeof x === 'string') return x;
  if (x instanceof Markup) return x.s;
  return null;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '\u00a9',
  reg: '\u00ae',
  trade: '\u2122',
  hellip: '\u2026',
  mdash: '\u2014',
  ndash: '\u2013',
  laquo: '\u00ab',
  raquo: '\u00bb',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  bull: '\u2022',
  middot: '\u00b7',
  deg: '\u00b0',
  euro: '\u20ac',
  pound: '\u00a3',
  yen: '\u00a5',
  cent: '\u00a2',
  sect: '\u00a7',
  para: '\u00b6',
  times: '\u00d7',
  divide: '\u00f7',
  eacute: '\u00e9',
  egrave: '\u00e8',
  agrave: '\u00e0',
  ccedil: '\u00e7',
  uuml: '\u00fc',
  ouml: '\u00f6',
  auml: '\u00e4',
  szlig: '\u00df',
};

/** html.unescape for numeric references and the common named entities. */
export function unescapeHtml(s: string): string {
  return s.replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?/g, (all, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code === 0) return '\ufffd';
      return String.fromCodePoint(code);
    }
    const ch = NAMED_ENTITIES[body];
    if (ch !== undefined && (all.endsWith(';') || ['amp', 'lt', 'gt', 'quot', 'nbsp', 'copy', 'reg'].includes(body))) return ch;
    return all;
  });
}

/** Markup.striptags(): drop comments and tags, collapse whitespace, unescape. */
export function stripTags(s: string): string {
  const noComments = s.replace(/<!--[\s\S]*?-->/g, '');
  const noTags = noComments.replace(/<[\s\S]*?>/g, '');
  const collapsed = noTags.split(/[\s\u001c-\u001f\u0085]+/u).filter(Boolean).join(' ');
  return unescapeHtml(collapsed);
}
