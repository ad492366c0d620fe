/**
 * What is Aastra-specific beyond family.yml: lines capped at the model, programmable keys as
 * `prgkeyN`/`expmodM keyN` settings, and the time zone as a custom zone with DST rules.
 */
import type { Capability, FamilyHooks, NumberedFuncKey, NumberedSipLine, RawConfig, TimezoneInfo } from '@dialtone/plugin-sdk';

/** sip lineN transport protocol: 1 UDP, 2 TCP, 4 TLS. */
const TRANSPORT: Readonly<Record<string, string>> = { udp: '1', tcp: '2', tls: '4' };
const KEY_TYPE: Readonly<Record<string, string>> = { speeddial: 'speeddial', blf: 'blf', park: 'park' };
/** Keys per expansion module (M680i). */
const EXPMOD_KEYS = 16;

export type Setting = readonly [string, string];

function cap(caps: Capability, key: string): number | undefined {
  const v = caps[key];
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

export function aastraLines(raw: RawConfig, caps: Capability): Array<NumberedSipLine & { XX_transport: string }> {
  const max = cap(caps, 'lines');
  const transport = TRANSPORT[String(raw.sip_transport)] ?? '1';
  return ((raw.XX_sip_lines ?? []) as NumberedSipLine[]).filter((l) => max === undefined || l.no <= max).map((l) => ({ ...l, XX_transport: transport }));
}

/** Programmable keys (`prgkeyN`), then expansion-module keys (`expmodM keyK`), numeric order. */
export function aastraKeys(raw: RawConfig, caps: Capability): Setting[] {
  const own = cap(caps, 'function_keys');
  const modules = cap(caps, 'expansion_modules') ?? 0;
  const out: Setting[] = [];
  for (const key of (raw.XX_funckeys ?? []) as NumberedFuncKey[]) {
    const type = KEY_TYPE[key.type];
    if (type === undefined || typeof key.value !== 'string' || key.value === '') continue;
    let prefix: string;
    if (own === undefined || key.no <= own) prefix = `prgkey${key.no}`;
    else {
      const rest = key.no - own - 1;
      if (rest >= EXPMOD_KEYS * modules) continue;
      prefix = `expmod${Math.floor(rest / EXPMOD_KEYS) + 1} key${(rest % EXPMOD_KEYS) + 1}`;
    }
    const label = typeof key.label === 'string' && key.label !== '' ? key.label : key.value;
    out.push([`${prefix} type`, type], [`${prefix} label`, label], [`${prefix} value`, key.value], [`${prefix} line`, String(key.line)]);
  }
  return out;
}

function dstChange(prefix: string, t: { month: number; day: string; time: { as_hours: number } }): Setting[] {
  const out: Setting[] = [[`${prefix} month`, String(t.month)], [`${prefix} hour`, String(t.time.as_hours)]];
  if (t.day.startsWith('D')) return [...out, [`${prefix} day`, t.day.slice(1)]];
  const [week, weekday] = t.day.slice(1).split('.').map(Number);
  // week 5 = last; day 1 = Sunday … 7 = Saturday
  return [...out, [`${prefix} week`, String(week === 5 ? -1 : week)], [`${prefix} day`, String((weekday % 7) + 1)]];
}

/** A custom time zone: minutes west of UTC (Aastra's sign) and DST by week day or date. */
export function aastraTimezone(tz: TimezoneInfo): Setting[] {
  const out: Setting[] = [['time zone name', 'Custom'], ['time zone minutes', String(-Math.round(tz.utcoffset.as_seconds / 60))]];
  if (tz.dst === null) return [...out, ['dst config', '0']];
  const relative = !tz.dst.start.day.startsWith('D');
  return [...out, ['dst config', relative ? '3' : '2'], ['dst minutes', String(tz.dst.save.as_minutes)], ...dstChange('dst start', tz.dst.start), ...dstChange('dst end', tz.dst.end)];
}

export default (): FamilyHooks => ({
  transformRaw(raw) {
    const caps = (raw.XX_capabilities ?? {}) as Capability;
    raw.XX_lines = aastraLines(raw, caps);
    raw.XX_keys = aastraKeys(raw, caps);
    if (raw.XX_timezone) raw.XX_tz = aastraTimezone(raw.XX_timezone as TimezoneInfo);
  },
});
