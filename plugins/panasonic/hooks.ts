/**
 * What is Panasonic-specific beyond family.yml: accounts capped at the model with Panasonic's
 * transport and DTMF codes, the time zone in minutes with the DST rule as month / ordinal /
 * weekday / minutes, and the flexible buttons.
 */
import type { Capability, DstTransition, FamilyHooks, NumberedFuncKey, NumberedSipLine, RawConfig, TimezoneInfo } from '@dialtone/plugin-sdk';

const TRANSPORT: Readonly<Record<string, string>> = { udp: '0', tcp: '1', tls: '2' };
const DTMF: Readonly<Record<string, string>> = { 'RTP-out-of-band': '0', 'RTP-in-band': '1', 'SIP-INFO': '2' };
/** Flexible-button facilities. */
const FACILITY: Readonly<Record<string, string>> = { speeddial: 'X_PANASONIC_IPTEL_ONETOUCH', blf: 'X_PANASONIC_IPTEL_BLF', park: 'X_PANASONIC_IPTEL_ONETOUCH' };

export interface PanasonicLine extends NumberedSipLine {
  readonly XX_transport: string;
  readonly XX_dtmf: string;
}

export interface PanasonicButton {
  readonly no: number;
  readonly facility: string;
  readonly arg: string;
  readonly label: string;
  readonly line: number;
}

export interface PanasonicDst {
  readonly month: number;
  /** 1…4, 5 for the last; the day of month for a fixed-date rule. */
  readonly ordinal: number;
  /** 0 Sunday … 6 Saturday; 7 for a fixed date. */
  readonly weekday: number;
  /** Minutes after midnight, local time. */
  readonly minutes: number;
}

function cap(caps: Capability, key: string): number | undefined {
  const v = caps[key];
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

export function panasonicLines(raw: RawConfig, caps: Capability): PanasonicLine[] {
  const max = cap(caps, 'lines');
  const transport = TRANSPORT[String(raw.sip_transport)] ?? '0';
  return ((raw.XX_sip_lines ?? []) as NumberedSipLine[])
    .filter((line) => max === undefined || line.no <= max)
    .map((line) => ({ ...line, XX_transport: transport, XX_dtmf: DTMF[String(line.dtmf_mode ?? raw.sip_dtmf_mode)] ?? '0' }));
}

/** Buttons within the model's count, numeric order; park is a one-touch call to the parking slot. */
export function panasonicButtons(raw: RawConfig, caps: Capability): PanasonicButton[] {
  const own = cap(caps, 'function_keys') ?? 0;
  return ((raw.XX_funckeys ?? []) as NumberedFuncKey[])
    .filter((k) => k.no <= own && typeof k.value === 'string' && k.value !== '' && Object.hasOwn(FACILITY, k.type))
    .map((k) => ({ no: k.no, facility: FACILITY[k.type], arg: k.value!, label: typeof k.label === 'string' && k.label !== '' ? k.label : k.value!, line: Math.max(k.line, 1) }));
}

const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

export function panasonicDst(t: DstTransition): PanasonicDst {
  const minutes = Math.floor(t.time.as_seconds / 60);
  const week = /^W(\d)\.(\d)$/.exec(t.day);
  if (week) return { month: t.month, ordinal: Number(week[1]), weekday: Number(week[2]) % 7, minutes };
  return { month: t.month, ordinal: Number(t.day.slice(1)) - DAYS_BEFORE_MONTH[t.month - 1], weekday: 7, minutes };
}

export function panasonicTimezone(tz: TimezoneInfo): Record<string, unknown> {
  const out: Record<string, unknown> = { offset: tz.utcoffset.as_minutes };
  if (tz.dst) Object.assign(out, { dst_offset: Math.floor(tz.dst.save.as_seconds / 60), start: panasonicDst(tz.dst.start), end: panasonicDst(tz.dst.end) });
  return out;
}

export default (): FamilyHooks => ({
  transformRaw(raw) {
    const caps = (raw.XX_capabilities ?? {}) as Capability;
    raw.XX_lines = panasonicLines(raw, caps);
    raw.XX_buttons = panasonicButtons(raw, caps);
    const tz = raw.XX_timezone as TimezoneInfo | undefined;
    if (tz) raw.XX_tz = panasonicTimezone(tz);
  },
});
