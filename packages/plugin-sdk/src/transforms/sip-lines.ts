import type { RawConfig, SipLine } from '../device.js';

const SERVER_KEYS = ['proxy', 'backup_proxy', 'registrar', 'backup_registrar', 'outbound_proxy'].flatMap((s) => [`${s}_ip`, `${s}_port`]);

/**
 * Fills each line of `raw.sip_lines` from the global `sip_*` keys it lacks (servers and ports,
 * dtmf_mode, srtp_mode), `voicemail` from `exten_voicemail`, then `registrar_ip` from the line's
 * proxy and `auth_username` from its username. Mutates and returns `raw`.
 */
export function applySipLineDefaults(raw: RawConfig): RawConfig {
  for (const line of Object.values(raw.sip_lines ?? {})) {
    for (const key of SERVER_KEYS) if (line[key] === undefined && raw[`sip_${key}`] !== undefined) line[key] = raw[`sip_${key}`];
    if (line.dtmf_mode === undefined && raw.sip_dtmf_mode !== undefined) line.dtmf_mode = raw.sip_dtmf_mode;
    if (line.srtp_mode === undefined && raw.sip_srtp_mode !== undefined) line.srtp_mode = raw.sip_srtp_mode;
    if (line.voicemail === undefined && typeof raw.exten_voicemail === 'string') line.voicemail = raw.exten_voicemail;
    if (line.registrar_ip === undefined && line.proxy_ip !== undefined) line.registrar_ip = line.proxy_ip;
    if (line.auth_username === undefined && line.username !== undefined) line.auth_username = line.username;
  }
  return raw;
}

export type NumberedSipLine = SipLine & { readonly no: number };

/**
 * The lines as a list sorted by line number (numerically: 2 before 10, unlike the reference's
 * string sort), each with `no`. Keys that are not positive integers are skipped.
 */
export function sipLineList(raw: RawConfig): NumberedSipLine[] {
  return numbered(raw.sip_lines ?? {}).map(([no, line]) => ({ ...line, no }));
}

/** The lowest-numbered line, or undefined. */
export function firstSipLine(raw: RawConfig): NumberedSipLine | undefined {
  return sipLineList(raw)[0];
}

export function numbered<T>(record: Record<string, T>): Array<[number, T]> {
  return Object.entries(record)
    .filter(([k]) => /^[1-9]\d*$/.test(k))
    .map(([k, v]): [number, T] => [Number(k), v])
    .sort((a, b) => a[0] - b[0]);
}
