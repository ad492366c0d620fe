// Splits template source into tokens, with Jinja's whitespace control: `{%-`/`-%}`,
// trim_blocks, lstrip_blocks, keep_trailing_newline and newline normalisation.
import { TemplateSyntaxError } from './errors.js';
import { decodeStringLiteral } from './string-literal.js';

export type TokenType =
  | 'data'
  | 'variable_begin'
  | 'variable_end'
  | 'block_begin'
  | 'block_end'
  | 'name'
  | 'string'
  | 'integer'
  | 'float'
  | 'add'
  | 'sub'
  | 'div'
  | 'floordiv'
  | 'mul'
  | 'mod'
  | 'pow'
  | 'tilde'
  | 'lbracket'
  | 'rbracket'
  | 'lparen'
  | 'rparen'
  | 'lbrace'
  | 'rbrace'
  | 'eq'
  | 'ne'
  | 'gt'
  | 'gteq'
  | 'lt'
  | 'lteq'
  | 'assign'
  | 'dot'
  | 'colon'
  | 'pipe'
  | 'comma'
  | 'semicolon'
  | 'eof';

export interface Token {
  type: TokenType;
  /** Decoded value: text for data/name/string, number|bigint for integer, number for float. */
  value: any;
  lineno: number;
  /** Offset in the normalised source (for column numbers in errors). */
  pos: number;
}

export interface LexerOptions {
  trimBlocks: boolean;
  lstripBlocks: boolean;
  keepTrailingNewline: boolean;
  newlineSequence: string;
}

export const OPERATORS: Record<string, TokenType> = {
  '+': 'add',
  '-': 'sub',
  '/': 'div',
  '//': 'floordiv',
  '*': 'mul',
  '%': 'mod',
  '**': 'pow',
  '~': 'tilde',
  '[': 'lbracket',
  ']': 'rbracket',
  '(': 'lparen',
  ')': 'rparen',
  '{': 'lbrace',
  '}': 'rbrace',
  '==': 'eq',
  '!=': 'ne',
  '>': 'gt',
  '>=': 'gteq',
  '<': 'lt',
  '<=': 'lteq',
  '=': 'assign',
  '.': 'dot',
  ':': 'colon',
  '|': 'pipe',
  ',': 'comma',
  ';': 'semicolon',
};

const TAG_START = /\{[{%#]/g;
const RAW_BEGIN = /\{%(-|\+|)\s*raw\s*(?:-%\}\s*|%\})/y;
const WHITESPACE = /\s+/y;
const FLOAT = /(?<!\.)(?:[0-9]+_)*[0-9]+(?:(?:\.(?:[0-9]+_)*[0-9]+)?[eE][+-]?(?:[0-9]+_)*[0-9]+|\.(?:[0-9]+_)*[0-9]+)/y;
const INTEGER = /(?:0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0[xX](?:_?[0-9a-fA-F])+|[1-9](?:_?[0-9])*|0(?:_?0)*)/y;
const NAME = /[\p{ID_Continue}\u00b7\u0387\u1369-\u1371\u19da]+/uy;
const IDENTIFIER = /^[\p{XID_Start}_][\p{XID_Continue}]*$/u;
const STRING = /'([^'\\]*(?:\\[\s\S][^'\\]*)*)'|"([^"\\]*(?:\\[\s\S][^"\\]*)*)"/y;
const OPERATOR = /\/\/|\*\*|==|!=|>=|<=|[+\-/*%~[\](){}><=.:|,;]/y;
const VARIABLE_END = /-\}\}\s*|\}\}/y;
const ALL_WHITESPACE = /^\s+$/;
const NEWLINES = /\r\n|\r|\n/g;

function blockEndRe(trim: boolean): RegExp {
  return trim ? /\+%\}|-%\}\s*|%\}\n?/y : /\+%\}|-%\}\s*|%\}/y;
}
function commentRe(trim: boolean): RegExp {
  return trim ? /([\s\S]*?)(\+#\}|-#\}\s*|#\}\n?)/y : /([\s\S]*?)(\+#\}|-#\}\s*|#\})/y;
}
function rawEndRe(trim: boolean): RegExp {
  return trim
    ? /([\s\S]*?)(\{%(-|\+|)\s*endraw\s*(?:\+%\}|-%\}\s*|%\}\n?))/y
    : /([\s\S]*?)(\{%(-|\+|)\s*endraw\s*(?:\+%\}|-%\}\s*|%\}))/y;
}

function countNewlines(s: string, from = 0, to = s.length): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Python str.rstrip() (Unicode whitespace). */
function rstrip(s: string): string {
  return s.replace(/[\s\x1c-\x1f\x85]+$/u, '');
}

/** Normalises line endings and drops one trailing newline, as Jinja does before lexing. */
export function prepareSource(source: string, keepTrailingNewline: boolean): string {
  const lines = source.split(/\r\n|\r|\n/);
  if (!keepTrailingNewline && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

export function tokenize(rawSource: string, name: string | null, opts: LexerOptions): Token[] {
  const source = prepareSource(rawSource, opts.keepTrailingNewline);
  const tokens: Token[] = [];
  const nl = opts.newlineSequence;
  const normalize = nl === '\n' ? (s: string) => s : (s: string) => s.replace(NEWLINES, nl);
  const blockEnd = blockEndRe(opts.trimBlocks);
  const commentEnd = commentRe(opts.trimBlocks);
  const rawEnd = rawEndRe(opts.trimBlocks);
  const len = source.length;
  let pos = 0;
  let lineno = 1;
  let lineStarting = true;

  const fail = (msg: string, at: number, line = lineno): never => {
    throw new TemplateSyntaxError(msg, line, name, columnOf(source, at)).withSource(source);
  };

  /** Applies `-` stripping and lstrip_blocks to the text in front of a tag. */
  const stripBefore = (text: string, sign: string, isVariable: boolean): string => {
    if (sign === '-') return rstrip(text);
    if (sign !== '+' && opts.lstripBlocks && !isVariable) {
      const lpos = text.lastIndexOf('\n') + 1;
      if ((lpos > 0 || lineStarting) && ALL_WHITESPACE.test(text.slice(lpos))) return text.slice(0, lpos);
    }
    return text;
  };

  const pushData = (text: string, start: number, line: number): void => {
    if (text) tokens.push({ type: 'data', value: normalize(text), lineno: line, pos: start });
  };

  while (pos < len) {
    TAG_START.lastIndex = pos;
    const m = TAG_START.exec(source);
    if (!m) {
      pushData(source.slice(pos), pos, lineno);
      break;
    }
    const at = m.index;
    let text = source.slice(pos, at);
    const opener = m[0];
    RAW_BEGIN.lastIndex = at;
    const raw = opener === '{%' ? RAW_BEGIN.exec(source) : null;
    const signChar = source[at + 2];
    const sign = raw ? raw[1] : signChar === '-' || signChar === '+' ? signChar : '';
    const kind = raw ? 'raw' : opener === '{{' ? 'variable' : opener === '{%' ? 'block' : 'comment';
    text = stripBefore(text, sign, kind === 'variable');
    pushData(text, pos, lineno);
    lineno += countNewlines(source, pos, at);
    lineStarting = false;

    if (kind === 'comment') {
      commentEnd.lastIndex = at + 2 + sign.length;
      const c = commentEnd.exec(source);
      if (!c) return fail('Missing end of comment tag', at);
      lineno += countNewlines(c[0]);
      lineStarting = c[0].endsWith('\n');
      pos = at + 2 + sign.length + c[0].length;
      continue;
    }

    if (kind === 'raw') {
      const rawTag = raw![0];
      lineno += countNewlines(rawTag);
      lineStarting = rawTag.endsWith('\n');
      const bodyStart = at + rawTag.length;
      rawEnd.lastIndex = bodyStart;
      const r = rawEnd.exec(source);
      if (!r) return fail('Missing end of raw directive', at);
      const body = stripBefore(r[1], r[3], false);
      pushData(body, bodyStart, lineno);
      lineno += countNewlines(r[0]);
      lineStarting = r[0].endsWith('\n');
      pos = bodyStart + r[0].length;
      continue;
    }

    tokens.push({ type: kind === 'variable' ? 'variable_begin' : 'block_begin', value: opener + sign, lineno, pos: at });
    pos = at + 2 + sign.length;
    const endRe = kind === 'variable' ? VARIABLE_END : blockEnd;
    const balancing: string[] = [];
    let closed = false;
    while (pos < len) {
      if (!balancing.length) {
        endRe.lastIndex = pos;
        const e = endRe.exec(source);
        if (e) {
          tokens.push({ type: kind === 'variable' ? 'variable_end' : 'block_end', value: e[0], lineno, pos });
          lineno += countNewlines(e[0]);
          lineStarting = e[0].endsWith('\n');
          pos += e[0].length;
          closed = true;
          break;
        }
      }
      WHITESPACE.lastIndex = pos;
      const ws = WHITESPACE.exec(source);
      if (ws) {
        lineno += countNewlines(ws[0]);
        pos += ws[0].length;
        continue;
      }
      pos = lexExpressionToken(source, pos, tokens, balancing, lineno, fail, normalize);
    }
    if (!closed) break; // unterminated tag: the parser reports the unexpected end
  }
  tokens.push({ type: 'eof', value: '', lineno, pos: len });
  return tokens;
}

/** Lexes one token inside {{ }} or {% %}; returns the new position. */
function lexExpressionToken(
  source: string,
  pos: number,
  tokens: Token[],
  balancing: string[],
  lineno: number,
  fail: (msg: string, at: number, line?: number) => never,
  normalize: (s: string) => string,
): number {
  let m: RegExpExecArray | null;
  FLOAT.lastIndex = pos;
  if ((m = FLOAT.exec(source))) {
    tokens.push({ type: 'float', value: Number(m[0].replace(/_/g, '')), lineno, pos });
    return pos + m[0].length;
  }
  INTEGER.lastIndex = pos;
  if ((m = INTEGER.exec(source))) {
    tokens.push({ type: 'integer', value: parseIntLiteral(m[0]), lineno, pos });
    return pos + m[0].length;
  }
  NAME.lastIndex = pos;
  if ((m = NAME.exec(source))) {
    if (!IDENTIFIER.test(m[0])) fail('Invalid character in identifier', pos);
    tokens.push({ type: 'name', value: m[0], lineno, pos });
    return pos + m[0].length;
  }
  STRING.lastIndex = pos;
  if ((m = STRING.exec(source))) {
    const body = m[1] ?? m[2];
    let value: string;
    try {
      value = decodeStringLiteral(normalize(body));
    } catch (e) {
      return fail((e as Error).message, pos);
    }
    tokens.push({ type: 'string', value, lineno, pos });
    return pos + m[0].length;
  }
  OPERATOR.lastIndex = pos;
  if ((m = OPERATOR.exec(source))) {
    const op = m[0];
    if (op === '{') balancing.push('}');
    else if (op === '(') balancing.push(')');
    else if (op === '[') balancing.push(']');
    else if (op === '}' || op === ')' || op === ']') {
      if (!balancing.length) fail(`unexpected '${op}'`, pos);
      const expected = balancing.pop();
      if (expected !== op) fail(`unexpected '${op}', expected '${expected}'`, pos);
    }
    tokens.push({ type: OPERATORS[op], value: op, lineno, pos });
    return pos + op.length;
  }
  return fail(`unexpected char ${pyCharRepr(source[pos])} at ${pos}`, pos);
}

function pyCharRepr(ch: string): string {
  if (ch === "'") return '"\'"';
  if (ch === '\\') return "'\\\\'";
  return `'${ch}'`;
}

function parseIntLiteral(text: string): number | bigint {
  const clean = text.replace(/_/g, '').toLowerCase();
  let big: bigint;
  if (clean.startsWith('0b') || clean.startsWith('0o') || clean.startsWith('0x')) big = BigInt(clean);
  else big = BigInt(clean);
  return big >= -9007199254740991n && big <= 9007199254740991n ? Number(big) : big;
}

/** 1-based column of an offset in the (normalised) source. */
export function columnOf(source: string, pos: number): number {
  return pos - (source.lastIndexOf('\n', pos - 1) + 1) + 1;
}
