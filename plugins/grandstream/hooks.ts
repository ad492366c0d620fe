/**
 * What is Grandstream-specific beyond family.yml: accounts and keys as P-values, the time zone as
 * a POSIX rule, syslog levels, DTMF and transport codes.
 */
import type { Capability, FamilyHooks, NumberedFuncKey, NumberedSipLine, RawConfig, TimezoneInfo } from '@dialtone/plugin-sdk';

/** One P-value: `<P47>10.0.0.1</P47>`. */
export type PValue = readonly [string, string];

/** The first P-value of account n (its "active" flag); the others are offsets from it. */
const ACCOUNT_BASE = [271, 401, 501, 601, 1701, 1801] as const;
/** Offsets from the first P-value of accounts 2 to 6 (failover: P2312 + 100 × (n − 1)); account 1 has its own numbers. */
const ACCOUNT_1: Readonly<Record<string, number>> = { active: 271, server: 47, failover: 2312, outbound: 48, user: 35, auth: 36, password: 34, display: 3, label: 270, voicemail: 33, transport: 130 };
const OFFSET: Readonly<Record<string, number>> = { active: 0, server: 1, outbound: 2, user: 3, auth: 4, password: 5, display: 6, label: 16, voicemail: 25, transport: 47 };
const TRANSPORT: Readonly<Record<string, string>> = { udp: '0', tcp: '1', tls: '2' };
/** Multi-purpose key modes. */
const KEY_MODE: Readonly<Record<string, string>> = { speeddial: '0', blf: '1', park: '9' };
const SYSLOG_LEVEL: Readonly<Record<string, string>> = { debug: '1', info: '2', warning: '3', error: '4', critical: '4' };

export const MAX_ACCOUNTS = ACCOUNT_BASE.length;

function cap(caps: Capability, key: string): number | undefined {
  const v = caps[key];
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

/** The P-number of `field` for account `n` (1-based). */
export function accountP(n: number, field: string): string {
  if (n === 1) return `P${ACCOUNT_1[field]}`;
  if (field === 'failover') return `P${2312 + (n - 1) * 100}`;
  return `P${ACCOUNT_BASE[n - 1] + OFFSET[field]}`;
}

/** Accounts as P-values: the lines the model has (at most 6), in numeric order; a line's number is its account. */
export function accountPValues(raw: RawConfig, caps: Capability): PValue[] {
  const max = Math.min(cap(caps, 'lines') ?? MAX_ACCOUNTS, MAX_ACCOUNTS);
  const transport = TRANSPORT[String(raw.sip_transport)] ?? '0';
  const out: PValue[] = [];
  for (const line of (raw.XX_sip_lines ?? []) as NumberedSipLine[]) {
    if (line.no > max) continue;
    const p = (field: string, value: unknown) => out.push([accountP(line.no, field), value === undefined || value === null ? '' : String(value)]);
    p('active', '1');
    p('label', line.number ?? line.username);
    p('display', line.display_name ?? line.number);
    p('server', `${line.proxy_ip}:${line.proxy_port ?? 5060}`);
    if (line.backup_proxy_ip) p('failover', `${line.backup_proxy_ip}:${line.backup_proxy_port ?? 5060}`);
    if (line.outbound_proxy_ip) p('outbound', `${line.outbound_proxy_ip}:${line.outbound_proxy_port ?? 5060}`);
    p('user', line.username);
    p('auth', line.auth_username);
    p('password', line.password);
    if (line.voicemail) p('voicemail', line.voicemail);
    p('transport', transport);
  }
  return out;
}

/** Multi-purpose keys (P23000 + 5 × (n − 1): mode, account, description, value), numeric order, within the model's keys. */
export function keyPValues(raw: RawConfig, caps: Capability): PValue[] {
  const own = cap(caps, 'function_keys');
  const out: PValue[] = [];
  for (const key of (raw.XX_funckeys ?? []) as NumberedFuncKey[]) {
    const mode = KEY_MODE[key.type];
    if (mode === undefined || typeof key.value !== 'string' || key.value === '' || (own !== undefined && key.no > own)) continue;
    const base = 23000 + (key.no - 1) * 5;
    out.push([`P${base}`, mode], [`P${base + 1}`, String(key.line - 1)], [`P${base + 2}`, typeof key.label === 'string' && key.label !== '' ? key.label : key.value], [`P${base + 3}`, key.value]);
  }
  return out;
}

export default (): FamilyHooks => ({
  transformRaw(raw) {
    const caps = (raw.XX_capabilities ?? {}) as Capability;
    raw.XX_accounts = accountPValues(raw, caps);
    raw.XX_keys = keyPValues(raw, caps);
    if (raw.XX_timezone) raw.XX_posix_tz = (raw.XX_timezone as TimezoneInfo).posix;
    raw.XX_syslog_level = SYSLOG_LEVEL[String(raw.syslog_level)] ?? '3';
    const dtmf = String(raw.sip_dtmf_mode);
    raw.XX_dtmf = dtmf === 'SIP-INFO' ? ['No', 'No', 'Yes'] : dtmf === 'RTP-in-band' ? ['Yes', 'No', 'No'] : ['No', 'Yes', 'No'];
  },
});
