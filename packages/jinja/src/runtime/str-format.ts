// str.format(): "{0:>4}", "{name!r}", "{0.attr}", "{0[key]}", nested "{:{width}}".
import { PythonError, valueError } from '../errors.js';
import { formatValue } from './format-spec.js';
import { pyRepr, pyStr } from './repr.js';
import { MISSING, type Kwargs } from './values.js';

export interface FieldLookup {
  /** Python getattr (attributes only, no item fallback); MISSING when absent. */
  attr(obj: unknown, name: string): unknown;
  /** Python obj[key]; MISSING when absent. */
  item(obj: unknown, key: unknown): unknown;
}

interface State {
  args: unknown[];
  kwargs: Kwargs | null;
  auto: number; // next automatic index, -1 once manual numbering was used
  manual: boolean;
  lookup: FieldLookup;
  formatField: (value: unknown, spec: string) => string;
}

function resolveField(field: string, st: State): unknown {
  const split = field.search(/[.[]/);
  const first = split < 0 ? field : field.slice(0, split);
  let rest = split < 0 ? '' : field.slice(split);
  let value: unknown;
  if (first === '') {
    if (st.manual) throw valueError('cannot switch from manual field specification to automatic field numbering');
    const i = st.auto++;
    if (i >= st.args.length) throw new PythonError('IndexError', `Replacement index ${i} out of range for positional args tuple`);
    value = st.args[i];
  } else if (/^\d+$/.test(first)) {
    if (st.auto > 0) throw valueError('cannot switch from automatic field numbering to manual field specification');
    st.manual = true;
    const i = Number(first);
    if (i >= st.args.length) throw new PythonError('IndexError', `Replacement index ${i} out of range for positional args tuple`);
    value = st.args[i];
  } else {
    if (!st.kwargs || !Object.prototype.hasOwnProperty.call(st.kwargs, first)) throw new PythonError('KeyError', pyRepr(first));
    value = st.kwargs[first];
  }
  while (rest.length) {
    if (rest[0] === '.') {
      const mm = /^\.([^.[]*)/.exec(rest)!;
      if (!mm[1]) throw valueError('Empty attribute in format string');
      const v = st.lookup.attr(value, mm[1]);
      if (v === MISSING) throw new PythonError('AttributeError', `object has no attribute ${pyRepr(mm[1])}`);
      value = v;
      rest = rest.slice(mm[0].length);
    } else if (rest[0] === '[') {
      const close = rest.indexOf(']');
      if (close < 0) throw valueError("Missing ']' in format string");
      const keyText = rest.slice(1, close);
      if (!keyText) throw valueError('Empty attribute in format string');
      const key = /^\d+$/.test(keyText) ? Number(keyText) : keyText;
      const v = st.lookup.item(value, key);
      if (v === MISSING) throw new PythonError(typeof key === 'number' ? 'IndexError' : 'KeyError', typeof key === 'number' ? 'list index out of range' : pyRepr(key));
      value = v;
      rest = rest.slice(close + 1);
    } else throw valueError('Only \'.\' or \'[\' may follow \']\' in format field specifier');
  }
  return value;
}

type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'field'; field: string; conversion: string; spec: string }
  | { kind: 'error'; message: string };

const parsedCache = new Map<string, Segment[]>();

/** Splits a format string into literal text and replacement fields; errors stay in place. */
function parse(fmt: string): Segment[] {
  let segments = parsedCache.get(fmt);
  if (segments) return segments;
  segments = [];
  let i = 0;
  let text = '';
  const flush = (): void => {
    if (text) segments!.push({ kind: 'text', text });
    text = '';
  };
  while (i < fmt.length) {
    const ch = fmt[i];
    if (ch === '{') {
      if (fmt[i + 1] === '{') {
        text += '{';
        i += 2;
        continue;
      }
      flush();
      // the matching close brace, allowing one level of nested {} in the spec
      let j = i + 1;
      let level = 1;
      while (j < fmt.length && level > 0) {
        if (fmt[j] === '{') level++;
        else if (fmt[j] === '}') level--;
        if (level > 0) j++;
      }
      if (level > 0) {
        segments.push({ kind: 'error', message: "expected '}' before end of string" });
        break;
      }
      const field = parseField(fmt.slice(i + 1, j));
      segments.push(field);
      if (field.kind === 'error') break;
      i = j + 1;
    } else if (ch === '}') {
      if (fmt[i + 1] === '}') {
        text += '}';
        i += 2;
        continue;
      }
      flush();
      segments.push({ kind: 'error', message: "Single '}' encountered in format string" });
      break;
    } else {
      const next = fmt.indexOf('{', i);
      const close = fmt.indexOf('}', i);
      const end = Math.min(next < 0 ? fmt.length : next, close < 0 ? fmt.length : close);
      text += fmt.slice(i, end);
      i = end;
    }
  }
  flush();
  if (parsedCache.size > 500) parsedCache.clear();
  parsedCache.set(fmt, segments);
  return segments;
}

/** field_name [! conversion] [: format_spec] */
function parseField(body: string): Segment {
  let fieldEnd = body.length;
  let bracket = false;
  for (let k = 0; k < body.length; k++) {
    const c = body[k];
    if (c === '[') bracket = true;
    else if (c === ']') bracket = false;
    else if (!bracket && (c === '!' || c === ':')) {
      fieldEnd = k;
      break;
    }
  }
  let conversion = '';
  let spec = '';
  let rest = body.slice(fieldEnd);
  if (rest[0] === '!') {
    if (rest.length < 2) return { kind: 'error', message: 'end of string while looking for conversion specifier' };
    conversion = rest[1];
    rest = rest.slice(2);
    if (rest.length && rest[0] !== ':') return { kind: 'error', message: "expected ':' after conversion specifier" };
  }
  if (rest[0] === ':') spec = rest.slice(1);
  return { kind: 'field', field: body.slice(0, fieldEnd), conversion, spec };
}

function render(fmt: string, st: State, depth: number): string {
  if (depth > 2) throw valueError('Max string recursion exceeded');
  let out = '';
  for (const seg of parse(fmt)) {
    if (seg.kind === 'text') out += seg.text;
    else if (seg.kind === 'error') throw valueError(seg.message);
    else out += renderField(seg, st, depth);
  }
  return out;
}

function asciiRepr(c: string): string {
  return '\\u' + c.codePointAt(0)!.toString(16).padStart(4, '0');
}

function renderField(seg: { field: string; conversion: string; spec: string }, st: State, depth: number): string {
  let value = resolveField(seg.field, st);
  let spec = seg.spec;
  if (spec.includes('{')) spec = render(spec, { ...st, formatField: formatValue }, depth + 1);
  const conversion = seg.conversion;
  if (conversion === 'r') value = pyRepr(value);
  else if (conversion === 's') value = pyStr(value);
  else if (conversion === 'a') value = pyRepr(value).replace(/[^\x00-\x7f]/gu, asciiRepr);
  else if (conversion !== '') throw valueError(`Unknown conversion specifier ${conversion}`);
  return st.formatField(value, spec);
}

/**
 * Python str.format(). `formatField` renders one replacement (Markup.format escapes them).
 */
export function strFormat(
  fmt: string,
  args: unknown[],
  kwargs: Kwargs | null,
  lookup: FieldLookup,
  formatField: (value: unknown, spec: string) => string = formatValue,
): string {
  const st: State = { args, kwargs, auto: 0, manual: false, lookup, formatField };
  return render(fmt, st, 0);
}
