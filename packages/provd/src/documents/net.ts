import { isIP } from 'node:net';

/** MAC normalization is the SDK's: plugins and provd must agree on the stored form. */
export { tryNormalizeMac as normalizeMac } from '@dialtone/plugin-sdk';

/** Normalizes an IPv4 or IPv6 address (IPv4-mapped IPv6 becomes IPv4). Returns null otherwise. */
export function normalizeIp(input: string): string | null {
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

/** An IP address or a DNS host name. */
export function isHost(value: string): boolean {
  if (normalizeIp(value)) return true;
  return value.length <= 253 && /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/.test(value);
}
