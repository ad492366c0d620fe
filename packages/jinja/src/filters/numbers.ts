// Number filters: abs, int, float, round, filesizeformat.
import { PythonError, typeError } from '../errors.js';
import { builtin } from '../runtime/callable.js';
import { floatToInt, parseFloatText, pyFloatOf, pyInt } from '../runtime/conversions.js';
import { formatFixed, roundFloat } from '../runtime/float-format.js';
import { Markup } from '../runtime/markup.js';
import { mul, pow, truediv } from '../runtime/operators.js';
import { optInt } from '../runtime/pystr.js';
import { pyTypeName } from '../runtime/types.js';
import { Undefined } from '../runtime/undefined.js';
import { isFloat, normInt, PyFloat, pyFloat, toBigInt, toNumber } from '../runtime/values.js';
import { filterArgumentError } from './common.js';

const abs = builtin([], (x: unknown) => {
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (typeof x === 'bigint') return x < 0n ? -x : x;
  if (typeof x === 'number') return Math.abs(x);
  if (x instanceof PyFloat) return new PyFloat(Math.abs(x.value));
  throw typeError(`bad operand type for abs(): '${pyTypeName(x)}'`);
});

function isTypeOrValueError(e: unknown): boolean {
  return e instanceof PythonError && (e.pythonType === 'TypeError' || e.pythonType === 'ValueError');
}

const int = builtin(['default?', 'base?'], (value: unknown, dflt: unknown, base: unknown) => {
  const fallback = dflt === undefined ? 0 : dflt;
  try {
    if (typeof value === 'string' || value instanceof Markup) return pyInt(value, base === undefined ? 10 : optInt(base, 10));
    return pyInt(value);
  } catch (e) {
    if (!isTypeOrValueError(e)) throw e;
    try {
      // "42.23"|int gives 42
      return pyInt(pyFloatOf(value));
    } catch (e2) {
      if (!isTypeOrValueError(e2)) throw e2;
      return fallback;
    }
  }
});

const float = builtin(['default?'], (value: unknown, dflt: unknown) => {
  try {
    return pyFloatOf(value);
  } catch (e) {
    if (!isTypeOrValueError(e)) throw e;
    return dflt === undefined ? new PyFloat(0) : dflt;
  }
});

/** Python round(int, ndigits) for negative ndigits: half to even on the exact integer. */
function roundInt(v: number | bigint, ndigits: number): number | bigint {
  if (ndigits >= 0) return v;
  const big = toBigInt(v);
  const unit = 10n ** BigInt(-ndigits);
  let q = big / unit;
  let r = big % unit;
  if (r < 0n) {
    q -= 1n;
    r += unit;
  }
  const twice = r * 2n;
  if (twice > unit || (twice === unit && q % 2n !== 0n)) q += 1n;
  return normInt(q * unit);
}

const round = builtin(['precision?', 'method?'], (value: unknown, precision: unknown, method: unknown) => {
  const m = method === undefined ? 'common' : method;
  if (m !== 'common' && m !== 'ceil' && m !== 'floor') throw filterArgumentError('method must be common, ceil or floor');
  const p = precision === undefined ? 0 : precision;
  if (m === 'common') {
    const nd = optInt(p, 0);
    if (typeof value === 'boolean') return roundInt(value ? 1 : 0, nd);
    if (typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value))) return roundInt(value, nd);
    if (isFloat(value)) return pyFloat(roundFloat(toNumber(value), nd));
    if (value instanceof Undefined) throw typeError(`type ${value.constructor.name} doesn't define __round__ method`);
    throw typeError(`type ${pyTypeName(value)} doesn't define __round__ method`);
  }
  const scale = pow(10, p);
  const scaled = mul(value, scale);
  const n = toNumber(scaled);
  if (typeof scaled !== 'number' && typeof scaled !== 'bigint' && typeof scaled !== 'boolean' && !(scaled instanceof PyFloat)) {
    throw typeError(`must be real number, not ${pyTypeName(scaled)}`);
  }
  const r = isFloat(scaled) ? floatToInt(m === 'ceil' ? Math.ceil(n) : Math.floor(n)) : scaled;
  return truediv(r, scale);
});

const PREFIXES_DECIMAL = ['kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
const PREFIXES_BINARY = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];

const filesizeformat = builtin(['binary?'], (value: unknown, binary: unknown) => {
  let bytes: number;
  if (typeof value === 'string' || value instanceof Markup) {
    const v = parseFloatText(typeof value === 'string' ? value : value.s);
    if (v === null) throw new PythonError('ValueError', `could not convert string to float: '${String(value)}'`);
    bytes = v;
  } else bytes = toNumber(pyFloatOf(value));
  const base = binary ? 1024 : 1000;
  const prefixes = binary ? PREFIXES_BINARY : PREFIXES_DECIMAL;
  if (bytes === 1) return '1 Byte';
  if (bytes < base) return `${floatToInt(bytes)} Bytes`;
  let unit = 0;
  let prefix = '';
  for (let i = 0; i < prefixes.length; i++) {
    unit = base ** (i + 2);
    prefix = prefixes[i];
    if (bytes < unit) return `${formatFixed((base * bytes) / unit, 1)} ${prefix}`;
  }
  return `${formatFixed((base * bytes) / unit, 1)} ${prefix}`;
});

export const NUMBER_FILTERS = { abs, int, float, round, filesizeformat };
