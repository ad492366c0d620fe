import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { aclAllows, hashToken, newTokenSecret, TokenStore, type TokenSummary } from '@dialtone/auth';
import { FileTokenRepository } from './file-repository.js';

export type TokenCheck = { ok: true; token: TokenSummary } | { ok: false; reason: 'missing' | 'unknown' | 'expired' | 'forbidden' };

/** plugind has no tenants: every token belongs to this one. */
const PLUGIND_TENANT = 'plugind';

/**
 * plugind's tokens: @dialtone/auth's TokenStore over `<dataDir>/tokens.json` (hashes only). The
 * first start creates an admin token (`plugind.#`) and writes it to `<dataDir>/admin-token` (0600).
 */
export class PlugindTokens {
  private readonly repo: FileTokenRepository;
  private readonly store: TokenStore;

  /** `now`: the clock expiry is checked against (tests move it). */
  constructor(
    private readonly dataDir: string,
    now: () => number = Date.now,
  ) {
    this.repo = new FileTokenRepository(join(dataDir, 'tokens.json'));
    this.store = new TokenStore(this.repo, now);
  }

  /** Creates the first admin token unless `<dataDir>/admin-token` holds a known one; returns its path. */
  ensureAdminToken(): string {
    const path = join(this.dataDir, 'admin-token');
    if (existsSync(path) && this.repo.hasHash(hashToken(readFileSync(path, 'utf8').trim()))) return path;
    // written synchronously (plugind is built synchronously), hence not through TokenStore.create
    const secret = newTokenSecret();
    this.repo.addSync({
      id: randomUUID(),
      hash: hashToken(secret),
      acl: ['plugind.#'],
      tenant_uuid: PLUGIND_TENANT,
      label: 'admin',
      created_at: new Date().toISOString(),
      expires_at: null,
    });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${secret}\n`, { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, path);
    return path;
  }

  async create(acl: string[], expiresInSeconds?: number): Promise<{ secret: string; token: TokenSummary }> {
    const { token, record } = await this.store.create({ acl, tenant_uuid: PLUGIND_TENANT, expiresIn: expiresInSeconds ?? null });
    return { secret: token, token: record };
  }

  revoke(id: string): Promise<boolean> {
    return this.store.revoke(id);
  }

  /** Checks a secret against the ACL a route needs. */
  async check(secret: string | undefined, required: string): Promise<TokenCheck> {
    if (!secret) return { ok: false, reason: 'missing' };
    const record = await this.store.lookup(secret);
    if (!record) {
      const known = await this.repo.get(hashToken(secret));
      return { ok: false, reason: known ? 'expired' : 'unknown' };
    }
    if (!aclAllows(record.acl, required)) return { ok: false, reason: 'forbidden' };
    const { hash: _hash, ...summary } = record;
    return { ok: true, token: summary };
  }
}
