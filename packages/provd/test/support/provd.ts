import { join } from 'node:path';
import { ProvdClient } from '@dialtone/provd-client';
import pino from 'pino';
import type { Provd } from '../../src/index.js';
import { startEphemeralProvd } from '../../src/testing/index.js';

export const MEDIA = 'application/vnd.proformatique.provd+json';

export interface TestProvd {
  provd: Provd;
  rest: string;
  /** Base URL of the HTTP provisioning server. */
  http: string;
  tftpPort: number;
  dataDir: string;
  /** The admin token (sent by `call` unless the headers give another X-Auth-Token). */
  adminToken: string;
  /** The typed client, with the admin token. */
  client: ProvdClient;
  /** A REST call with the provd media type; returns status, headers and parsed body. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: any; text: string }>;
}

export const FIXTURE_PLUGINS = new URL('../fixtures/plugins/', import.meta.url).pathname;

export interface TestProvdOptions {
  /** Plugin folders to install before start: fixture names, or absolute paths. */
  plugins?: string[];
}

/** Starts provd on ephemeral loopback ports with a temporary data directory; stopped by the test. */
export async function startTestProvd(
  t: { after: (fn: () => Promise<void> | void) => void },
  settings: Record<string, unknown> = {},
  options: TestProvdOptions = {},
): Promise<TestProvd> {
  const running = await startEphemeralProvd({
    settings,
    plugins: (options.plugins ?? []).map((plugin) => (plugin.startsWith('/') ? plugin : join(FIXTURE_PLUGINS, plugin))),
    logger: pino({ level: process.env.PROVD_TEST_LOG ?? 'silent' }),
  });
  t.after(() => running.close());
  const { provd, rest, http, tftpPort, dataDir, adminToken } = running;
  const client = new ProvdClient({ url: rest, token: adminToken });
  return {
    provd,
    rest,
    http,
    tftpPort,
    dataDir,
    adminToken,
    client,
    call: (method, path, body, headers = {}) => client.raw(method, path, body, headers),
  };
}
