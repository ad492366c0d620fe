// Correctly rounded float formatting ('f', 'e', 'g' and Python's round()), working from the
// exact decimal expansion of the double so ties round half-to-even like CPython does.

interface Decimal {
  digits: string; // no leading zeros; "0" for zero
  point: number; // value = 0.<digits> * 10^point … i.e. digits[0..point) is the integer part
}

const view = new DataView(new ArrayBuffer(8));

/** The exact decimal value of a finite, non-negative double. */
export function exactDecimal(x: number): Decimal {
  if (x === 0) return { digits: '0', point: 1 };
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (biased === 0) exp = -1074;
  else {
    mantissa |= 1n << 52n;
    exp = biased - 1075;
  }
  if (exp >= 0) {
    const digits = (mantissa << BigInt(exp)).toString();
    return { digits, point: digits.length };
  }
  const digits = (mantissa * 5n ** BigInt(-exp)).toString();
  return { digits, point: digits.length + exp };
}

/** Rounds a digit string to `keep` digits (half-even); returns digits and whether it carried. */
function roundDigits(digits: string, keep: number): { digits: string; carry: boolean } {
  if (keep >= digits.length) return { digits: digits + '0'.repeat(keep - digits.length), carry: false };
  if (keep < 0) return { digits: '', carry: false };
  const head = digits.slice(0, keep);
  const first = digits.charCodeAt(keep) - 48;
  let up = false;
  if (first > 5) up = true;
  else if (first === 5) {
    const rest = digits.slice(keep + 1);
    if (/[1-9]/.test(rest)) up = true;
    else {
      const last = keep > 0 ? head.charCodeAt(keep - 1) - 48 : 0;
      up = last % 2 === 1;
    }
  }
  if (!up) return { digits: head, carry: false };
  if (keep === 0) return { digits: '1', carry: true };
  const bumped = (BigInt(head) + 1n).toString().padStart(keep, '0');
  if (bumped.length > keep) return { digits: bumped, carry: true };
  return { digits: bumped, carry: false };
}

/** Fixed-point digits of |x| with `prec` decimals: [integerPart, fractionPart]. */
function fixedParts(x: number, prec: number): [string, string] {
  const { digits, point } = exactDecimal(Math.abs(x));
  const keep = point + prec;
  if (keep < 0) return ['0', '0'.repeat(prec)];
  const r = roundDigits(digits, keep);
  // `all` holds the integer digits followed by exactly `prec` fraction digits.
  const all = '0'.repeat(Math.max(0, -point)) + r.digits;
  const padded = all.length < prec ? all.padStart(prec, '0') : all;
  const intPart = padded.slice(0, padded.length - prec).replace(/^0+(?=\d)/, '') || '0';
  return [intPart, padded.slice(padded.length - prec)];
}

function signOf(x: number): string {
  return x < 0 || Object.is(x, -0) ? '-' : '';
}

function special(x: number, upper: boolean): string | null {
  if (Number.isNaN(x)) return upper ? 'NAN' : 'nan';
  if (x === Infinity) return upper ? 'INF' : 'inf';
  if (x === -Infinity) return upper ? '-INF' : '-inf';
  return null;
}

/** '%.<prec>f' without sign handling of NaN/inf beyond Python's spelling. */
export function formatFixed(x: number, prec: number, alt = false, upper = false): string {
  const s = special(x, upper);
  if (s !== null) return s;
  const [i, f] = fixedParts(x, prec);
  return `${signOf(x)}${i}${prec > 0 ? '.' + f : alt ? '.' : ''}`;
}

/** Significant digits of |x| rounded to `sig` digits and the decimal exponent of the first. */
function sigParts(x: number, sig: number): { digits: string; exp: number } {
  const ax = Math.abs(x);
  if (ax === 0) return { digits: '0'.repeat(sig), exp: 0 };
  const { digits, point } = exactDecimal(ax);
  const r = roundDigits(digits, sig);
  let exp = point - 1;
  let d = r.digits;
  if (r.carry) {
    exp += 1;
    d = d.slice(0, sig);
  }
  return { digits: d, exp };
}

/** '%.<prec>e' */
export function formatExp(x: number, prec: number, upper = false, alt = false): string {
  const s = special(x, upper);
  if (s !== null) return s;
  const { digits, exp } = sigParts(x, prec + 1);
  const mant = prec > 0 ? `${digits[0]}.${digits.slice(1)}` : alt ? `${digits[0]}.` : digits[0];
  const e = `${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return `${signOf(x)}${mant}${upper ? 'E' : 'e'}${e}`;
}

/**
 * '%.<prec>g'. With `keepPoint` (format()'s empty presentation type) fixed notation keeps at
 * least one decimal.
 */
export function formatGeneral(x: number, prec: number, alt = false, upper = false, keepPoint = false): string {
  const s = special(x, upper);
  if (s !== null) return s;
  const p = prec === 0 ? 1 : prec;
  const { exp } = sigParts(x, p);
  let out: string;
  if (exp >= -4 && exp < p) {
    out = formatFixed(x, p - 1 - exp, alt);
    if (!alt) out = stripZeros(out);
    if (keepPoint && !out.includes('.')) out += '.0';
  } else {
    out = formatExp(x, p - 1, upper, alt);
    if (!alt) {
      const i = out.indexOf(upper ? 'E' : 'e');
      out = stripZeros(out.slice(0, i)) + out.slice(i);
    }
  }
  return out;
}

function stripZeros(s: string): string {
  if (!s.includes('.')) return s;
  return s.replace(/\.?0+$/, '');
}

/** Python round(x, ndigits) for a float: correctly rounded, half to even. */
export function roundFloat(x: number, ndigits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  if (ndigits > 308) return x;
  if (ndigits < -308) return 0 * Math.sign(x);
  const text = formatFixedAnyPrecision(x, ndigits);
  const r = Number(text);
  return r === 0 ? (x < 0 ? -0 : 0) : r;
}

function formatFixedAnyPrecision(x: number, ndigits: number): string {
  if (ndigits >= 0) return formatFixed(x, ndigits);
  // Negative precision: round to tens, hundreds, …
  const { digits, point } = exactDecimal(Math.abs(x));
  const keep = point + ndigits;
  if (keep < 0) return '0';
  const r = roundDigits(digits, keep);
  const intLen = keep + (r.carry ? 1 : 0);
  const value = r.digits.slice(0, intLen) || '0';
  return `${signOf(x)}${value}${'0'.repeat(-ndigits)}`;
}
