import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { isValidAcl } from './acl.js';
import { authErrors } from './errors.js';

/** A token as it is kept: never the secret itself, only its SHA-256. */
export interface TokenRecord {
  /** Public id: shown in lists, used to revoke. Not usable as a token. */
  id: string;
  /** SHA-256 (hex) of the secret token. */
  hash: string;
  acl: string[];
  tenant_uuid: string;
  label: string;
  /** ISO 8601. */
  created_at: string;
  /** ISO 8601, or null for a token that never expires. */
  expires_at: string | null;
}

/** A token's public view (what `list` shows). */
export type TokenSummary = Omit<TokenRecord, 'hash'>;

/** Where a TokenStore keeps its records (provd: its database; tests: memory). */
export interface TokenRepository {
  get(hash: string): Promise<TokenRecord | undefined>;
  add(record: TokenRecord): Promise<void>;
  /** Removes the token with this public id; false when there was none. */
  removeById(id: string): Promise<boolean>;
  list(): Promise<TokenRecord[]>;
}

export function memoryTokenRepository(): TokenRepository {
  const byHash = new Map<string, TokenRecord>();
  return {
    async get(hash) {
      return byHash.get(hash);
    },
    async add(record) {
      byHash.set(record.hash, record);
    },
    async removeById(id) {
      for (const [hash, r] of byHash) {
        if (r.id === id) return byHash.delete(hash);
      }
      return false;
    },
    async list() {
      return [...byHash.values()];
    },
  };
}

export interface NewToken {
  acl: string[];
  tenant_uuid: string;
  label?: string;
  /** Seconds from now; undefined or null: never expires. */
  expiresIn?: number | null;
}

/** A new secret token: 32 random bytes, base64url, prefixed `dt_`. */
export function newTokenSecret(): string {
  return `dt_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Parses an expiry such as `3600`, `90s`, `15m`, `12h`, `30d`, or `never` into seconds (null). */
export function parseExpiry(text: string): number | null {
  if (text === 'never') return null;
  const m = /^(\d+)([smhd]?)$/.exec(text.trim());
  if (!m) throw authErrors.badTokenSpec(`expiry: expected seconds or a number with s, m, h or d (e.g. 12h), or "never"; got ${JSON.stringify(text)}`);
  const n = Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as const)[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  if (n <= 0) throw authErrors.badTokenSpec('expiry: must be more than 0 seconds');
  return n;
}

/**
 * Issues, looks up and revokes tokens. A token is 32 random bytes (base64url, prefixed `dt_`);
 * only its SHA-256 is stored, and the lookup compares hashes in constant time.
 */
export class TokenStore {
  constructor(
    private readonly repo: TokenRepository,
    private readonly now: () => number = Date.now,
  ) {}

  async create(spec: NewToken): Promise<{ token: string; record: TokenSummary }> {
    if (!Array.isArray(spec.acl) || spec.acl.length === 0) throw authErrors.badTokenSpec('acl: at least one ACL is required (e.g. provd.#)');
    for (const acl of spec.acl) {
      if (typeof acl !== 'string' || !isValidAcl(acl)) throw authErrors.badTokenSpec(`acl: invalid ACL ${JSON.stringify(acl)}`);
    }
    if (typeof spec.tenant_uuid !== 'string' || !/^[\w-]{1,64}$/.test(spec.tenant_uuid)) {
      throw authErrors.badTokenSpec(`tenant: invalid tenant uuid ${JSON.stringify(spec.tenant_uuid)}`);
    }
    const expiresIn = spec.expiresIn ?? null;
    if (expiresIn !== null && (!Number.isFinite(expiresIn) || expiresIn <= 0)) throw authErrors.badTokenSpec('expiry: must be more than 0 seconds');
    const token = newTokenSecret();
    const now = this.now();
    const record: TokenRecord = {
      id: randomUUID(),
      hash: hashToken(token),
      acl: [...spec.acl],
      tenant_uuid: spec.tenant_uuid,
      label: spec.label ?? '',
      created_at: new Date(now).toISOString(),
      expires_at: expiresIn === null ? null : new Date(now + expiresIn * 1000).toISOString(),
    };
    await this.repo.add(record);
    const { hash: _hash, ...summary } = record;
    return { token, record: summary };
  }

  /** The token's record, or null when it is unknown, revoked or expired. */
  async lookup(token: string): Promise<TokenRecord | null> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 1024) return null;
    const hash = hashToken(token);
    const record = await this.repo.get(hash);
    if (!record) return null;
    if (!timingSafeEqual(Buffer.from(record.hash, 'hex'), Buffer.from(hash, 'hex'))) return null;
    if (record.expires_at !== null && Date.parse(record.expires_at) <= this.now()) return null;
    return record;
  }

  async list(): Promise<TokenSummary[]> {
    const records = await this.repo.list();
    return records
      .map(({ hash: _hash, ...summary }) => summary)
      .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
  }

  revoke(id: string): Promise<boolean> {
    return this.repo.removeById(id);
  }
}
