/**
 * What is Technicolor-specific beyond family.yml: the phones' codes (language, country, DTMF,
 * transport), the time-zone menu number, the feature keys, a configuration serial number that
 * changes with the content, and the per-model target firmware.
 */
import type { Capability, DeviceInfo, FamilyHooks, NumberedFuncKey, NumberedSipLine, RawConfig, TimezoneInfo } from '@dialtone/plugin-sdk';

/** locale → [language type, country code] of the phones' menus. */
const LOCALES: Readonly<Record<string, readonly [string, string]>> = { en_US: ['0', 'US'], fr_FR: ['1', 'FR'], fr_CA: ['1', 'US'], es_ES: ['2', 'ES'], de_DE: ['3', 'DE'] };
const DTMF: Readonly<Record<string, string>> = { 'RTP-in-band': '0', 'RTP-out-of-band': '1', 'SIP-INFO': '4' };
const TRANSPORT: Readonly<Record<string, string>> = { udp: '0', tcp: '1', tls: '2' };
const PHONEBOOK_NAMES: Readonly<Record<string, string>> = { fr: 'Annuaire entreprise', en: 'Enterprise directory' };

type DstKind = 'none' | 'eu' | 'us' | 'south';
/**
 * The phones' time-zone menu, in order (its index is the zone number): standard offset in
 * minutes and the DST rule family. From GMT-12 (Eniwetok) to GMT+13 (Nuku'alofa).
 */
const ZONE_MENU: ReadonlyArray<readonly [number, DstKind]> = [
  [-720, 'none'], [-660, 'none'], [-600, 'none'], [-540, 'us'], [-480, 'us'], [-420, 'none'], [-420, 'us'], [-360, 'us'],
  [-360, 'none'], [-360, 'none'], [-300, 'none'], [-300, 'us'], [-300, 'us'], [-240, 'us'], [-240, 'none'], [-210, 'us'],
  [-180, 'none'], [-180, 'none'], [-120, 'none'], [-60, 'eu'], [0, 'none'], [0, 'eu'], [60, 'eu'], [60, 'eu'],
  [60, 'eu'], [60, 'eu'], [120, 'eu'], [120, 'eu'], [120, 'none'], [120, 'none'], [120, 'eu'], [120, 'none'],
  [180, 'none'], [180, 'none'], [180, 'none'], [210, 'none'], [240, 'none'], [240, 'none'], [270, 'none'], [300, 'none'],
  [300, 'none'], [330, 'none'], [345, 'none'], [360, 'none'], [330, 'none'], [390, 'none'], [420, 'none'], [480, 'none'],
  [480, 'none'], [480, 'none'], [540, 'none'], [540, 'none'], [540, 'none'], [570, 'south'], [570, 'none'], [600, 'none'],
  [600, 'south'], [600, 'none'], [600, 'south'], [600, 'none'], [660, 'none'], [720, 'south'], [720, 'none'], [780, 'none'],
];

function dstKind(tz: TimezoneInfo): DstKind {
  if (tz.dst === null) return 'none';
  const { start } = tz.dst;
  if (start.month >= 8) return 'south';
  if (start.month === 3 && start.day.startsWith('W2.')) return 'us';
  return 'eu';
}

/** The menu number of the zone with the same standard offset and DST family, else the same offset, else a neighbour (±30, ±60 min). */
export function technicolorZone(tz: TimezoneInfo): number | null {
  const kind = dstKind(tz);
  for (const delta of [0, 30, -30, 60, -60]) {
    const offset = tz.utcoffset.as_minutes + delta;
    const same = ZONE_MENU.findIndex(([o, k]) => o === offset && k === kind);
    if (same !== -1) return same;
    const any = ZONE_MENU.findIndex(([o]) => o === offset);
    if (any !== -1) return any;
  }
  return null;
}

/** `FeatureKeyExtNN=L/<sip:value>` (speed dial) or `S/<sip:value>` (BLF supervision) for each key of the model; other keys empty. */
export function technicolorKeys(raw: RawConfig, count: number): string[] {
  const byNo = new Map(((raw.XX_funckeys ?? []) as NumberedFuncKey[]).map((k) => [k.no, k]));
  const out: string[] = [];
  for (let no = 1; no <= count; no++) {
    const key = byNo.get(no);
    const kind = key?.type === 'speeddial' ? 'L' : key?.type === 'blf' ? 'S' : null;
    const value = kind && typeof key?.value === 'string' ? key.value : '';
    out.push(`FeatureKeyExt${String(no).padStart(2, '0')}=${kind ?? 'L'}/<sip:${value}>`);
  }
  return out;
}

/**
 * Twelve digits that change when the content does (the phone reloads its settings only when the
 * serial differs). The reference used the clock; a digest keeps the output reproducible.
 */
export function configSerial(parts: readonly unknown[]): string {
  let h = 0xcbf29ce484222325n;
  for (const ch of JSON.stringify(parts)) {
    h ^= BigInt(ch.codePointAt(0)!);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return String(h % 1_000_000_000_000n).padStart(12, '0');
}

/** The firmware each model runs (family.yml's `version`s): a model at another model's version is COMPLETE, not EXACT. */
export const MODEL_VERSIONS: Readonly<Record<string, string>> = { ST2022: '4.78.1', ST2030: '2.74', TB30: '1.74.0' };

export default (): FamilyHooks => ({
  associate(info: DeviceInfo, support: number) {
    if (support === 600 && typeof info.model === 'string' && MODEL_VERSIONS[info.model] !== info.version) return 500;
    return support;
  },
  transformRaw(raw) {
    const caps = (raw.XX_capabilities ?? {}) as Capability;
    const maxLines = typeof caps.lines === 'number' ? caps.lines : 4;
    const lines = ((raw.XX_sip_lines ?? []) as NumberedSipLine[]).filter((l) => l.no <= maxLines);
    raw.XX_lines = lines.map((l) => ({ ...l, XX_dtmf: DTMF[String(l.dtmf_mode ?? raw.sip_dtmf_mode)] ?? '1' }));
    const [language, country] = LOCALES[String(raw.locale)] ?? ['0', 'US'];
    raw.XX_language_type = language;
    raw.XX_country_code = country;
    raw.XX_transport = TRANSPORT[String(raw.sip_transport)] ?? '0';
    raw.XX_keys = technicolorKeys(raw, typeof caps.function_keys === 'number' ? caps.function_keys : 0);
    raw.XX_phonebook_name = PHONEBOOK_NAMES[String(raw.locale ?? '').split('_')[0]] ?? '';
    if (raw.XX_timezone) raw.XX_zone = technicolorZone(raw.XX_timezone as TimezoneInfo);
    raw.XX_config_sn = configSerial([raw.XX_lines, raw.XX_keys, raw.XX_zone, raw.locale, raw.ntp_ip, raw.vlan_id, raw.admin_password, raw.XX_xivo_phonebook_url]);
  },
});
