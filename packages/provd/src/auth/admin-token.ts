import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TokenStore } from '@dialtone/auth';
import type { Store } from '../store/index.js';

const FLAG = 'auth.admin_token_issued';
export const ADMIN_TOKEN_FILE = 'admin-token';
export const ADMIN_ACL = ['provd.#'];

/**
 * At first start, issues an admin token (`provd.#`, the provd tenant, no expiry) and writes it
 * to `<data_dir>/admin-token` (mode 0600, through a temporary file and a rename). Done once per
 * database: later starts, or other nodes sharing the database, do not issue another one.
 * Returns the file's path when a token was issued.
 */
export async function ensureAdminToken(store: Store, tokens: TokenStore, dataDir: string, tenant: string): Promise<string | null> {
  if ((await store.meta.get(FLAG)) !== undefined) return null;
  const path = join(dataDir, ADMIN_TOKEN_FILE);
  const { token, record } = await tokens.create({ acl: ADMIN_ACL, tenant_uuid: tenant, label: 'admin (first start)' });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${token}\n`, { mode: 0o600 });
  renameSync(tmp, path);
  await store.meta.set(FLAG, { id: record.id, at: record.created_at });
  return existsSync(path) ? path : null;
}
