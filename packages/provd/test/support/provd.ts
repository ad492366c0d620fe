import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createProvd, resolveConfig, type Provd } from '../../src/index.js';

export const MEDIA = 'application/vnd.proformatique.provd+json';

export interface TestProvd {
  provd: Provd;
  rest: string;
  /** Base URL of the HTTP provisioning server. */
  http: string;
  tftpPort: number;
  dataDir: string;
  /** A REST call with the provd media type; returns status, headers and parsed body. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: any; text: string }>;
}

/** Starts provd on ephemeral loopback ports with a temporary data directory; stopped by the test. */
export const FIXTURE_PLUGINS = new URL('../fixtures/plugins/', import.meta.url).pathname;

export interface TestProvdOptions {
  /** Plugin folders to install before start: fixture names, or absolute paths. */
  plugins?: string[];
}

export async function startTestProvd(
  t: { after: (fn: () => Promise<void> | void) => void },
  settings: Record<string, unknown> = {},
  options: TestProvdOptions = {},
): Promise<TestProvd> {
  const dataDir = mkdtempSync(join(tmpdir(), 'provd-test-'));
  for (const plugin of options.plugins ?? []) {
    const source = plugin.startsWith('/') ? plugin : join(FIXTURE_PLUGINS, plugin);
    cpSync(source, join(dataDir, 'plugins', source.split('/').filter(Boolean).pop()!), { recursive: true });
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
      ...settings,
    },
  });
  const provd = await createProvd({ config, logger: pino({ level: process.env.PROVD_TEST_LOG ?? 'silent' }) });
  const addresses = await provd.listen();
  t.after(async () => {
    await provd.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const rest = `http://127.0.0.1:${addresses.rest.port}`;
  return {
    provd,
    rest,
    http: `http://127.0.0.1:${addresses.http.port}`,
    tftpPort: addresses.tftp?.port ?? 0,
    dataDir,
    async call(method, path, body, headers = {}) {
      const init: RequestInit = { method, headers: { accept: MEDIA, ...headers } };
      if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] ??= MEDIA;
      }
      const res = await fetch(rest + path, init);
      const text = await res.text();
      let parsed: unknown = text;
      if ((res.headers.get('content-type') ?? '').startsWith(MEDIA)) parsed = JSON.parse(text);
      return { status: res.status, headers: res.headers, body: parsed, text };
    },
  };
}
