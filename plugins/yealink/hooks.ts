/**
 * What is Yealink-specific beyond family.yml: SIP accounts capped at the model's count with
 * Yealink's codes, function keys laid out on line keys then expansion modules, and the time zone
 * in Yealink's `local_time.*` form (offset with minutes, DST by week or by date).
 */
import type { Capability, FamilyHooks, NumberedFuncKey, NumberedSipLine, RawConfig, TimezoneInfo } from '@dialtone/plugin-sdk';

const TRANSPORT: Readonly<Record<string, string>> = { udp: '0', tcp: '1', tls: '2' };
const DTMF: Readonly<Record<string, string>> = { 'RTP-in-band': '0', 'RTP-out-of-band': '1', 'SIP-INFO': '2' };
const SRTP: Readonly<Record<string, string>> = { disabled: '0', preferred: '1', required: '2' };
const SYSLOG_LEVEL: Readonly<Record<string, string>> = { critical: '1', error: '3', warning: '4', info: '5', debug: '6' };
/** Key types of `linekey.N.type`. */
export const KEY_TYPE: Readonly<Record<string, string>> = { line: '15', speeddial: '13', blf: '16', park: '10' };
/** `voice.tone.country` by country code. */
const TONE_COUNTRY: Readonly<Record<string, string>> = {
  AT: 'Austria', BE: 'Belgium', BR: 'Brazil', CA: 'United States', CH: 'Switzerland', DE: 'Germany', ES: 'Spain', FR: 'France', GB: 'Great Britain',
  IT: 'Italy', NL: 'Netherlands', PL: 'Poland', PT: 'Portugal', RU: 'Russia', TR: 'Turkey', US: 'United States',
};

export interface YealinkAccount extends NumberedSipLine {
  readonly XX_transport: string;
  readonly XX_dtmf: string | undefined;
  readonly XX_srtp: string;
}

export interface YealinkKey {
  /** `linekey.3` or `expansion_module.1.key.5`. */
  readonly prefix: string;
  readonly type: string;
  readonly line: number;
  readonly value: string;
  readonly label: string;
  /** BLF only: the pickup prefix. */
  readonly extension?: string;
}

function cap(caps: Capability, key: string): number | undefined {
  const v = caps[key];
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

/** The lines the model has accounts for (all lines for an unknown model), with Yealink's codes. */
export function yealinkAccounts(raw: RawConfig, caps: Capability): YealinkAccount[] {
  const max = cap(caps, 'lines');
  const transport = TRANSPORT[String(raw.sip_transport)] ?? '0';
  return ((raw.XX_sip_lines ?? []) as NumberedSipLine[])
    .filter((line) => max === undefined || line.no <= max)
    .map((line) => ({ ...line, XX_transport: transport, XX_dtmf: DTMF[String(line.dtmf_mode)], XX_srtp: SRTP[String(line.srtp_mode)] ?? '0' }));
}

/** Key number → where it lives: the phone's own line keys, then each expansion module in turn. */
export function keyPrefix(no: number, caps: Capability): string | null {
  const own = cap(caps, 'function_keys');
  if (own === undefined) return `linekey.${no}`;
  if (no <= own) return `linekey.${no}`;
  const perModule = cap(caps, 'expansion_keys') ?? 0;
  const modules = cap(caps, 'expansion_modules') ?? 0;
  const rest = no - own - 1;
  if (perModule === 0 || rest >= perModule * modules) return null;
  return `expansion_module.${Math.floor(rest / perModule) + 1}.key.${(rest % perModule) + 1}`;
}

/**
 * The keys to write: every function key (speed dial, BLF, park) where the model has room, each
 * free line key of the phone given its line (key n ↔ line n) or cleared (type 0).
 */
export function yealinkKeys(raw: RawConfig, caps: Capability): YealinkKey[] {
  const funckeys = (raw.XX_funckeys ?? []) as NumberedFuncKey[];
  const lines = new Map(((raw.XX_sip_lines ?? []) as NumberedSipLine[]).map((l) => [l.no, l]));
  const maxLines = cap(caps, 'lines');
  const byNo = new Map(funckeys.map((k) => [k.no, k]));
  const keys: YealinkKey[] = [];
  const own = cap(caps, 'function_keys') ?? 0;
  const numbers = [...new Set([...Array.from({ length: own }, (_, i) => i + 1), ...byNo.keys()])].sort((a, b) => a - b);
  for (const no of numbers) {
    const prefix = keyPrefix(no, caps);
    if (prefix === null) continue;
    const key = byNo.get(no);
    const type = key ? KEY_TYPE[key.type] : undefined;
    if (key && type && typeof key.value === 'string' && key.value !== '') {
      const label = typeof key.label === 'string' && key.label !== '' ? key.label : key.value;
      const extension = key.type === 'blf' && typeof raw.exten_pickup_call === 'string' ? raw.exten_pickup_call : undefined;
      keys.push({ prefix, type, line: key.line, value: key.value, label, ...(extension !== undefined ? { extension } : {}) });
      continue;
    }
    const line = lines.get(no);
    if (line && (maxLines === undefined || no <= maxLines)) {
      keys.push({ prefix, type: KEY_TYPE.line, line: no, value: '', label: String(line.number ?? line.display_name ?? line.username ?? '') });
    } else if (prefix.startsWith('linekey.')) keys.push({ prefix, type: '0', line: 1, value: '', label: '' });
  }
  return keys;
}

/** `+1`, `-5`, `+5:30`, `0`: Yealink's `local_time.time_zone` (minutes kept, unlike the reference). */
export function formatOffset(seconds: number): string {
  if (seconds === 0) return '0';
  const sign = seconds < 0 ? '-' : '+';
  const abs = Math.abs(seconds);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  return m === 0 ? `${sign}${h}` : `${sign}${h}:${String(m).padStart(2, '0')}`;
}

function dstChange(t: { month: number; day: string; time: { as_hours: number } }): string {
  if (t.day.startsWith('D')) return `${String(t.month).padStart(2, '0')}/${t.day.slice(1).padStart(2, '0')}/${String(t.time.as_hours).padStart(2, '0')}`;
  const [week, weekday] = t.day.slice(1).split('.');
  return `${t.month}/${week}/${weekday}/${t.time.as_hours}`;
}

/** The `local_time.*` settings for a time zone (week days 1 = Monday … 7 = Sunday, week 5 = last). */
export function yealinkTimezone(tz: TimezoneInfo): Array<[string, string]> {
  const out: Array<[string, string]> = [['local_time.time_zone', formatOffset(tz.utcoffset.as_seconds)]];
  if (tz.dst === null) {
    out.push(['local_time.summer_time', '0']);
    return out;
  }
  out.push(
    ['local_time.summer_time', '1'],
    ['local_time.dst_time_type', tz.dst.start.day.startsWith('D') ? '0' : '1'],
    ['local_time.start_time', dstChange(tz.dst.start)],
    ['local_time.end_time', dstChange(tz.dst.end)],
    ['local_time.offset_time', String(tz.dst.save.as_minutes)],
  );
  return out;
}

export default (): FamilyHooks => ({
  transformRaw(raw) {
    const caps = (raw.XX_capabilities ?? {}) as Capability;
    raw.XX_accounts = yealinkAccounts(raw, caps);
    raw.XX_keys = yealinkKeys(raw, caps);
    if (raw.XX_timezone) raw.XX_tz_settings = yealinkTimezone(raw.XX_timezone as TimezoneInfo);
    raw.XX_syslog_level = SYSLOG_LEVEL[String(raw.syslog_level)] ?? '4';
    const tone = typeof raw.XX_country === 'string' ? TONE_COUNTRY[raw.XX_country] : undefined;
    if (tone) raw.XX_tone_country = tone;
  },
});
