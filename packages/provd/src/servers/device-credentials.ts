import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { PluginInfo } from '@dialtone/plugin-sdk';

/** The plugin-info key by which a family says its phones take an HTTP username/password from their configuration. */
export const CREDENTIALS_INFO_KEY = 'provisioning_credentials';

/** The meta key holding the installation's secret (shared by every node on one database). */
export const CREDENTIALS_SECRET_META_KEY = 'provisioning_credentials_secret';

export interface Credentials {
  username: string;
  password: string;
}

export type CredentialCheck = 'none' | 'valid' | 'invalid';

export function newCredentialsSecret(): string {
  return randomBytes(32).toString('hex');
}

export function supportsCredentials(info: PluginInfo): boolean {
  return info[CREDENTIALS_INFO_KEY] === true;
}

/**
 * Per-device provisioning credentials, derived from one installation secret and the device id
 * (HMAC-SHA256): nothing per device is stored, every node computes the same ones, and a device
 * added again (a new id) gets new ones. The family's templates write them into the phone's
 * configuration (`provisioning_username`, `provisioning_password`); once the phone has used
 * them, its files are served only to requests carrying them (HTTP Basic).
 */
export class DeviceCredentials {
  constructor(private readonly secret: string) {}

  of(deviceId: string): Credentials {
    const mac = (label: string) => createHmac('sha256', this.secret).update(`${label}\0${deviceId}`).digest('base64url');
    return { username: `dt${mac('username').slice(0, 14)}`, password: mac('password').slice(0, 24) };
  }

  /** What the request's Authorization header says about this device. */
  check(authorization: string | undefined, deviceId: string): CredentialCheck {
    if (authorization === undefined) return 'none';
    const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
    if (!match) return 'invalid';
    const { username, password } = this.of(deviceId);
    const given = Buffer.from(match[1], 'base64');
    const expected = Buffer.from(`${username}:${password}`);
    return given.length === expected.length && timingSafeEqual(given, expected) ? 'valid' : 'invalid';
  }
}
