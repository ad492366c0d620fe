/**
 * What is Fanvil-specific beyond family.yml: lines capped at the model with Fanvil's codes, DSS
 * keys with Fanvil's value syntax, and the time zone (quarter hours, DST by week day or date).
 */
import type { Capability, DeviceInfo, FamilyHooks, NumberedFuncKey, NumberedSipLine, RawConfig, TimezoneInfo } from '@dialtone/plugin-sdk';

const TRANSPORT: Readonly<Record<string, string>> = { udp: '0', tcp: '1', tls: '3' };
const DTMF: Readonly<Record<string, string>> = { 'RTP-in-band': '0', 'RTP-out-of-band': '1', 'SIP-INFO': '2' };
/** DSS key types: 1 memory (speed dial/BLF/park by the value's suffix). */
const KEY_TYPE = '1';

export interface FanvilLine extends NumberedSipLine {
  readonly XX_transport: string;
  readonly XX_dtmf: string;
}

export interface FanvilKey {
  readonly no: number;
  readonly type: string;
  readonly value: string;
  readonly title: string;
}

function cap(caps: Capability, key: string): number | undefined {
  const v = caps[key];
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

export function fanvilLines(raw: RawConfig, caps: Capability): FanvilLine[] {
  const max = cap(caps, 'lines');
  const transport = TRANSPORT[String(raw.sip_transport)] ?? '0';
  return ((raw.XX_sip_lines ?? []) as NumberedSipLine[])
    .filter((line) => max === undefined || line.no <= max)
    .map((line) => ({ ...line, XX_transport: transport, XX_dtmf: DTMF[String(line.dtmf_mode ?? 'RTP-out-of-band')] ?? '1' }));
}

/**
 * DSS keys: `<value>@<line>/f` speed dial, `<value>@<line>/ba<pickup><value>` BLF (with directed
 * pickup), `<value>@<line>/c` park; numeric order, within the model's keys. Fanvil's titles take
 * no punctuation: it is removed.
 */
export function fanvilKeys(raw: RawConfig, caps: Capability): FanvilKey[] {
  const own = cap(caps, 'function_keys');
  const pickup = typeof raw.exten_pickup_call === 'string' ? raw.exten_pickup_call : '';
  const out: FanvilKey[] = [];
  for (const key of (raw.XX_funckeys ?? []) as NumberedFuncKey[]) {
    if ((own !== undefined && key.no > own) || typeof key.value !== 'string' || key.value === '') continue;
    const at = `${key.value}@${key.line}`;
    const value = key.type === 'speeddial' ? `${at}/f` : key.type === 'blf' ? `${at}/ba${pickup ? `${pickup}${key.value}` : ''}` : key.type === 'park' ? `${at}/c` : null;
    if (value === null) continue;
    const title = (typeof key.label === 'string' && key.label !== '' ? key.label : key.value).replace(/[^\p{L}\p{N}\s]/gu, '').trim();
    out.push({ no: key.no, type: KEY_TYPE, value, title });
  }
  return out;
}

function dstChange(t: { month: number; day: string; time: { as_hours: number } }): Record<string, string> {
  const out: Record<string, string> = { mon: String(t.month), hour: String(Math.min(t.time.as_hours, 23)) };
  if (t.day.startsWith('D')) return { ...out, week: '0', wday: t.day.slice(1) };
  const [week, weekday] = t.day.slice(1).split('.').map(Number);
  // week -1: the last; week day 0 = Sunday … 6 = Saturday
  return { ...out, week: week === 5 ? '-1' : String(week), wday: String(weekday % 7) };
}

/** Time Zone in quarter hours from UTC (so +5:30 is 22), DST by week day or fixed date. */
export function fanvilTimezone(tz: TimezoneInfo): Record<string, unknown> {
  const quarters = Math.round(tz.utcoffset.as_seconds / 900);
  const sign = tz.utcoffset.as_seconds < 0 ? '-' : '+';
  const abs = Math.abs(tz.utcoffset.as_seconds);
  const name = `UTC${sign}${Math.floor(abs / 3600)}${abs % 3600 ? `:${String(Math.floor((abs % 3600) / 60)).padStart(2, '0')}` : ''}`;
  const base = { zone: String(quarters), name };
  if (tz.dst === null) return { ...base, dst: '0' };
  return { ...base, dst: '1', fixed: tz.dst.start.day.startsWith('D') ? '1' : '0', offset: String(Math.min(tz.dst.save.as_minutes, 60)), start: dstChange(tz.dst.start), end: dstChange(tz.dst.end) };
}

/**
 * The target firmware of each model (the `version` of family.yml's models; a test keeps both
 * equal). family.yml's association has one list of versions for all models, so an X4U at the
 * X5U's version would score EXACT: the hook brings that back to COMPLETE.
 */
export const MODEL_VERSIONS: Readonly<Record<string, string>> = {
  X3S: '2.10.2.6887', X4: '2.14.0.7386', X4U: '2.12.20', 'X4U-Pro': '2.12.20', X5U: '2.12.16.17', 'X5U-Pro': '2.12.16.17',
  X6U: '2.12.16.17', 'X6U-Pro': '2.12.16.17', X7: '2.12.16.17', X7C: '2.12.16.17',
};
const EXACT = 600;
const COMPLETE = 500;

export function fanvilAssociate(info: DeviceInfo, support: number): number {
  if (support === EXACT && typeof info.model === 'string' && MODEL_VERSIONS[info.model] !== info.version) return COMPLETE;
  return support;
}

export default (): FamilyHooks => ({
  associate: fanvilAssociate,
  transformRaw(raw) {
    const caps = (raw.XX_capabilities ?? {}) as Capability;
    raw.XX_lines = fanvilLines(raw, caps);
    raw.XX_keys = fanvilKeys(raw, caps);
    if (raw.XX_timezone) raw.XX_tz = fanvilTimezone(raw.XX_timezone as TimezoneInfo);
  },
});
