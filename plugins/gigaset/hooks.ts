/**
 * What is Gigaset-specific beyond family.yml: which bases this plugin configures (N510 and N720;
 * the others are identified only) and at which firmware, the provider-XML body each uses, the
 * time-zone code, and the values the bases want in hexadecimal (ports, DNS address, VLAN id).
 */
import type { Capability, DeviceInfo, FamilyHooks, NumberedSipLine, RawConfig, TimezoneInfo } from '@dialtone/plugin-sdk';

/** The configured models, their provider-XML body and their target firmware. */
export const CONFIGURED: Readonly<Record<string, { readonly body: 'n510' | 'n720'; readonly version: string }>> = {
  'N510 IP PRO': { body: 'n510', version: '42.262.00.000.000' },
  'N720 DM PRO': { body: 'n720', version: '70.117.00.000.000' },
  'N720 IP PRO': { body: 'n720', version: '70.117.00.000.000' },
};

const EXACT = 600;
const COMPLETE = 500;
const IMPROBABLE = 100;

/** Time-zone codes of the bases, by standard offset (hours, minutes). */
const TZ_CODE: Readonly<Record<string, number>> = {
  '-12:0': 0x00, '-11:0': 0x01, '-10:0': 0x02, '-9:0': 0x03, '-8:0': 0x04, '-7:0': 0x07, '-6:0': 0x09, '-5:0': 0x0d, '-4:0': 0x10, '-3:0': 0x12,
  '-2:0': 0x16, '-1:0': 0x18, '0:0': 0x1a, '1:0': 0x1b, '2:0': 0x20, '3:0': 0x28, '4:0': 0x2c, '4:30': 0x2d, '5:0': 0x2f, '5:30': 0x30,
  '5:45': 0x31, '6:0': 0x33, '6:30': 0x35, '7:0': 0x36, '8:0': 0x38, '9:0': 0x3d, '9:30': 0x40, '10:0': 0x43, '11:0': 0x47, '12:0': 0x48, '13:0': 0x50,
};

export const hex = (n: number): string => `0x${n.toString(16)}`;

/** `10.42.1.53` → `0x0a2a0135` (every octet two digits; the reference dropped the zeros); null if not an IPv4 address. */
export function ipv4Hex(ip: unknown): string | null {
  if (typeof ip !== 'string') return null;
  const parts = ip.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return `0x${parts.map((p) => Number(p).toString(16).padStart(2, '0')).join('')}`;
}

export function gigasetTimezoneCode(tz: TimezoneInfo): number | undefined {
  const [h, m] = tz.utcoffset.as_hms;
  return TZ_CODE[`${h}:${m}`];
}

/** N510/N720 at their own target firmware → EXACT, another firmware → COMPLETE; any other Gigaset base → IMPROBABLE. */
export function gigasetSupport(info: DeviceInfo, support: number): number {
  if (info.vendor !== 'Gigaset') return support;
  const own = typeof info.model === 'string' ? CONFIGURED[info.model] : undefined;
  if (!own) return Math.min(support, IMPROBABLE);
  return info.version === own.version ? EXACT : COMPLETE;
}

export interface GigasetLine extends NumberedSipLine {
  /** Account index in the base's tables (line number − 1). */
  readonly XX_index: number;
  readonly XX_port_hex: string;
}

export function gigasetLines(raw: RawConfig, caps: Capability): GigasetLine[] {
  const max = typeof caps.lines === 'number' ? caps.lines : undefined;
  return ((raw.XX_sip_lines ?? []) as NumberedSipLine[])
    .filter((l) => max === undefined || l.no <= max)
    .map((l) => ({ ...l, XX_index: l.no - 1, XX_port_hex: hex(Number(l.proxy_port) || 5060) }));
}

export default (): FamilyHooks => ({
  associate: (info, support) => gigasetSupport(info, support),
  transformRaw(raw, device) {
    const caps = (raw.XX_capabilities ?? {}) as Capability;
    const own = typeof device.model === 'string' ? CONFIGURED[device.model] : undefined;
    if (own) raw.XX_body = own.body;
    raw.XX_lines = gigasetLines(raw, caps);
    const dns = raw.dns_enabled ? ipv4Hex(raw.dns_ip) : null;
    if (dns) raw.XX_dns_ip_hex = dns;
    if (raw.vlan_enabled && Number.isInteger(Number(raw.vlan_id))) raw.XX_vlan_id_hex = hex(Number(raw.vlan_id));
    const tz = raw.XX_timezone as TimezoneInfo | undefined;
    const code = tz ? gigasetTimezoneCode(tz) : undefined;
    if (code !== undefined) raw.XX_timezone_code_hex = hex(code);
  },
});
