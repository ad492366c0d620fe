import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';

/**
 * Whether the connection is mutual TLS with a client certificate, verified against the
 * configured CA, that names this MAC address: vendors put it in the subject's common name or a
 * subject alternative name, with or without separators, in either case.
 */
export function certificateNamesMac(socket: Socket, mac: string): boolean {
  const tls = socket as Partial<TLSSocket>;
  if (!tls.encrypted || !tls.authorized || typeof tls.getPeerCertificate !== 'function') return false;
  const cert = tls.getPeerCertificate();
  if (!cert || Object.keys(cert).length === 0) return false;
  const hex = mac.replace(/[^0-9a-f]/gi, '').toLowerCase();
  const names = [String(cert.subject?.CN ?? ''), cert.subjectaltname ?? ''].join(' ').toLowerCase().replace(/[:.-]/g, '');
  return hex.length === 12 && names.includes(hex);
}
