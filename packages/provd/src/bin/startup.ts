/** What provd says when it is ready, and the one line it says when it cannot start. */
import type { ResolvedConfig } from '../config/index.js';
import { isProvdError } from '../errors.js';
import type { ListenAddresses } from '../provd.js';
import { deriveBaseRawConfig } from '../services/index.js';

const host = (address: string) => (address.includes(':') ? `[${address}]` : address);

export function readyLine(config: ResolvedConfig, addresses: ListenAddresses): string {
  const base = deriveBaseRawConfig(config, { http: addresses.http.port, tftp: addresses.tftp?.port ?? 0 });
  const phones = `phones should use ${String(base.http_base_url)}/`;
  const tftp = addresses.tftp ? `, TFTP ${host(String(base.ip))}:${addresses.tftp.port}${addresses.tftp.port !== 69 ? ' (phones ask port 69: see docs/guides/first-phone.md)' : ''}` : ', TFTP off';
  return `provd ready: REST API http://${host(addresses.rest.host)}:${addresses.rest.port}/0.2, ${phones} (HTTP listening on ${host(addresses.http.host)}:${addresses.http.port})${tftp}`;
}


/** Known start-up failures as one line, without a stack trace. */
export function startupFailure(err: unknown): string {
  if (isProvdError(err)) return err.message;
  const e = err as NodeJS.ErrnoException & { address?: string; port?: number };
  const where = e.address !== undefined ? `${e.address}:${e.port}` : '';
  switch (e.code) {
    case 'EADDRINUSE':
      return `cannot listen on ${where}: the address is already in use (another provd, or another server on that port?)`;
    case 'EACCES':
      if (e.syscall === 'listen' || e.syscall === 'bind') return `cannot listen on ${where}: permission denied (ports below 1024 need root or the CAP_NET_BIND_SERVICE capability)`;
      return `cannot use ${e.path ?? 'the data directory'}: permission denied`;
    case 'EADDRNOTAVAIL':
      return `cannot listen on ${where}: no such address on this host`;
    case 'ECONNREFUSED':
      return `cannot reach the database: connection refused (${where})`;
    case 'EROFS':
    case 'EPERM':
      return `cannot write ${e.path ?? 'the data directory'}: ${e.code}`;
  }
  return `failed to start: ${e instanceof Error ? e.message : String(err)}`;
}
