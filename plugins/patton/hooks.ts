/**
 * What is SmartNode-specific beyond family.yml: SIP lines become FXS ports (port 0 = line 1)
 * capped at the model's ports, their proxies become de-duplicated SIP servers, the time zone is
 * the CLI's offset and DST rule, and the DTMF, transport and syslog codes.
 */
import type { Capability, FamilyHooks, NumberedSipLine, RawConfig, TimezoneInfo } from '@dialtone/plugin-sdk';

/** sip_dtmf_mode → the voip profile's dtmf-relay. */
const DTMF_RELAY: Readonly<Record<string, string>> = { 'RTP-in-band': 'default', 'RTP-out-of-band': 'rtp', 'SIP-INFO': 'signaling' };
/** syslog_level → the CLI's severity names. */
const SYSLOG_SEVERITY: Readonly<Record<string, string>> = { critical: 'critical', error: 'error', warning: 'warning', info: 'informational', debug: 'debug' };
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** The SDK's ISO week days: 1 = Monday … 7 = Sunday. */
const WEEK_DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
/** Days before each month in a common year (D rules count days of the year, 29 February never counted). */
const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const WEEKS = ['first', 'second', 'third', 'fourth', 'last'];

export interface SmartNodeServer {
  readonly id: number;
  readonly host: string;
  readonly port: string;
}

export interface SmartNodePort {
  readonly no: number;
  /** FXS port index on the gateway (line 1 is port 0). */
  readonly port: number;
  readonly username: string;
  readonly auth_username: string;
  readonly password: string;
  readonly display_name: string;
  /** Ids of the servers the line registers with: its proxy, then its backup proxy. */
  readonly servers: readonly number[];
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** Lines as FXS ports and the servers they use, each proxy (host and port) listed once. */
export function smartNodeLines(raw: RawConfig, caps: Capability): { ports: SmartNodePort[]; servers: SmartNodeServer[] } {
  const max = typeof caps.lines === 'number' ? caps.lines : Infinity;
  const servers: SmartNodeServer[] = [];
  const serverOf = (host: unknown, port: unknown): number | null => {
    if (typeof host !== 'string' || host === '') return null;
    const p = str(port) || '5060';
    const found = servers.find((s) => s.host === host && s.port === p);
    if (found) return found.id;
    servers.push({ id: servers.length + 1, host, port: p });
    return servers.length;
  };
  const ports: SmartNodePort[] = [];
  for (const line of (raw.XX_sip_lines ?? []) as NumberedSipLine[]) {
    if (line.no > max || typeof line.username !== 'string' || line.username === '') continue;
    const ids = [serverOf(line.proxy_ip, line.proxy_port), serverOf(line.backup_proxy_ip, line.backup_proxy_port)].filter((id): id is number => id !== null);
    // the CLI quotes the caller name: a double quote inside would end it
    const name = str(line.display_name).replaceAll('"', '');
    ports.push({ no: line.no, port: line.no - 1, username: line.username, auth_username: str(line.auth_username) || line.username, password: str(line.password), display_name: name, servers: [...new Set(ids)] });
  }
  return { ports, servers };
}

function offset(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const abs = Math.abs(seconds);
  return `${sign}${String(Math.floor(abs / 3600)).padStart(2, '0')}:${String(Math.floor((abs % 3600) / 60)).padStart(2, '0')}`;
}

function ordinal(n: number): string {
  const suffix = n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** "02:00 mar last sunday" or "02:00 mar 21st": a DST change as the clock command writes it. */
export function smartNodeDstChange(t: { month: number; day: string; time: { as_hms: readonly [number, number, number] } }): string {
  const [h, m] = t.time.as_hms;
  const at = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')} ${MONTHS[t.month - 1]}`;
  if (t.day.startsWith('D')) return `${at} ${ordinal(Number(t.day.slice(1)) - DAYS_BEFORE_MONTH[t.month - 1])}`;
  const [week, weekday] = t.day.slice(1).split('.').map(Number);
  return `${at} ${WEEKS[Math.min(week, 5) - 1]} ${WEEK_DAYS[weekday - 1]}`;
}

export function smartNodeTimezone(tz: TimezoneInfo): { offset: string; dst: null | { offset: string; start: string; end: string } } {
  const std = tz.utcoffset.as_seconds;
  if (tz.dst === null) return { offset: offset(std), dst: null };
  return { offset: offset(std), dst: { offset: offset(std + tz.dst.save.as_seconds), start: smartNodeDstChange(tz.dst.start), end: smartNodeDstChange(tz.dst.end) } };
}

export default (): FamilyHooks => ({
  transformRaw(raw) {
    const { ports, servers } = smartNodeLines(raw, (raw.XX_capabilities ?? {}) as Capability);
    raw.XX_ports = ports;
    raw.XX_servers = servers;
    raw.XX_dtmf_relay = DTMF_RELAY[str(raw.sip_dtmf_mode)] ?? 'rtp';
    // SmartNode SIP gateways speak UDP and TCP; TLS needs certificates the file cannot carry
    raw.XX_transport = raw.sip_transport === 'tcp' ? 'tcp' : 'udp';
    raw.XX_syslog_severity = SYSLOG_SEVERITY[str(raw.syslog_level)] ?? 'warning';
    if (raw.XX_timezone) raw.XX_tz = smartNodeTimezone(raw.XX_timezone as TimezoneInfo);
  },
});
