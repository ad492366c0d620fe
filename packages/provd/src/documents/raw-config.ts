import { isHost } from './net.js';
import { Problems, describe, isPlainObject } from './validation.js';

/**
 * raw_config validation (reference provd.md §2). Each key has a type and rules; keys not listed
 * must start with `X_`. `null` means "not set" and is accepted for every optional key.
 */

type Check = (v: unknown) => string | null;

const str: Check = (v) => (typeof v === 'string' ? null : `expected a string, got ${describe(v)}`);
const bool: Check = (v) => (typeof v === 'boolean' ? null : `expected true or false, got ${describe(v)}`);
const int = (min: number, max: number): Check => (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? null : `expected an integer from ${min} to ${max}, got ${describe(v)}`;
const port = int(1, 65535);
const host: Check = (v) => (typeof v === 'string' && isHost(v) ? null : `expected an IP address or host name, got ${describe(v)}`);
const oneOf = (...values: string[]): Check => (v) =>
  typeof v === 'string' && values.includes(v) ? null : `expected one of ${values.join(', ')}, got ${describe(v)}`;
const strList: Check = (v) =>
  Array.isArray(v) && v.every((s) => typeof s === 'string') ? null : `expected a list of strings, got ${describe(v)}`;
const url: Check = (v) => {
  if (typeof v !== 'string') return `expected a URL, got ${describe(v)}`;
  try {
    new URL(v);
    return null;
  } catch {
    return `expected a URL, got ${JSON.stringify(v)}`;
  }
};
const timezone: Check = (v) => {
  if (typeof v !== 'string' || v === '') return `expected an Olson time zone name, got ${describe(v)}`;
  try {
    new Intl.DateTimeFormat('en', { timeZone: v });
    return null;
  } catch {
    return `unknown time zone ${JSON.stringify(v)}`;
  }
};
// The reference anchors only the start; we require the whole value (documented difference).
const locale: Check = (v) => (typeof v === 'string' && /^[a-z]{2}_[A-Z]{2}$/.test(v) ? null : `expected a locale like fr_FR, got ${describe(v)}`);

const sipEndpoints = ['proxy', 'backup_proxy', 'registrar', 'backup_registrar', 'outbound_proxy'];
const endpointChecks = (prefix: string): Record<string, Check> =>
  Object.fromEntries(sipEndpoints.flatMap((e) => [[`${prefix}${e}_ip`, host], [`${prefix}${e}_port`, port]]));

const dtmfMode = oneOf('RTP-in-band', 'RTP-out-of-band', 'SIP-INFO');
const srtpMode = oneOf('disabled', 'preferred', 'required');

const lineChecks: Record<string, Check> = {
  ...endpointChecks(''),
  username: str,
  auth_username: str,
  password: str,
  display_name: str,
  number: str,
  dtmf_mode: dtmfMode,
  srtp_mode: srtpMode,
  voicemail: str,
};

const exten = ['dnd', 'fwd_unconditional', 'fwd_no_answer', 'fwd_busy', 'fwd_disable_all', 'park', 'pickup_group', 'pickup_call', 'voicemail'];

const scalarChecks: Record<string, Check> = {
  ip: host,
  http_port: port,
  http_base_url: url,
  tftp_port: port,
  dns_enabled: bool,
  dns_ip: host,
  ntp_enabled: bool,
  ntp_ip: host,
  vlan_enabled: bool,
  vlan_id: int(0, 4094),
  vlan_priority: int(0, 7),
  vlan_pc_port_id: int(0, 4094),
  syslog_enabled: bool,
  syslog_ip: host,
  syslog_port: port,
  syslog_level: oneOf('critical', 'error', 'warning', 'info', 'debug'),
  admin_username: str,
  admin_password: str,
  user_username: str,
  user_password: str,
  timezone,
  locale,
  protocol: oneOf('SIP', 'SCCP'),
  ...endpointChecks('sip_'),
  sip_dtmf_mode: dtmfMode,
  sip_srtp_mode: srtpMode,
  sip_transport: oneOf('udp', 'tcp', 'tls'),
  sip_servers_root_and_intermediate_certificates: strList,
  sip_local_root_and_intermediate_certificates: strList,
  sip_local_certificate: str,
  sip_local_key: str,
  sip_subscribe_mwi: bool,
  config_version: int(0, Number.MAX_SAFE_INTEGER),
  ...Object.fromEntries(exten.map((e) => [`exten_${e}`, str])),
};

const keyName = /^[A-Za-z_]\w*$/;
const digits = /^\d+$/;

function checkFields(problems: Problems, path: string, value: Record<string, unknown>, checks: Record<string, Check>): void {
  for (const [key, v] of Object.entries(value)) {
    if (v === null) continue;
    const check = checks[key];
    if (check) {
      const problem = check(v);
      if (problem) problems.add(`${path}.${key}`, problem);
    } else if (!key.startsWith('X_')) {
      problems.add(`${path}.${key}`, 'unknown key (custom keys must start with X_)');
    }
  }
}

function checkNumberedMap(
  problems: Problems,
  path: string,
  value: unknown,
  item: (itemPath: string, item: Record<string, unknown>) => void,
): void {
  if (!isPlainObject(value)) {
    problems.add(path, `expected an object keyed by numbers, got ${describe(value)}`);
    return;
  }
  for (const [key, v] of Object.entries(value)) {
    const itemPath = `${path}.${key}`;
    if (!digits.test(key)) problems.add(itemPath, 'keys must be digits');
    else if (!isPlainObject(v)) problems.add(itemPath, `expected an object, got ${describe(v)}`);
    else item(itemPath, v);
  }
}

const funckeyChecks: Record<string, Check> = {
  type: oneOf('speeddial', 'blf', 'park'),
  value: str,
  label: str,
  line: (v) => (typeof v === 'number' || (typeof v === 'string' && digits.test(v)) ? null : `expected a line number, got ${describe(v)}`),
};

/** Structural validation of one config's own raw_config. */
export function validateRawConfig(raw: unknown, problems: Problems, path = 'raw_config'): void {
  if (!isPlainObject(raw)) {
    problems.add(path, `expected an object, got ${describe(raw)}`);
    return;
  }
  for (const [key, v] of Object.entries(raw)) {
    const keyPath = `${path}.${key}`;
    if (!keyName.test(key)) {
      problems.add(keyPath, 'invalid key name');
      continue;
    }
    if (v === null) continue;
    if (key === 'sip_lines') {
      checkNumberedMap(problems, keyPath, v, (p, line) => checkFields(problems, p, line, lineChecks));
    } else if (key === 'sccp_call_managers') {
      checkNumberedMap(problems, keyPath, v, (p, cm) => {
        checkFields(problems, p, cm, { ip: host, port });
        if (cm.ip === undefined || cm.ip === null) problems.add(`${p}.ip`, 'required');
      });
    } else if (key === 'funckeys') {
      checkNumberedMap(problems, keyPath, v, (p, fk) => {
        checkFields(problems, p, fk, funckeyChecks);
        if (fk.type === undefined || fk.type === null) problems.add(`${p}.type`, 'required');
        if ((fk.type === 'speeddial' || fk.type === 'blf') && (fk.value === undefined || fk.value === null)) {
          problems.add(`${p}.value`, `required for a ${fk.type} key`);
        }
      });
    } else if (scalarChecks[key]) {
      const problem = scalarChecks[key](v);
      if (problem) problems.add(keyPath, problem);
    } else if (!key.startsWith('X_')) {
      problems.add(keyPath, 'unknown key (custom keys must start with X_)');
    }
  }
}

const requirements: [flag: string, needs: string][] = [
  ['dns_enabled', 'dns_ip'],
  ['ntp_enabled', 'ntp_ip'],
  ['vlan_enabled', 'vlan_id'],
  ['syslog_enabled', 'syslog_ip'],
];

/**
 * Checks on the flattened raw config, before a device is configured: everything above plus
 * the cross-key rules (each `*_enabled` needs its address or id).
 */
export function validateFlattenedRawConfig(raw: Record<string, unknown>): string[] {
  const problems = new Problems();
  validateRawConfig(raw, problems);
  for (const [flag, needs] of requirements) {
    if (raw[flag] === true && (raw[needs] === undefined || raw[needs] === null)) {
      problems.add(`raw_config.${needs}`, `required when ${flag} is true`);
    }
  }
  return problems.list;
}
