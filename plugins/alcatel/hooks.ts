/**
 * What is ALE-specific beyond family.yml: accounts capped at the model with ALE's DTMF codes,
 * programmable keys (key 1 stays the line key), the UTC offset as `+1:00`, and the IP Touch
 * 40x8 kept out (identified only).
 */
import type { Capability, DeviceInfo, FamilyHooks, NumberedFuncKey, NumberedSipLine, RawConfig, TimezoneInfo } from '@dialtone/plugin-sdk';

const DTMF: Readonly<Record<string, string>> = { 'RTP-in-band': '1', 'RTP-out-of-band': '2', 'SIP-INFO': '4' };
/** Programmable-key types: 1 speed dial (also used for park slots), 59 BLF. */
const KEY_TYPE: Readonly<Record<string, string>> = { speeddial: '1', park: '1', blf: '59' };

export interface AleLine extends NumberedSipLine {
  readonly XX_dtmf: string;
  readonly XX_transport: string;
}

export interface AleKey {
  /** ProgramKey<position>: the function key's number plus one. */
  readonly position: number;
  readonly type: string;
  readonly account: number;
  readonly label: string;
  readonly value: string;
}

function cap(caps: Capability, key: string): number | undefined {
  const v = caps[key];
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

export function aleLines(raw: RawConfig, caps: Capability): AleLine[] {
  const max = cap(caps, 'lines');
  const transport = ['udp', 'tcp', 'tls'].includes(String(raw.sip_transport)) ? String(raw.sip_transport) : 'udp';
  return ((raw.XX_sip_lines ?? []) as NumberedSipLine[])
    .filter((line) => max === undefined || line.no <= max)
    .map((line) => ({ ...line, XX_transport: transport, XX_dtmf: DTMF[String(line.dtmf_mode ?? raw.sip_dtmf_mode)] ?? '2' }));
}

/** Keys of known types with a value, whose position fits the model's programmable keys; numeric order. */
export function aleKeys(raw: RawConfig, caps: Capability): AleKey[] {
  const own = cap(caps, 'function_keys') ?? 0;
  return ((raw.XX_funckeys ?? []) as NumberedFuncKey[])
    .filter((k) => k.no + 1 <= own && typeof k.value === 'string' && k.value !== '' && Object.hasOwn(KEY_TYPE, k.type))
    .map((k) => ({ position: k.no + 1, type: KEY_TYPE[k.type], account: Math.max(k.line, 1), label: typeof k.label === 'string' && k.label !== '' ? k.label : k.value!, value: k.value! }));
}

/** `+1:00`, `-3:30`, `+5:45`, `+0:00`. */
export function aleUtcOffset(tz: TimezoneInfo): string {
  const s = tz.utcoffset.as_seconds;
  const abs = Math.abs(s);
  return `${s < 0 ? '-' : '+'}${Math.floor(abs / 3600)}:${String(Math.floor((abs % 3600) / 60)).padStart(2, '0')}`;
}

const IMPROBABLE = 100;

/** The IP Touch 4028/4038/4068 read another format (sipconfig-<mac>.txt): never taken by this plugin. */
export function aleSupport(info: DeviceInfo, support: number): number {
  return typeof info.model === 'string' && /^40\d8$/.test(info.model) ? Math.min(support, IMPROBABLE) : support;
}

export default (): FamilyHooks => ({
  associate: (info, support) => aleSupport(info, support),
  transformRaw(raw) {
    const caps = (raw.XX_capabilities ?? {}) as Capability;
    raw.XX_lines = aleLines(raw, caps);
    raw.XX_keys = aleKeys(raw, caps);
    const tz = raw.XX_timezone as TimezoneInfo | undefined;
    if (tz) raw.XX_utc_offset = aleUtcOffset(tz);
  },
});
