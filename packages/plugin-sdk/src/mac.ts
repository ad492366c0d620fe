import { SdkError, SdkErrorCode } from './errors.js';

const BARE = /^[0-9a-f]{12}$/i;
const SEPARATED = /^[0-9a-f]{1,2}([:-])[0-9a-f]{1,2}(?:\1[0-9a-f]{1,2}){4}$/i;
const DOTTED = /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i;

/**
 * `00:0F:D3:05:48:48`, `00-0f-d3-05-48-48`, `000fd3054848`, `000f.d305.4848` or `0:f:d3:5:48:48`
 * → `00:0f:d3:05:48:48` (the form provd stores). Null when the input is not a MAC.
 */
export function tryNormalizeMac(input: string): string | null {
  if (input.length === 17 && isStoredForm(input)) return input;
  const s = input.trim();
  let hex: string;
  if (BARE.test(s)) hex = s;
  else if (DOTTED.test(s)) hex = s.replaceAll('.', '');
  else if (SEPARATED.test(s)) hex = s.split(/[:-]/).map((o) => o.padStart(2, '0')).join('');
  else return null;
  hex = hex.toLowerCase();
  return `${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}:${hex.slice(6, 8)}:${hex.slice(8, 10)}:${hex.slice(10, 12)}`;
}

/** `00:0f:d3:05:48:48` exactly (lowercase, colons): checked on every provisioning request, so no regex. */
function isStoredForm(s: string): boolean {
  for (let i = 0; i < 17; i++) {
    const c = s.charCodeAt(i);
    if (i % 3 === 2) {
      if (c !== 58) return false;
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/** Like tryNormalizeMac, but throws DT_ERR_INVALID_MAC. */
export function normalizeMac(input: string): string {
  const mac = typeof input === 'string' ? tryNormalizeMac(input) : null;
  if (mac === null) throw new SdkError(SdkErrorCode.INVALID_MAC, `not a MAC address: ${JSON.stringify(input)}`, { mac: input });
  return mac;
}

export function isMac(input: unknown): input is string {
  return typeof input === 'string' && tryNormalizeMac(input) !== null;
}

export interface FormatMacOptions {
  /** Between octets; default `':'`. Use `''` for `000fd3054848`. */
  readonly separator?: string;
  readonly uppercase?: boolean;
}

/** Any accepted MAC form → the vendor's form, e.g. formatMac(mac, { separator: '' }) → `000fd3054848`. */
export function formatMac(mac: string, options: FormatMacOptions = {}): string {
  const { separator = ':', uppercase = false } = options;
  const text = normalizeMac(mac).split(':').join(separator);
  return uppercase ? text.toUpperCase() : text;
}
