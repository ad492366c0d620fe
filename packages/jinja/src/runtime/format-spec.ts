// Python's format() mini-language: [[fill]align][sign][z][#][0][width][,|_][.precision][type]
import { valueError, typeError } from '../errors.js';
import { formatExp, formatFixed, formatGeneral } from './float-format.js';
import { Markup } from './markup.js';
import { strLen } from './protocol.js';
import { floatRepr, pyStr } from './repr.js';
import { pyTypeName } from './types.js';
import { Undefined } from './undefined.js';
import { PyFloat } from './values.js';

export interface FormatSpec {
  fill: string;
  align: string; // '' | '<' | '>' | '=' | '^'
  sign: string; // '' | '+' | '-' | ' '
  z: boolean;
  alt: boolean;
  zero: boolean;
  width: number;
  grouping: string; // '' | ',' | '_'
  precision: number; // -1 when absent
  type: string;
}

const SPEC_RE = /^(?:([\s\S])?([<>=^]))?([+\- ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([a-zA-Z%])?$/u;

const specCache = new Map<string, FormatSpec>();

export function parseSpec(spec: string, typeName: string): FormatSpec {
  const cached = specCache.get(spec);
  if (cached) return cached;
  const parsed = parseSpecText(spec, typeName);
  if (specCache.size > 500) specCache.clear();
  specCache.set(spec, parsed);
  return parsed;
}

function parseSpecText(spec: string, typeName: string): FormatSpec {
  const m = SPEC_RE.exec(spec);
  if (!m) throw valueError(`Invalid format specifier '${spec}' for object of type '${typeName}'`);
  return {
    fill: m[1] ?? '',
    align: m[2] ?? '',
    sign: m[3] ?? '',
    z: !!m[4],
    alt: !!m[5],
    zero: !!m[6],
    width: m[7] ? Number(m[7]) : 0,
    grouping: m[8] ?? '',
    precision: m[9] !== undefined ? Number(m[9]) : -1,
    type: m[10] ?? '',
  };
}

function pad(body: string, spec: FormatSpec, defaultAlign: string, signPart = ''): string {
  const total = strLen(signPart) + strLen(body);
  let fill = spec.fill || ' ';
  let align = spec.align || defaultAlign;
  if (spec.zero && !spec.align) {
    fill = spec.fill || '0';
    if (defaultAlign === '>') align = '=';
  }
  if (spec.width <= total) return signPart + body;
  const n = spec.width - total;
  switch (align) {
    case '<':
      return signPart + body + fill.repeat(n);
    case '^': {
      const left = Math.floor(n / 2);
      return fill.repeat(left) + signPart + body + fill.repeat(n - left);
    }
    case '=':
      return signPart + fill.repeat(n) + body;
    default:
      return fill.repeat(n) + signPart + body;
  }
}

function group(digits: string, sep: string, size: number): string {
  if (!sep) return digits;
  let out = '';
  let i = digits.length;
  while (i > size) {
    out = sep + digits.slice(i - size, i) + out;
    i -= size;
  }
  return digits.slice(0, i) + out;
}

function unknownCode(type: string, value: unknown): never {
  throw valueError(`Unknown format code '${type}' for object of type '${pyTypeName(value)}'`);
}

function formatInt(value: bigint, spec: FormatSpec, original: unknown): string {
  const t = spec.type || 'd';
  if (spec.precision >= 0) throw valueError('Precision not allowed in integer format specifier');
  if (t === 'c') {
    if (spec.sign) throw valueError("Sign not allowed with integer format specifier 'c'");
    return pad(String.fromCodePoint(Number(value)), spec, '>');
  }
  const bases: Record<string, [number, string]> = { b: [2, '0b'], o: [8, '0o'], x: [16, '0x'], X: [16, '0X'], d: [10, ''], n: [10, ''] };
  if (!Object.prototype.hasOwnProperty.call(bases, t)) unknownCode(t, original);
  const [radix, prefix] = bases[t];
  const neg = value < 0n;
  let digits = (neg ? -value : value).toString(radix);
  if (t === 'X') digits = digits.toUpperCase();
  if (spec.grouping === ',' && radix !== 10) throw valueError(`Cannot specify ',' with '${t}'.`);
  const signPart = (neg ? '-' : spec.sign === '+' ? '+' : spec.sign === ' ' ? ' ' : '') + (spec.alt ? prefix : '');
  return zeroPadGrouped(digits, '', spec, signPart, radix === 10 ? 3 : 4);
}

/**
 * Pads `intDigits + tail`. With '0' padding and grouping, Python also groups the padding
 * zeros ("00,001,234"), so those are added digit by digit.
 */
function zeroPadGrouped(intDigits: string, tail: string, spec: FormatSpec, signPart: string, groupSize = 3): string {
  const grouped = group(intDigits, spec.grouping, groupSize);
  if (spec.zero && !spec.align && !spec.fill && spec.grouping && /^\d+$/.test(intDigits)) {
    let raw = intDigits;
    let out = grouped;
    while (signPart.length + out.length + tail.length < spec.width) {
      raw = '0' + raw;
      out = group(raw, spec.grouping, groupSize);
    }
    return signPart + out + tail;
  }
  return pad(grouped + tail, spec, '>', signPart);
}

function formatFloat(x: number, spec: FormatSpec): string {
  const t = spec.type;
  const prec = spec.precision;
  let body: string;
  let value = x;
  if (spec.z && value === 0) value = 0;
  if (t === '%') value *= 100;
  const neg = value < 0 || Object.is(value, -0);
  const abs = Math.abs(value);
  const upper = t === 'E' || t === 'F' || t === 'G';
  switch (t) {
    case 'f':
    case 'F':
    case '%':
      body = formatFixed(abs, prec < 0 ? 6 : prec, spec.alt, upper);
      if (t === '%') body += '%';
      break;
    case 'e':
    case 'E':
      body = formatExp(abs, prec < 0 ? 6 : prec, upper, spec.alt);
      break;
    case 'g':
    case 'G':
    case 'n':
      body = formatGeneral(abs, prec < 0 ? 6 : prec, spec.alt, upper);
      break;
    case '':
      if (prec < 0) body = floatRepr(abs);
      else body = formatGeneral(abs, prec, spec.alt, false, true);
      break;
    default:
      return unknownCode(t, x);
  }
  if (upper && !Number.isFinite(abs)) body = body.toUpperCase();
  const signPart = neg && !Number.isNaN(value) ? '-' : spec.sign === '+' ? '+' : spec.sign === ' ' ? ' ' : '';
  const dot = body.search(/[.eE%]/);
  const intPart = dot < 0 ? body : body.slice(0, dot);
  const tail = dot < 0 ? '' : body.slice(dot);
  if (!/^\d+$/.test(intPart)) return pad(body, spec, '>', signPart);
  return zeroPadGrouped(intPart, tail, spec, signPart);
}

/** format(value, spec) for template values. */
export function formatValue(value: unknown, specText: string): string {
  if (value instanceof Undefined) {
    if (specText === '') return value.toStr();
    throw typeError(`unsupported format string passed to ${value.constructor.name}.__format__`);
  }
  if (specText === '') return pyStr(value);
  const spec = parseSpec(specText, pyTypeName(value));
  if (typeof value === 'string' || value instanceof Markup) {
    const s = typeof value === 'string' ? value : value.s;
    if (spec.type !== '' && spec.type !== 's') unknownCode(spec.type, value);
    if (spec.sign) throw valueError('Sign not allowed in string format specifier');
    if (spec.alt) throw valueError('Alternate form (#) not allowed in string format specifier');
    if (spec.grouping) throw valueError(`Cannot specify '${spec.grouping}' with 's'.`);
    if (spec.align === '=') throw valueError("'=' alignment not allowed in string format specifier");
    const body = spec.precision >= 0 ? Array.from(s).slice(0, spec.precision).join('') : s;
    return pad(body, spec, '<');
  }
  if (typeof value === 'boolean' || typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value))) {
    const big = typeof value === 'boolean' ? (value ? 1n : 0n) : BigInt(value);
    if ('eEfFgG%'.includes(spec.type) && spec.type !== '') return formatFloat(Number(big), spec);
    return formatInt(big, spec, value);
  }
  if (typeof value === 'number' || value instanceof PyFloat) {
    const x = typeof value === 'number' ? value : value.value;
    return formatFloat(x, spec);
  }
  throw typeError(`unsupported format string passed to ${pyTypeName(value)}.__format__`);
}

