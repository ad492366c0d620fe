import { normalizeIp } from '../documents/index.js';

/**
 * The phone's address: the peer, or — behind `trustedProxies` reverse proxies — the
 * X-Forwarded-For entry those proxies vouch for (the N-th from the end; the first when the
 * header has fewer entries). A missing or unusable header falls back to the peer.
 */
export function clientIpOf(peer: string, forwardedFor: string | string[] | undefined, trustedProxies: number): string {
  const peerIp = normalizeIp(peer) ?? peer;
  if (trustedProxies <= 0 || forwardedFor === undefined) return peerIp;
  // one proxy in front, adding one entry: the usual case
  if (typeof forwardedFor === 'string' && !forwardedFor.includes(',')) return (forwardedFor === '' ? null : normalizeIp(forwardedFor)) ?? peerIp;
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return peerIp;
  const candidate = entries[Math.max(0, entries.length - trustedProxies)];
  return normalizeIp(candidate) ?? peerIp;
}
