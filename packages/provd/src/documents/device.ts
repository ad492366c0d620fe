import type { Doc } from '../store/index.js';
import { normalizeIp, normalizeMac } from './net.js';
import { Problems, checkId, checkString, describe, isPlainObject } from './validation.js';

/** Keys a client may set on a device; anything else must start with `X_`. */
const stringKeys = ['sn', 'uuid', 'vendor', 'model', 'version', 'description', 'plugin', 'config', 'tenant_uuid', 'remote_state_sip_username', 'added'];
/** Keys computed by provd: whatever a client sends for them is ignored. */
export const computedDeviceKeys = ['configured', 'is_new', 'configure_error', 'provisioning_enrolled'] as const;

/** A device as clients send it (id optional). */
export interface DeviceInput {
  id?: string;
  mac?: string;
  ip?: string;
  plugin?: string;
  config?: string;
  tenant_uuid?: string;
  configured?: boolean;
  is_new?: boolean;
  configure_error?: string | null;
  /** The phone has used its provisioning credentials: its files now require them. */
  provisioning_enrolled?: boolean;
  options?: Record<string, unknown>;
  [key: string]: unknown;
}

export type DeviceDoc = DeviceInput & Doc;

/**
 * Validates and normalizes a device sent by a client (MAC lowercased with colons, IP
 * canonical). Computed keys are dropped; `null` values are dropped (absent). Throws
 * DT_ERR_INVALID_DOCUMENT naming every bad field.
 */
export function normalizeDevice(input: unknown): DeviceInput {
  const problems = new Problems();
  if (!isPlainObject(input)) {
    problems.add('device', `expected an object, got ${describe(input)}`);
    problems.throwIfAny('device');
  }
  const src = input as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(src)) {
    if (value === null || value === undefined) continue;
    if ((computedDeviceKeys as readonly string[]).includes(key)) continue;
    if (key === 'id') {
      checkId(problems, value);
      out.id = value;
    } else if (key === 'mac') {
      const mac = typeof value === 'string' ? normalizeMac(value) : null;
      if (mac) out.mac = mac;
      else problems.add('mac', `invalid MAC address ${JSON.stringify(value)}`);
    } else if (key === 'ip') {
      const ip = typeof value === 'string' ? normalizeIp(value) : null;
      if (ip) out.ip = ip;
      else problems.add('ip', `invalid IP address ${JSON.stringify(value)}`);
    } else if (key === 'options') {
      if (isPlainObject(value)) out.options = value;
      else problems.add('options', `expected an object, got ${describe(value)}`);
    } else if (stringKeys.includes(key)) {
      checkString(problems, key, value);
      out[key] = value;
    } else if (key.startsWith('X_')) {
      out[key] = value;
    } else {
      problems.add(key, 'unknown key (custom keys must start with X_)');
    }
  }
  problems.throwIfAny('device');
  return out as DeviceInput;
}
