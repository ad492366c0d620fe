import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
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

export const REALM = 'provd';
/** How long a Digest nonce is accepted (phones fetch a few files in a row with one). */
const NONCE_LIFETIME_MS = 5 * 60_000;

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The parameters of a Digest Authorization header (RFC 7616: quoted or token values). */
function digestParams(header: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const m of header.matchAll(/([a-z]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/gi)) {
    params.set(m[1].toLowerCase(), m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]);
  }
  return params;
}

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

  /** The challenges of a 401: Digest (with a nonce provd can check without remembering it), then Basic. */
  challenges(now = Date.now()): string[] {
    return [`Digest realm="${REALM}", qop="auth", algorithm=MD5, nonce="${this.nonce(now)}"`, `Basic realm="${REALM}", charset="UTF-8"`];
  }

  private nonce(now: number): string {
    const stamp = now.toString(36);
    return `${stamp}.${createHmac('sha256', this.secret).update(`nonce\0${stamp}`).digest('base64url').slice(0, 22)}`;
  }

  private nonceIsFresh(nonce: string, now: number): boolean {
    const stamp = nonce.split('.')[0];
    const issued = parseInt(stamp, 36);
    return Number.isFinite(issued) && now - issued <= NONCE_LIFETIME_MS && issued <= now + 1000 && sameText(nonce, this.nonce(issued));
  }

  /** What the request's Authorization header says about this device (`method`/`uri` for Digest). */
  check(authorization: string | undefined, deviceId: string, method = 'GET', uri = '/', now = Date.now()): CredentialCheck {
    if (authorization === undefined) return 'none';
    if (/^digest\s/i.test(authorization)) return this.checkDigest(authorization.slice(7), deviceId, method, uri, now);
    const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
    if (!match) return 'invalid';
    const { username, password } = this.of(deviceId);
    const given = Buffer.from(match[1], 'base64');
    const expected = Buffer.from(`${username}:${password}`);
    return given.length === expected.length && timingSafeEqual(given, expected) ? 'valid' : 'invalid';
  }

  private checkDigest(header: string, deviceId: string, method: string, uri: string, now: number): CredentialCheck {
    const p = digestParams(header);
    const { username, password } = this.of(deviceId);
    const nonce = p.get('nonce') ?? '';
    if (p.get('username') !== username || p.get('realm') !== REALM || p.get('uri') !== uri || !this.nonceIsFresh(nonce, now)) return 'invalid';
    const algorithm = (p.get('algorithm') ?? 'MD5').toUpperCase();
    if (algorithm !== 'MD5') return 'invalid';
    const ha1 = md5(`${username}:${REALM}:${password}`);
    const ha2 = md5(`${method}:${uri}`);
    const qop = p.get('qop');
    if (qop !== undefined && qop !== 'auth') return 'invalid';
    const expected = qop === 'auth' ? md5(`${ha1}:${nonce}:${p.get('nc') ?? ''}:${p.get('cnonce') ?? ''}:auth:${ha2}`) : md5(`${ha1}:${nonce}:${ha2}`);
    return sameText(p.get('response') ?? '', expected) ? 'valid' : 'invalid';
  }
}
