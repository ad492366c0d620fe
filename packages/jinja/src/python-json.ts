// Parses JSON into template values the way Python's json.loads() would see them: object key
// order kept exactly (even "10" before "3"), 1.0 stays a float, big integers stay exact, and
// NaN/Infinity literals are accepted. Two tagged objects extend JSON for Python-only values:
//   {"$tuple": [1, 2]}                 → the tuple (1, 2)
//   {"$dict": [[1, "a"], [[1, 2], "b"]]} → a dict with non-string keys {1: 'a', (1, 2): 'b'}
import { PyDict, setKeyOrder } from './runtime/dict.js';
import { normInt, pyFloat, tuple } from './runtime/values.js';

class JsonSyntaxError extends SyntaxError {
  code = 'DT_ERR_JINJA_JSON';
}

const ARRAY_INDEX = /^(0|[1-9][0-9]{0,9})$/;
/** The run of characters a JSON string holds as they are (sticky: matched from lastIndex). */
const PLAIN_CHARS = /[^"\\\x00-\x1f]*/y;

export interface PythonJsonOptions {
  /**
   * How JSON objects are returned. `'pydict'` (default): a plain object, or a `PyDict` when a key
   * looks like an integer. `'object'`: always a plain object that JavaScript code can read as
   * usual; when a key looks like an integer the JSON key order is kept beside it for templates.
   */
  dicts?: 'pydict' | 'object';
}

/** What the parser does beyond JSON.parse; `parseOrderedJson` turns everything but key order off. */
interface ParseMode {
  plainDicts: boolean;
  /** 1.0 as a Python float, big integers as bigint, NaN/Infinity literals, `$tuple`/`$dict` tags. */
  python: boolean;
}

export function parsePythonJson(text: string, options: PythonJsonOptions = {}): unknown {
  return parseJsonText(text, { plainDicts: options.dicts === 'object', python: true });
}

/** JSON.parse exactly (same values, same errors' code), except that objects keep their key order (see ordered-json.ts). */
export function parseKeyOrderedJson(text: string): unknown {
  return parseJsonText(text, { plainDicts: true, python: false });
}

function parseJsonText(text: string, mode: ParseMode): unknown {
  const { plainDicts, python } = mode;
  let i = 0;
  const fail = (msg: string): never => {
    const before = text.slice(0, i);
    const line = before.split('\n').length;
    const col = i - before.lastIndexOf('\n');
    throw new JsonSyntaxError(`${msg} at line ${line} column ${col}`);
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const value = (): unknown => {
    ws();
    const ch = text[i];
    if (ch === '{') return object();
    if (ch === '[') {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return arr;
        } else fail('Expecting \',\' delimiter');
      }
    }
    if (ch === '"') return string();
    if (text.startsWith('true', i)) return (i += 4), true;
    if (text.startsWith('false', i)) return (i += 5), false;
    if (text.startsWith('null', i)) return (i += 4), null;
    if (python && text.startsWith('NaN', i)) return (i += 3), NaN;
    if (python && text.startsWith('Infinity', i)) return (i += 8), Infinity;
    if (python && text.startsWith('-Infinity', i)) return (i += 9), -Infinity;
    const m = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
    m.lastIndex = i;
    const n = m.exec(text);
    if (!n) return fail('Expecting value');
    i += n[0].length;
    if (!python) return Number(n[0]);
    if (n[1] === undefined && n[2] === undefined) return normInt(BigInt(n[0]));
    return pyFloat(Number(n[0]));
  };
  const string = (): string => {
    i++;
    let out = '';
    for (;;) {
      PLAIN_CHARS.lastIndex = i;
      PLAIN_CHARS.exec(text);
      const j = PLAIN_CHARS.lastIndex;
      if (j >= text.length) fail('Unterminated string');
      out += text.slice(i, j);
      i = j;
      const c = text[i];
      if (c === '"') {
        i++;
        return out;
      }
      if (c !== '\\') fail('Invalid control character');
      const e = text[i + 1];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e in simple) {
        out += simple[e];
        i += 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
      } else fail('Invalid \\escape');
    }
  };
  const object = (): unknown => {
    i++;
    const entries: [string, unknown][] = [];
    ws();
    if (text[i] === '}') i++;
    else {
      for (;;) {
        ws();
        if (text[i] !== '"') fail('Expecting property name enclosed in double quotes');
        const key = string();
        ws();
        if (text[i] !== ':') fail("Expecting ':' delimiter");
        i++;
        entries.push([key, value()]);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          break;
        } else fail("Expecting ',' delimiter");
      }
    }
    if (python && entries.length === 1 && entries[0][0] === '$tuple' && Array.isArray(entries[0][1])) return tuple(entries[0][1] as unknown[]);
    if (python && entries.length === 1 && entries[0][0] === '$dict' && Array.isArray(entries[0][1])) {
      return PyDict.from((entries[0][1] as unknown[][]).map((pair) => [pair[0], pair[1]] as [unknown, unknown]));
    }
    // Plain objects reorder integer-like keys; keep Python's order with a PyDict, or beside the object.
    const integerLike = entries.some(([k]) => ARRAY_INDEX.test(k));
    if (integerLike && !plainDicts) return PyDict.from(entries);
    const obj: Record<string, unknown> = {};
    for (const [k, v] of entries) Object.defineProperty(obj, k, { value: v, writable: true, enumerable: true, configurable: true });
    if (integerLike) setKeyOrder(obj, [...new Set(entries.map(([k]) => k))]);
    return obj;
  };
  const result = value();
  ws();
  if (i < text.length) fail('Extra data');
  return result;
}
