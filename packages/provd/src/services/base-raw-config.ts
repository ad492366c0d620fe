import type { ResolvedConfig } from '../config/index.js';
import { detectHostAddress } from './host-address.js';

/** The port phones are told when provd serves no TFTP and none is configured. */
const STANDARD_TFTP_PORT = 69;

/**
 * The raw config every flattened config starts from: `general.base_raw_config`, plus the
 * server keys derived from the configuration when it does not set them (reference §1). Listening
 * on every address with no advertised URL, the host's first non-loopback IPv4 address is used.
 * `ports.tftp` is the port provd's TFTP server listens on; 0 when it has none (TFTP disabled
 * with `tftp.port: 0`), and then phones are told the standard port.
 */
export function deriveBaseRawConfig(config: ResolvedConfig, ports: { http: number; tftp: number }, hostAddress: () => string = detectHostAddress): Record<string, unknown> {
  const base: Record<string, unknown> = structuredClone(config.general.base_raw_config) as Record<string, unknown>;
  // listening on every address: tell phones the host's own address, not loopback
  const listenIp = config.http.ip === '0.0.0.0' || config.http.ip === '::' ? hostAddress() : config.http.ip;
  const advertised = new URL(config.general.advertised_http_url ?? `http://${listenIp.includes(':') ? `[${listenIp}]` : listenIp}:${ports.http}`);
  base.tftp_port ??= ports.tftp || STANDARD_TFTP_PORT;
  base.http_base_url ??= advertised.href.replace(/\/$/, '');
  base.ip ??= advertised.hostname.replace(/^\[|\]$/g, '');
  base.http_port ??= Number(advertised.port || (advertised.protocol === 'https:' ? 443 : 80));
  return base;
}
