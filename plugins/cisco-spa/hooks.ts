/**
 * What is Cisco-specific beyond family.yml: the association of unlisted models, lines with their
 * proxy list, line keys and sidecar keys as flat-profile parameters, and the time zone in the
 * `GMT±hh:mm` + `Daylight_Saving_Time_Rule` form.
 */
import type { Capability, DeviceInfo, FamilyHooks, NumberedFuncKey, NumberedSipLine, RawConfig, TimezoneInfo } from '@dialtone/plugin-sdk';

const TRANSPORT: Readonly<Record<string, string>> = { udp: 'UDP', tcp: 'TCP', tls: 'TLS' };
const DTMF: Readonly<Record<string, string>> = { 'RTP-in-band': 'InBand', 'RTP-out-of-band': 'AVT', 'SIP-INFO': 'INFO' };
/** Debug_Level 0 (none) to 3 (everything). */
const SYSLOG_LEVEL: Readonly<Record<string, string>> = { critical: '1', error: '1', warning: '1', info: '2', debug: '3' };
const IMPROBABLE = 100;
const PROBABLE = 300;

export interface CiscoLine extends NumberedSipLine {
  /** `Proxy_N_`: `host:port`, or a proxy list `dialtoneN:SRV=host:port:p=0|backup:port:p=1`. */
  readonly XX_proxy: string;
  readonly XX_transport: string;
  readonly XX_dtmf: string;
}

/** One parameter of the flat profile: `<name>value</name>`. */
export type Param = readonly [string, string];

function cap(caps: Capability, key: string): number | undefined {
  const v = caps[key];
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

export function ciscoLines(raw: RawConfig, caps: Capability): CiscoLine[] {
  const max = cap(caps, 'lines');
  const transport = TRANSPORT[String(raw.sip_transport)] ?? 'UDP';
  return ((raw.XX_sip_lines ?? []) as NumberedSipLine[])
    .filter((line) => max === undefined || line.no <= max)
    .map((line) => {
      const port = line.proxy_port ?? 5060;
      const proxy = line.backup_proxy_ip
        ? `dialtone${line.no}:SRV=${line.proxy_ip}:${port}:p=0|${line.backup_proxy_ip}:${line.backup_proxy_port ?? 5060}:p=1`
        : `${line.proxy_ip}:${port}`;
      return { ...line, XX_proxy: proxy, XX_transport: transport, XX_dtmf: DTMF[String(line.dtmf_mode)] ?? 'Auto' };
    });
}

function keyFunction(key: NumberedFuncKey, label: string): string | null {
  switch (key.type) {
    case 'speeddial':
      return `fnc=sd;ext=${key.value}@$PROXY;nme=${label}`;
    case 'blf':
      return `fnc=blf+sd+cp;sub=${key.value}@$PROXY;nme=${label}`;
    case 'park':
      return `fnc=prk;sub=${key.value}@$PROXY;nme=${label}`;
    default:
      return null;
  }
}

/**
 * The key parameters: each of the phone's keys shows its line (key n ↔ line n) or a function
 * (`Extension_n_` Disabled, `Short_Name_n_`, `Extended_Function_n_`); keys past the phone's go to
 * the sidecars (`Unit_m_Key_k_`). Numeric order; values are raw text (the template escapes them).
 */
export function ciscoKeys(raw: RawConfig, caps: Capability): Param[] {
  const own = cap(caps, 'function_keys') ?? 0;
  const perUnit = cap(caps, 'expansion_keys') ?? 0;
  const units = cap(caps, 'expansion_modules') ?? 0;
  const lines = new Map(((raw.XX_sip_lines ?? []) as NumberedSipLine[]).map((l) => [l.no, l]));
  const out: Param[] = [];
  const byNo = new Map<number, NumberedFuncKey>();
  for (const key of (raw.XX_funckeys ?? []) as NumberedFuncKey[]) if (typeof key.value === 'string' && key.value !== '') byNo.set(key.no, key);
  for (let n = 1; n <= own; n++) {
    const key = byNo.get(n);
    const label = key ? (typeof key.label === 'string' && key.label !== '' ? key.label : key.value!) : '';
    const fn = key ? keyFunction(key, label) : null;
    if (fn !== null) out.push([`Extension_${n}_`, 'Disabled'], [`Short_Name_${n}_`, label], [`Extended_Function_${n}_`, fn]);
    else if (lines.has(n) && n <= (cap(caps, 'lines') ?? n)) out.push([`Extension_${n}_`, String(n)], [`Short_Name_${n}_`, String(lines.get(n)!.number ?? '$USER')], [`Extended_Function_${n}_`, '']);
    else out.push([`Extension_${n}_`, 'Disabled'], [`Short_Name_${n}_`, ''], [`Extended_Function_${n}_`, '']);
  }
  for (const [n, key] of [...byNo].sort((a, b) => a[0] - b[0])) {
    if (n <= own) continue;
    const rest = n - own - 1;
    if (perUnit === 0 || rest >= perUnit * units) continue;
    const fn = keyFunction(key, typeof key.label === 'string' && key.label !== '' ? key.label : key.value!);
    if (fn !== null) out.push([`Unit_${Math.floor(rest / perUnit) + 1}_Key_${(rest % perUnit) + 1}_`, fn]);
  }
  return out;
}

function hms(t: { as_hms: readonly [number, number, number] }): string {
  return t.as_hms.join(':');
}

function dstChange(t: { month: number; day: string; time: { as_hms: readonly [number, number, number] } }): string {
  if (t.day.startsWith('D')) return `${t.month}/${t.day.slice(1)}/0/${hms(t.time)}`;
  const [week, weekday] = t.day.slice(1).split('.').map(Number);
  // day -1: the last <weekday> of the month; else the first <weekday> on or after that day
  return `${t.month}/${week === 5 ? -1 : (week - 1) * 7 + 1}/${weekday}/${hms(t.time)}`;
}

/** `GMT+01:00`, `GMT-03:30`, `GMT+05:30`. */
export function gmtOffset(seconds: number): string {
  const abs = Math.abs(seconds);
  return `GMT${seconds < 0 ? '-' : '+'}${String(Math.floor(abs / 3600)).padStart(2, '0')}:${String(Math.floor((abs % 3600) / 60)).padStart(2, '0')}`;
}

/** Time_Zone, Daylight_Saving_Time_Enable and _Rule (week days 1 = Monday … 7 = Sunday). */
export function ciscoTimezone(tz: TimezoneInfo): Param[] {
  const out: Param[] = [['Time_Zone', gmtOffset(tz.utcoffset.as_seconds)]];
  if (tz.dst === null) return [...out, ['Daylight_Saving_Time_Enable', 'no']];
  return [...out, ['Daylight_Saving_Time_Enable', 'yes'], ['Daylight_Saving_Time_Rule', `start=${dstChange(tz.dst.start)};end=${dstChange(tz.dst.end)};save=${hms(tz.dst.save)}`]];
}

/**
 * Unlisted models and Cisco with no model score IMPROBABLE: a Cisco enterprise phone is vendor
 * Cisco too and cannot use these files, and its SEP/CTL/ITL requests name the vendor and MAC
 * only (test/identify.yml's enterprise boots caught this family taking them). Every request of
 * an SPA or 3PCC phone names its model (option 60, User-Agent, spa<psn>.cfg).
 */
export function ciscoAssociate(_info: DeviceInfo, support: number): number {
  return support === PROBABLE ? IMPROBABLE : support;
}

export default (): FamilyHooks => ({
  associate: ciscoAssociate,
  transformRaw(raw) {
    const caps = (raw.XX_capabilities ?? {}) as Capability;
    raw.XX_lines = ciscoLines(raw, caps);
    raw.XX_keys = ciscoKeys(raw, caps);
    if (raw.XX_timezone) raw.XX_tz_settings = ciscoTimezone(raw.XX_timezone as TimezoneInfo);
    raw.XX_debug_level = SYSLOG_LEVEL[String(raw.syslog_level)] ?? '1';
    if (typeof raw.XX_locale === 'string') raw.XX_locale_tag = raw.XX_locale.replace('_', '-');
  },
});
