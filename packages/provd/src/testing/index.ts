/**
 * provd for tests and benchmarks: ephemeral loopback ports, a temporary data directory with the
 * given plugin folders installed, everything removed by `close()`.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { resolveConfig } from '../config/index.js';
import { createProvd, type ListenAddresses, type Provd } from '../provd.js';

export interface EphemeralProvdOptions {
  /** Settings over the ephemeral defaults (dotted keys, as `resolveConfig` takes them). */
  settings?: Record<string, unknown>;
  /** Plugin folders copied into the data directory before start, each under its own name. */
  plugins?: string[];
  logger?: Logger;
}

export interface EphemeralProvd {
  provd: Provd;
  addresses: ListenAddresses;
  /** Base URL of the REST API. */
  rest: string;
  /** Base URL of the HTTP provisioning server. */
  http: string;
  /** 0 when TFTP is disabled. */
  tftpPort: number;
  dataDir: string;
  /** The admin token written at first start (built-in auth), to send as X-Auth-Token. */
  adminToken: string;
  /** Stops provd and removes the data directory. */
  close(): Promise<void>;
}

export async function startEphemeralProvd(options: EphemeralProvdOptions = {}): Promise<EphemeralProvd> {
  const dataDir = mkdtempSync(join(tmpdir(), 'provd-ephemeral-'));
  try {
    for (const plugin of options.plugins ?? []) {
      cpSync(plugin, join(dataDir, 'plugins', basename(resolve(plugin))), { recursive: true });
    }
    const config = resolveConfig({
      settings: {
        'general.data_dir': dataDir,
        'rest_api.ip': '127.0.0.1',
        'rest_api.port': 0,
        'http.ip': '127.0.0.1',
        'http.port': 0,
        'tftp.ip': '127.0.0.1',
        'tftp.port': 0,
        'log.level': 'silent',
        ...options.settings,
      },
    });
    const provd = await createProvd({ config, ...(options.logger ? { logger: options.logger } : {}) });
    const addresses = await provd.listen().catch(async (err: unknown) => {
      await provd.close();
      throw err;
    });
    const tokenFile = join(dataDir, 'admin-token');
    const adminToken = existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : '';
    let closed: Promise<void> | undefined;
    return {
      provd,
      addresses,
      rest: `http://127.0.0.1:${addresses.rest.port}`,
      http: `http://127.0.0.1:${addresses.http.port}`,
      tftpPort: addresses.tftp?.port ?? 0,
      dataDir,
      adminToken,
      close: () =>
        (closed ??= provd.close().finally(() => rmSync(dataDir, { recursive: true, force: true }))),
    };
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/** The identification stages a request goes through, for tools that measure or replay them (bench/plugin-tools). */
export { extractDeviceInfo } from '../identify/extract.js';
export { associatePlugin } from '../identify/associate.js';
export type { LoadedPlugin } from '../plugins/host.js';
