import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { aclAllows } from './acl.js';

/** A token as the API shows it (the secret itself is only returned once, at creation). */
export interface TokenInfo {
  id: string;
  acl: string[];
  expiresAt: string | null;
  createdAt: string;
}

interface StoredToken extends TokenInfo {
  hash: string;
}

export type TokenCheck = { ok: true; token: TokenInfo } | { ok: false; reason: 'missing' | 'unknown' | 'expired' | 'forbidden' };

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

/**
 * Tokens with ACLs, persisted in `<dataDir>/tokens.json` (0600) as SHA-256 hashes. The first
 * start creates an admin token (`plugind.#`) and writes it to `<dataDir>/admin-token` (0600).
 *
 * plugind's own small store, written while the shared token store is built for provd.
 */
export class TokenStore {
  private readonly file: string;
  private tokens: StoredToken[] = [];

  constructor(private readonly dataDir: string) {
    this.file = join(dataDir, 'tokens.json');
    if (existsSync(this.file)) this.tokens = JSON.parse(readFileSync(this.file, 'utf8')) as StoredToken[];
  }

  /** Creates the first admin token unless `<dataDir>/admin-token` exists; returns its path. */
  ensureAdminToken(): string {
    const path = join(this.dataDir, 'admin-token');
    if (existsSync(path)) {
      const secret = readFileSync(path, 'utf8').trim();
      if (this.find(secret)) return path;
    }
    const { secret } = this.create(['plugind.#']);
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${secret}\n`, { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, path);
    return path;
  }

  create(acl: string[], expiresInSeconds?: number): { secret: string; token: TokenInfo } {
    const secret = randomBytes(24).toString('base64url');
    const now = Date.now();
    const stored: StoredToken = {
      id: randomBytes(8).toString('hex'),
      hash: hash(secret),
      acl: [...acl],
      createdAt: new Date(now).toISOString(),
      expiresAt: expiresInSeconds ? new Date(now + expiresInSeconds * 1000).toISOString() : null,
    };
    this.tokens.push(stored);
    this.save();
    return { secret, token: this.info(stored) };
  }

  revoke(id: string): boolean {
    const before = this.tokens.length;
    this.tokens = this.tokens.filter((t) => t.id !== id);
    if (this.tokens.length === before) return false;
    this.save();
    return true;
  }

  /** Checks a secret against the ACL a route needs. */
  check(secret: string | undefined, required: string): TokenCheck {
    if (!secret) return { ok: false, reason: 'missing' };
    const t = this.find(secret);
    if (!t) return { ok: false, reason: 'unknown' };
    if (t.expiresAt && Date.parse(t.expiresAt) <= Date.now()) return { ok: false, reason: 'expired' };
    if (!aclAllows(t.acl, required)) return { ok: false, reason: 'forbidden' };
    return { ok: true, token: this.info(t) };
  }

  private find(secret: string): StoredToken | undefined {
    const h = hash(secret);
    return this.tokens.find((t) => t.hash === h);
  }

  private info(t: StoredToken): TokenInfo {
    return { id: t.id, acl: [...t.acl], expiresAt: t.expiresAt, createdAt: t.createdAt };
  }

  private save(): void {
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.tokens, null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}
