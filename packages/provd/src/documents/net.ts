import { isIP } from 'node:net';

/** MAC normalization is the SDK's: plugins and provd must agree on the stored form. */
export { tryNormalizeMac as normalizeMac } from '@dialtone/plugin-sdk';

/** Normalizes an IPv4 or IPv6 address (IPv4-mapped IPv6 becomes IPv4). Returns null otherwise. */
export function normalizeIp(input: string): string | null {
  if (isCanonicalIpv4(input)) return input;
  let value = input.trim();
  if (value.toLowerCase().startsWith('::ffff:') && isIP(value.slice(7)) === 4) value = value.slice(7);
  const family = isIP(value);
  if (family === 4) {
    // Reject leading zeros (ambiguous octal in some tools).
    return value.split('.').every((o) => o === '0' || !o.startsWith('0')) ? value : null;
  }
  if (family === 6) return value.toLowerCase();
  return null;
}

/** `a.b.c.d`, each 0–255 without leading zeros: the usual address, checked without a regex on every request. */
function isCanonicalIpv4(s: string): boolean {
  let octets = 0;
  let value = -1;
  let digits = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 0x2e;
    if (c === 0x2e) {
      if (digits === 0 || ++octets > 4) return false;
      digits = 0;
      continue;
    }
    if (c < 0x30 || c > 0x39) return false;
    if (digits > 0 && value === 0) return false;
    value = digits === 0 ? c - 0x30 : value * 10 + (c - 0x30);
    if (value > 255) return false;
    digits++;
  }
  return octets === 4;
}

/** An IP address or a DNS host name. */
export function isHost(value: string): boolean {
  if (normalizeIp(value)) return true;
  return value.length <= 253 && /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/.test(value);
}
