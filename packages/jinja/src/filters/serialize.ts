// tojson (Python json.dumps with sort_keys, made HTML-safe) and pprint (pprint.pformat).
import { typeError } from '../errors.js';
import { builtin } from '../runtime/callable.js';
import type { EvalContext } from '../runtime/context.js';
import { dictEntries, isDictLike, PyDict } from '../runtime/dict.js';
import { Markup } from '../runtime/markup.js';
import { compare } from '../runtime/operators.js';
import { pySplitlines } from '../runtime/pystr.js';
import { floatRepr, intStr, pyRepr, strRepr } from '../runtime/repr.js';
import { pyTypeName } from '../runtime/types.js';
import { isTuple, PyFloat } from '../runtime/values.js';

const JSON_PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function jsonString(s: string): string {
  if (JSON_PLAIN.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || c > 0x7e) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

function jsonFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return floatRepr(x);
}

function jsonKey(k: unknown): string {
  if (typeof k === 'string') return k;
  if (k instanceof Markup) return k.s;
  if (typeof k === 'boolean') return k ? 'true' : 'false';
  if (k === null || k === undefined) return 'null';
  if (typeof k === 'bigint' || (typeof k === 'number' && Number.isInteger(k))) return intStr(k as number);
  if (typeof k === 'number') return jsonFloat(k);
  if (k instanceof PyFloat) return jsonFloat(k.value);
  throw typeError(`keys must be str, int, float, bool or None, not ${pyTypeName(k)}`);
}

/** Keys that are plain strings already in code point order (the usual dict literal). */
function stringKeysSorted(keys: unknown[]): boolean {
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (typeof k !== 'string' || /[\ud800-\uffff]/.test(k)) return false;
    if (i > 0 && !((keys[i - 1] as string) < k)) return false;
  }
  return true;
}

function jsonDict(entries: [unknown, unknown][], indent: string | null, level: number, itemSep: string, open: string, close: string): string {
  entries.sort(byKey);
  const parts: string[] = [];
  for (const [k, v] of entries) parts.push(`${jsonString(jsonKey(k))}: ${jsonDumps(v, indent, level + 1)}`);
  return `{${open}${parts.join(itemSep + open)}${close}}`;
}

function sortedByKey(entries: [unknown, unknown][]): boolean {
  for (let i = 1; i < entries.length; i++) {
    const a = entries[i - 1][0];
    const b = entries[i][0];
    if (typeof a !== 'string' || typeof b !== 'string' || !(a < b) || /[\ud800-\uffff]/.test(a + b)) return false;
  }
  return true;
}

function byKey(a: [unknown, unknown], b: [unknown, unknown]): number {
  return compare(a[0], b[0], '<');
}

/** Python json.dumps(value, sort_keys=True, indent=indent). */
export function jsonDumps(value: unknown, indent: string | null, level = 0): string {
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'string') return jsonString(value);
  if (value instanceof Markup) return jsonString(value.s);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isInteger(value) ? intStr(value) : jsonFloat(value);
  if (value instanceof PyFloat) return jsonFloat(value.value);
  const itemSep = indent === null ? ', ' : ',';
  const open = indent === null ? '' : '\n' + indent.repeat(level + 1);
  const close = indent === null ? '' : '\n' + indent.repeat(level);
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    const parts: string[] = [];
    for (const v of value) parts.push(jsonDumps(v, indent, level + 1));
    return `[${open}${parts.join(itemSep + open)}${close}]`;
  }
  if (value instanceof PyDict) {
    const keys = value.keys();
    if (!keys.length) return '{}';
    if (keys.length > 1 && !stringKeysSorted(keys)) return jsonDict(dictEntries(value), indent, level, itemSep, open, close);
    const parts: string[] = [];
    for (const k of keys) parts.push(`${jsonString(k as string)}: ${jsonDumps(value.get(k), indent, level + 1)}`);
    return `{${open}${parts.join(itemSep + open)}${close}}`;
  }
  if (isDictLike(value)) {
    const entries = dictEntries(value);
    if (!entries.length) return '{}';
    if (entries.length > 1 && !sortedByKey(entries)) entries.sort(byKey);
    const parts: string[] = [];
    for (const [k, v] of entries) parts.push(`${jsonString(jsonKey(k))}: ${jsonDumps(v, indent, level + 1)}`);
    return `{${open}${parts.join(itemSep + open)}${close}}`;
  }
  throw typeError(`Object of type ${pyTypeName(value)} is not JSON serializable`);
}

const HTML_UNSAFE = /[<>&']/g;
const HTML_UNSAFE_TEST = /[<>&']/;
const HTML_SAFE_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', "'": '\\u0027' };
function htmlSafe(c: string): string {
  return HTML_SAFE_ESCAPES[c];
}

const tojson = builtin(
  ['indent?'],
  (evalCtx: EvalContext, value: unknown, indent: unknown) => {
    const kwargs = (evalCtx.environment.policies['json.dumps_kwargs'] ?? {}) as { indent?: unknown };
    const ind = indent === undefined || indent === null ? (kwargs.indent ?? null) : indent;
    const indentStr = ind === null || ind === undefined ? null : typeof ind === 'string' ? ind : ' '.repeat(Number(ind));
    const json = jsonDumps(value, indentStr);
    const text = HTML_UNSAFE_TEST.test(json) ? json.replace(HTML_UNSAFE, htmlSafe) : json;
    return new Markup(text);
  },
  'evalContext',
);

// ---- pprint.pformat(width=80, indent=1, sort_dicts=True) ----

function sortedItems(value: unknown): [unknown, unknown][] {
  const entries = dictEntries(value);
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => {
      try {
        return compare(a.e[0], b.e[0], '<') || a.i - b.i;
      } catch {
        return pyTypeName(a.e[0]) < pyTypeName(b.e[0]) ? -1 : pyTypeName(a.e[0]) > pyTypeName(b.e[0]) ? 1 : a.i - b.i;
      }
    })
    .map((x) => x.e);
}

/** repr() with dict keys sorted, as pprint's safe_repr does. */
function safeRepr(value: unknown): string {
  if (Array.isArray(value)) {
    const inner = value.map(safeRepr).join(', ');
    if (!isTuple(value)) return `[${inner}]`;
    return value.length === 1 ? `(${inner},)` : `(${inner})`;
  }
  if (isDictLike(value)) return `{${sortedItems(value).map(([k, v]) => `${safeRepr(k)}: ${safeRepr(v)}`).join(', ')}}`;
  return pyRepr(value);
}

const WIDTH = 80;

function pformatInto(value: unknown, out: string[], indent: number, allowance: number, level: number): void {
  const rep = safeRepr(value);
  const maxWidth = WIDTH - indent - allowance;
  if ([...rep].length <= maxWidth) {
    out.push(rep);
    return;
  }
  if (isDictLike(value)) {
    out.push('{');
    const items = sortedItems(value);
    const inner = indent + 1;
    items.forEach(([k, v], i) => {
      const last = i === items.length - 1;
      const keyRep = safeRepr(k);
      out.push(keyRep, ': ');
      pformatInto(v, out, inner + keyRep.length + 2, last ? allowance + 1 : 1, level + 1);
      if (!last) out.push(',\n' + ' '.repeat(inner));
    });
    out.push('}');
    return;
  }
  if (Array.isArray(value)) {
    const tupleLike = isTuple(value);
    const endchar = tupleLike ? (value.length === 1 ? ',)' : ')') : ']';
    out.push(tupleLike ? '(' : '[');
    const inner = indent + 1;
    const itemAllowance = allowance + (tupleLike ? endchar.length : 1);
    value.forEach((v, i) => {
      const last = i === value.length - 1;
      if (i) out.push(',\n' + ' '.repeat(inner));
      pformatInto(v, out, inner, last ? itemAllowance : 1, level + 1);
    });
    out.push(endchar);
    return;
  }
  if (typeof value === 'string' && value.length) {
    out.push(pformatString(value, indent, allowance, level));
    return;
  }
  out.push(rep);
}

function pformatString(s: string, indentIn: number, allowanceIn: number, level: number): string {
  let indent = indentIn;
  let allowance = allowanceIn;
  const lines = pySplitlines(s, true);
  if (level === 1) {
    indent += 1;
    allowance += 1;
  }
  const maxWidth = WIDTH - indent;
  let maxWidth1 = maxWidth;
  const chunks: string[] = [];
  let rep = '';
  lines.forEach((line, i) => {
    rep = strRepr(line);
    if (i === lines.length - 1) maxWidth1 -= allowance;
    if ([...rep].length <= maxWidth1) chunks.push(rep);
    else {
      const parts = line.match(/\S*\s*/gu)!.filter((p, idx, all) => idx < all.length - 1 || p);
      let maxWidth2 = maxWidth;
      let current = '';
      parts.forEach((part, j) => {
        const candidate = current + part;
        if (j === parts.length - 1 && i === lines.length - 1) maxWidth2 -= allowance;
        if ([...strRepr(candidate)].length > maxWidth2) {
          if (current) chunks.push(strRepr(current));
          current = part;
        } else current = candidate;
      });
      if (current) chunks.push(strRepr(current));
    }
  });
  if (chunks.length === 1) return rep;
  const body = chunks.join('\n' + ' '.repeat(indent));
  return level === 1 ? `(${body})` : body;
}

const pprint = builtin([], (value: unknown) => {
  const out: string[] = [];
  pformatInto(value, out, 0, 0, 1);
  return out.join('');
});

export const SERIALIZE_FILTERS = { tojson, pprint };
