/**
 * What is Avaya-specific beyond family.yml: the SIP controller designator of line 1, the time
 * zone as GMTOFFSET with DSTSTART/DSTSTOP rules (`2SunMar2L`), the firmware file names of the
 * upgrade script, and the 1220/1230 IP Deskphones kept out (identified only).
 */
import type { DeviceInfo, DstTransition, FamilyHooks, NumberedSipLine, RawConfig, TimezoneInfo } from '@dialtone/plugin-sdk';

/** The version part of the firmware file names (`FW_S_J179_R4_1_3_0_6.bin`), as build.yml's `firmware_files`. */
export const FIRMWARE_FILES = 'R4_1_3_0_6';
export const MODELS = ['J129', 'J139', 'J159', 'J169', 'J179', 'J189'] as const;

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** `host:port;transport=udp` of a line. */
export function controller(line: NumberedSipLine, raw: RawConfig): string | undefined {
  if (typeof line.proxy_ip !== 'string' || line.proxy_ip === '') return undefined;
  const transport = ['udp', 'tcp', 'tls'].includes(String(raw.sip_transport)) ? String(raw.sip_transport) : 'udp';
  const port = Number(line.proxy_port) || (transport === 'tls' ? 5061 : 5060);
  return `${line.proxy_ip}:${port};transport=${transport}`;
}

/**
 * One DST change as `odddmmmht` (ordinal 1–4 or L, weekday, month, hour 0–9, L for local time)
 * or `Dmmmht` for a fixed date; null when the hour does not fit the one digit the format has.
 */
export function avayaDstRule(t: DstTransition): string | null {
  const [hour, minute] = t.time.as_hms;
  if (hour < 0 || hour > 9 || minute !== 0) return null;
  const month = MONTHS[t.month - 1];
  const week = /^W(\d)\.(\d)$/.exec(t.day);
  if (week) return `${week[1] === '5' ? 'L' : week[1]}${DAYS[Number(week[2]) - 1]}${month}${hour}L`;
  return `${Number(t.day.slice(1)) - DAYS_BEFORE_MONTH[t.month - 1]}${month}${hour}L`;
}

/** `1:00`, `-3:30`, `0:00`. */
export function gmtOffset(tz: TimezoneInfo): string {
  const s = tz.utcoffset.as_seconds;
  const abs = Math.abs(s);
  return `${s < 0 ? '-' : ''}${Math.floor(abs / 3600)}:${String(Math.floor((abs % 3600) / 60)).padStart(2, '0')}`;
}

export function avayaTimezone(tz: TimezoneInfo): Record<string, string> {
  const out: Record<string, string> = { name: tz.name, offset: gmtOffset(tz), mode: '0' };
  if (!tz.dst) return out;
  const start = avayaDstRule(tz.dst.start);
  const stop = avayaDstRule(tz.dst.end);
  if (start === null || stop === null) return out;
  return { ...out, mode: '2', start, stop, save: String(Math.round(tz.dst.save.as_seconds / 3600)) };
}

const IMPROBABLE = 100;

/** The 1220/1230 (`12x0`, `1220`, `1230`) read another format: never taken by this plugin. */
export function avayaSupport(info: DeviceInfo, support: number): number {
  return info.vendor === 'Avaya' && typeof info.model === 'string' && /^12/.test(info.model) ? Math.min(support, IMPROBABLE) : support;
}

export default (): FamilyHooks => ({
  associate: (info, support) => avayaSupport(info, support),
  transformCommonRaw(raw) {
    raw.XX_firmware = MODELS.map((model) => ({ model, app: `FW_S_${model}_${FIRMWARE_FILES}.bin` }));
  },
  transformRaw(raw) {
    const line = ((raw.XX_sip_lines ?? []) as NumberedSipLine[])[0];
    if (line) {
      raw.XX_line = line;
      const c = controller(line, raw);
      if (c) raw.XX_controller = c;
    }
    const tz = raw.XX_timezone as TimezoneInfo | undefined;
    if (tz) raw.XX_tz = avayaTimezone(tz);
  },
});
