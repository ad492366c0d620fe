/**
 * What is Polycom-specific beyond family.yml: registrations capped at the model, the BLF/park/
 * speed-dial resource list (attendant.resourceList), the time zone in tcpIpApp.sntp.* form,
 * and the codes of transport, DTMF, SRTP and syslog levels.
 */
import type { Capability, FamilyHooks, NumberedFuncKey, NumberedSipLine, RawConfig, TimezoneInfo } from '@dialtone/plugin-sdk';

const TRANSPORT: Readonly<Record<string, string>> = { udp: 'UDPOnly', tcp: 'TCPOnly', tls: 'TLS' };
/** device.syslog.renderLevel: 0 is the most verbose. */
const SYSLOG_LEVEL: Readonly<Record<string, string>> = { debug: '1', info: '2', warning: '3', error: '4', critical: '5' };
/** attendant.resourceList.N.type: BLF and speed dial watch a user ("normal"), park watches an orbit ("automata"). */
const RESOURCE_TYPE: Readonly<Record<string, string>> = { blf: 'normal', speeddial: 'normal', park: 'automata' };

export interface PolycomResource {
  readonly index: number;
  readonly address: string;
  readonly label: string;
  readonly type: string;
}

function cap(caps: Capability, key: string): number | undefined {
  const v = caps[key];
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

/** The lines the model has registrations for (all lines for an unknown model). */
export function polycomRegs(raw: RawConfig, caps: Capability): NumberedSipLine[] {
  const max = cap(caps, 'lines');
  return ((raw.XX_sip_lines ?? []) as NumberedSipLine[]).filter((line) => max === undefined || line.no <= max);
}

/**
 * The resource list, numbered from 1 in function-key order. Polycom shows resources on the line
 * keys after the registrations; a model with expansion modules has 40 more keys per module.
 */
export function polycomResources(raw: RawConfig, caps: Capability): PolycomResource[] {
  const keys = ((raw.XX_funckeys ?? []) as NumberedFuncKey[]).filter((k) => RESOURCE_TYPE[k.type] !== undefined && typeof k.value === 'string' && k.value !== '');
  const own = cap(caps, 'function_keys');
  const room = own === undefined ? keys.length : own + 40 * (cap(caps, 'expansion_modules') ?? 0);
  return keys.slice(0, room).map((k, i) => ({ index: i + 1, address: k.value!, label: typeof k.label === 'string' && k.label !== '' ? k.label : k.value!, type: RESOURCE_TYPE[k.type] }));
}

/** ISO week day (1 = Monday … 7 = Sunday) → Polycom's (1 = Sunday … 7 = Saturday). */
export function polycomWeekday(iso: number): number {
  return (iso % 7) + 1;
}

function dstChange(prefix: string, t: { month: number; day: string; time: { as_hours: number } }): Array<[string, string]> {
  const out: Array<[string, string]> = [[`${prefix}.month`, String(t.month)], [`${prefix}.time`, String(t.time.as_hours)]];
  if (t.day.startsWith('D')) {
    out.push([`${prefix}.date`, t.day.slice(1)]);
    return out;
  }
  const [week, weekday] = t.day.slice(1).split('.').map(Number);
  out.push([`${prefix}.dayOfWeek`, String(polycomWeekday(weekday))]);
  if (week === 5) out.push([`${prefix}.dayOfWeek.lastInMonth`, '1']);
  else out.push([`${prefix}.dayOfWeek.lastInMonth`, '0'], [`${prefix}.date`, String((week - 1) * 7 + 1)]);
  return out;
}

/** tcpIpApp.sntp.* settings: GMT offset in seconds, DST by week day (last or nth) or fixed date. */
export function polycomTimezone(tz: TimezoneInfo): Array<[string, string]> {
  const out: Array<[string, string]> = [['tcpIpApp.sntp.gmtOffset', String(tz.utcoffset.as_seconds)]];
  if (tz.dst === null) {
    out.push(['tcpIpApp.sntp.daylightSavings.enable', '0']);
    return out;
  }
  out.push(
    ['tcpIpApp.sntp.daylightSavings.enable', '1'],
    ['tcpIpApp.sntp.daylightSavings.fixedDayEnable', tz.dst.start.day.startsWith('D') ? '1' : '0'],
    ...dstChange('tcpIpApp.sntp.daylightSavings.start', tz.dst.start),
    ...dstChange('tcpIpApp.sntp.daylightSavings.stop', tz.dst.end),
  );
  return out;
}

export default (): FamilyHooks => ({
  transformRaw(raw) {
    const caps = (raw.XX_capabilities ?? {}) as Capability;
    raw.XX_regs = polycomRegs(raw, caps);
    raw.XX_resources = polycomResources(raw, caps);
    if (raw.XX_timezone) raw.XX_tz_settings = polycomTimezone(raw.XX_timezone as TimezoneInfo);
    raw.XX_transport = TRANSPORT[String(raw.sip_transport)] ?? 'UDPOnly';
    raw.XX_syslog_level = SYSLOG_LEVEL[String(raw.syslog_level)] ?? '3';
  },
});
