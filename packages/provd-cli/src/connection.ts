/** Where provd is and who we are: flags, then PROVD_URL / PROVD_TOKEN, then the data directory's admin-token. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProvdClient } from '@dialtone/provd-client';
import { UsageError } from './errors.js';

export const DEFAULT_URL = 'http://127.0.0.1:8666';

export interface ConnectionOptions {
  url?: string;
  token?: string;
  dataDir?: string;
  tenant?: string;
}

export function resolveToken(options: ConnectionOptions, env: NodeJS.ProcessEnv): string | undefined {
  if (options.token) return options.token;
  if (env.PROVD_TOKEN) return env.PROVD_TOKEN;
  if (options.dataDir) {
    const file = join(options.dataDir, 'admin-token');
    try {
      return readFileSync(file, 'utf8').trim();
    } catch (err) {
      throw new UsageError(`cannot read the admin token in ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  return undefined;
}

export function connect(options: ConnectionOptions, env: NodeJS.ProcessEnv = process.env): ProvdClient {
  const url = options.url ?? env.PROVD_URL ?? DEFAULT_URL;
  try {
    new URL(url);
  } catch {
    throw new UsageError(`--url: not a URL: ${url}`);
  }
  const token = resolveToken(options, env);
  return new ProvdClient({ url, ...(token ? { token } : {}), ...(options.tenant ? { tenant: options.tenant } : {}) });
}
