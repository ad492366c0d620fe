import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { TokenRecord, TokenRepository } from '@dialtone/auth';

/**
 * @dialtone/auth's token records kept in one JSON file (0600), rewritten through a temp file and
 * a rename. plugind has no database; a handful of tokens fit a file.
 */
export class FileTokenRepository implements TokenRepository {
  private records: TokenRecord[];

  constructor(private readonly file: string) {
    this.records = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as TokenRecord[]).filter(isRecord) : [];
  }

  async get(hash: string): Promise<TokenRecord | undefined> {
    return this.records.find((r) => r.hash === hash);
  }

  async add(record: TokenRecord): Promise<void> {
    this.addSync(record);
  }

  /** Synchronous add, for the admin token created while plugind is being built. */
  addSync(record: TokenRecord): void {
    this.records.push(record);
    this.save();
  }

  async removeById(id: string): Promise<boolean> {
    const before = this.records.length;
    this.records = this.records.filter((r) => r.id !== id);
    if (this.records.length === before) return false;
    this.save();
    return true;
  }

  async list(): Promise<TokenRecord[]> {
    return [...this.records];
  }

  hasHash(hash: string): boolean {
    return this.records.some((r) => r.hash === hash);
  }

  private save(): void {
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.records, null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}

// Files written by plugind before it used @dialtone/auth have another shape: those tokens are dropped
// (the admin token is then issued again).
function isRecord(r: unknown): r is TokenRecord {
  const o = r as Partial<TokenRecord> | null;
  return typeof o?.hash === 'string' && typeof o.id === 'string' && Array.isArray(o.acl) && 'expires_at' in o;
}
