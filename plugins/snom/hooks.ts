/**
 * What is Snom-specific beyond family.yml: identities capped at the model, function keys as
 * Snom fkey values (0-based idx), the time zone as utc_offset + dst, and which Snom models this
 * plugin cannot configure (M-series DECT bases, PA1).
 */
import type { Capability, DeviceInfo, FamilyHooks, NumberedFuncKey, NumberedSipLine, RawConfig, TimezoneInfo } from '@dialtone/plugin-sdk';

const IMPROBABLE = 100;

export interface SnomIdentity extends NumberedSipLine {
  /** user_host: `host:port` with `;transport=tcp|tls` when not UDP. */
  readonly XX_host: string;
  readonly XX_dtmf_info: string;
}

export interface SnomKey {
  /** 0-based, as Snom numbers keys. */
  readonly idx: number;
  readonly context: string;
  readonly label: string;
  readonly value: string;
}

function cap(caps: Capability, key: string): number | undefined {
  const v = caps[key];
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

export function snomIdentities(raw: RawConfig, caps: Capability): SnomIdentity[] {
  const max = cap(caps, 'lines');
  const transport = raw.sip_transport === 'tcp' || raw.sip_transport === 'tls' ? `;transport=${raw.sip_transport}` : '';
  return ((raw.XX_sip_lines ?? []) as NumberedSipLine[])
    .filter((line) => max === undefined || line.no <= max)
    .map((line) => ({ ...line, XX_host: `${line.proxy_ip}:${line.proxy_port ?? 5060}${transport}`, XX_dtmf_info: line.dtmf_mode === 'SIP-INFO' ? 'sip_info_only' : 'off' }));
}

/** Speed dial → `speed <n>`, BLF → `blf <sip:n@proxy>|<pickup>`, park → `orbit <sip:n@proxy>`. */
export function snomKeys(raw: RawConfig, caps: Capability): SnomKey[] {
  const own = cap(caps, 'function_keys');
  const lines = new Map(((raw.XX_sip_lines ?? []) as NumberedSipLine[]).map((l) => [l.no, l]));
  const pickup = typeof raw.exten_pickup_call === 'string' && raw.exten_pickup_call !== '' ? `|${raw.exten_pickup_call}` : '';
  const out: SnomKey[] = [];
  for (const key of (raw.XX_funckeys ?? []) as NumberedFuncKey[]) {
    if (own !== undefined && key.no > own) continue;
    if (typeof key.value !== 'string' || key.value === '') continue;
    const line = lines.get(key.line) ?? lines.values().next().value;
    const domain = line?.proxy_ip ?? raw.sip_proxy_ip ?? raw.ip;
    const label = typeof key.label === 'string' && key.label !== '' ? key.label : key.value;
    const value = key.type === 'speeddial' ? `speed ${key.value}` : key.type === 'blf' ? `blf <sip:${key.value}@${domain}>${pickup}` : key.type === 'park' ? `orbit <sip:${key.value}@${domain}>` : null;
    if (value !== null) out.push({ idx: key.no - 1, context: String(line?.no ?? 1), label, value });
  }
  return out;
}

/**
 * `utc_offset` (seconds) and `dst`: `<save seconds> <MM.WW.DD> <hh:mm:ss> <MM.WW.DD> <hh:mm:ss>`
 * (week 5 = last, day 1 = Monday … 7 = Sunday). Day-of-year rules cannot be written: no dst then.
 */
export function snomTimezone(tz: TimezoneInfo): { utc_offset: string; dst?: string } {
  const out = { utc_offset: String(tz.utcoffset.as_seconds) };
  if (tz.dst === null || tz.dst.start.day.startsWith('D') || tz.dst.end.day.startsWith('D')) return out;
  const p = (n: number) => String(n).padStart(2, '0');
  const change = (t: { month: number; day: string; time: { as_hms: readonly [number, number, number] } }) => {
    const [week, weekday] = t.day.slice(1).split('.').map(Number);
    return `${p(t.month)}.${p(week)}.${p(weekday)} ${t.time.as_hms.map(p).join(':')}`;
  };
  return { ...out, dst: `${tz.dst.save.as_seconds} ${change(tz.dst.start)} ${change(tz.dst.end)}` };
}

/** M-series DECT bases and the PA1 take other settings: this plugin must not take them. */
export function snomAssociate(info: DeviceInfo, support: number): number {
  return typeof info.model === 'string' && /^(?:M\d|PA1$|MP$)/.test(info.model) ? Math.min(support, IMPROBABLE) : support;
}

export default (): FamilyHooks => ({
  associate: snomAssociate,
  transformRaw(raw) {
    const caps = (raw.XX_capabilities ?? {}) as Capability;
    raw.XX_identities = snomIdentities(raw, caps);
    raw.XX_keys = snomKeys(raw, caps);
    if (raw.XX_timezone) raw.XX_tz = snomTimezone(raw.XX_timezone as TimezoneInfo);
  },
});
