/**
 * What is Jitsi-specific beyond family.yml: the UUID Jitsi may send as a `?uuid=` query (the
 * reference's URL form), and the accounts written as Java properties (escaped, passwords in
 * Jitsi's base64 "encrypted" form).
 */
import type { DeviceInfo, FamilyHooks, NumberedSipLine, ProvRequest, RawConfig } from '@dialtone/plugin-sdk';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRANSPORT: Readonly<Record<string, string>> = { udp: 'UDP', tcp: 'TCP', tls: 'TLS' };
const DTMF: Readonly<Record<string, string>> = { 'RTP-in-band': 'INBAND', 'RTP-out-of-band': 'RTP', 'SIP-INFO': 'SIP_INFO' };

/** The `uuid` query parameter, lower-cased, when it is a well-formed UUID (anything else could name another file). */
export function queryUuid(query: string | undefined): string | null {
  if (!query) return null;
  const value = new URLSearchParams(query).get('uuid');
  return value !== null && UUID.test(value) ? value.toLowerCase() : null;
}

/** A Java properties value: backslash and control characters escaped, a leading space kept, anything outside ASCII as \uXXXX (UTF-16 units). */
export function propertyValue(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  const named: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const code = text.charCodeAt(i);
    if (named[ch] !== undefined) out += named[ch];
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out.startsWith(' ') ? `\\${out}` : out;
}

export interface JitsiAccount {
  readonly id: string;
  readonly props: ReadonlyArray<readonly [string, string]>;
}

/** One SIP account per line: `acc<no>` with its properties (values escaped). */
export function jitsiAccounts(raw: RawConfig, maxLines: number): JitsiAccount[] {
  const transport = TRANSPORT[String(raw.sip_transport)] ?? 'UDP';
  const out: JitsiAccount[] = [];
  for (const line of (raw.XX_sip_lines ?? []) as NumberedSipLine[]) {
    if (line.no > maxLines || typeof line.username !== 'string' || line.username === '' || typeof line.proxy_ip !== 'string') continue;
    const server = line.registrar_ip ?? line.proxy_ip;
    const props: Array<[string, string]> = [
      ['ACCOUNT_UID', `SIP:${line.username}@${server}`],
      ['PROTOCOL_NAME', 'SIP'],
      ['USER_ID', `${line.username}@${server}`],
      ['DISPLAY_NAME', String(line.display_name ?? line.username)],
      ['AUTHORIZATION_NAME', String(line.auth_username ?? line.username)],
      ['ENCRYPTED_PASSWORD', Buffer.from(String(line.password ?? ''), 'utf8').toString('base64')],
      ['SERVER_ADDRESS', String(server)],
      ['SERVER_PORT', String(line.registrar_port ?? line.proxy_port ?? 5060)],
      ['PROXY_ADDRESS', line.proxy_ip],
      ['PROXY_PORT', String(line.proxy_port ?? 5060)],
      ['PROXY_AUTO_CONFIG', 'false'],
      ['PREFERRED_TRANSPORT', transport],
      ['DTMF_METHOD', DTMF[String(line.dtmf_mode)] ?? 'AUTO_DTMF'],
    ];
    if (typeof line.voicemail === 'string' && line.voicemail !== '') props.push(['VOICEMAIL_URI', `sip:${line.voicemail}@${server}`]);
    out.push({ id: `acc${line.no}`, props: props.map(([k, v]) => [k, propertyValue(v)] as const) });
  }
  return out;
}

export default (): FamilyHooks => ({
  extract(req: ProvRequest, info: DeviceInfo | null) {
    if (req.kind !== 'http') return info;
    const uuid = queryUuid(req.query);
    // only a request Jitsi is known to have sent (its User-Agent or its path) gets the query's UUID
    if (uuid === null || info === null || info.uuid !== undefined) return info;
    return { ...info, uuid };
  },
  transformRaw(raw) {
    const caps = (raw.XX_capabilities ?? {}) as { lines?: number };
    raw.XX_accounts = jitsiAccounts(raw, typeof caps.lines === 'number' ? caps.lines : 4);
  },
});
