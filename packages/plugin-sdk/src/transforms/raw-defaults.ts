import type { RawConfig, SipLine } from '../device.js';

/**
 * The defaults provd applies to a flattened raw config before `configure` (reference provd.md §2,
 * "configure-time defaults"). Mutates and returns `raw`. Hosts call it; the testing host too, so
 * plugin tests see what provd gives plugins.
 */
export function applyRawConfigDefaults(raw: RawConfig): RawConfig {
  raw.syslog_port ??= 514;
  raw.syslog_level ??= 'warning';
  if (raw.sip_proxy_ip !== undefined && raw.sip_registrar_ip === undefined) raw.sip_registrar_ip = raw.sip_proxy_ip;
  raw.sip_srtp_mode ??= 'disabled';
  raw.sip_transport ??= 'udp';
  raw.sip_lines ??= {};
  for (const line of Object.values(raw.sip_lines)) defaultRegistrarAndAuth(line);
  raw.sccp_call_managers ??= {};
  raw.funckeys ??= {};
  return raw;
}

function defaultRegistrarAndAuth(line: SipLine): void {
  if (line.proxy_ip !== undefined && line.registrar_ip === undefined) line.registrar_ip = line.proxy_ip;
  if (line.username !== undefined && line.auth_username === undefined) line.auth_username = line.username;
}
