import { isAbsolute, join, resolve } from 'node:path';
import { errors } from './errors.js';
import type { Timeouts } from './pipeline/context.js';

/** What `createPlugind()` takes; everything but `dataDir` has a default. */
export interface PlugindOptions {
  dataDir: string;
  host?: string;
  port?: number;
  backend?: 'dir' | 'deb';
  /** dir backend: where plugin files land (default `/`). */
  prefix?: string;
  /** deb backend: a dpkg root to install into instead of the real system. */
  debRoot?: string;
  /** The market catalogue: http(s) URL, file:// URL or path. Unset: no market. */
  marketUrl?: string;
  marketTtlMs?: number;
  /** The platform version plugins are checked against (env WAZO_VERSION). */
  wazoVersion?: string;
  /** RabbitMQ: events are published when `url` is set. */
  bus?: { url: string; exchange?: string };
  /** Install and uninstall jobs running at once. */
  concurrency?: number;
  timeouts?: Partial<Timeouts>;
  maxDownloadBytes?: number;
  packagePrefix?: string;
  logLevel?: string;
}

export interface ResolvedConfig {
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly backend: 'dir' | 'deb';
  readonly prefix: string;
  readonly debRoot: string | null;
  readonly marketUrl: string | null;
  readonly marketTtlMs: number;
  readonly wazoVersion: string;
  readonly bus: { readonly url: string; readonly exchange: string } | null;
  readonly concurrency: number;
  readonly timeouts: Readonly<Timeouts>;
  readonly maxDownloadBytes: number;
  readonly packagePrefix: string;
  readonly logLevel: string;
}

export const DEFAULT_TIMEOUTS: Timeouts = { download: 120_000, build: 600_000, package: 120_000, install: 300_000, hook: 120_000, update: 300_000 };

/** Applies defaults, checks and freezes. Relative paths are taken from the current folder. */
export function resolveConfig(o: PlugindOptions, env: NodeJS.ProcessEnv = process.env): ResolvedConfig {
  if (!o.dataDir) throw errors.invalidConfig('dataDir is required');
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(p));
  const backend = o.backend ?? 'dir';
  if (backend !== 'dir' && backend !== 'deb') throw errors.invalidConfig(`backend must be dir or deb, not ${String(backend)}`);
  const port = o.port ?? 9503;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw errors.invalidConfig(`port must be 0-65535, not ${port}`);
  const concurrency = o.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw errors.invalidConfig('concurrency must be a positive integer');
  const timeouts = { ...DEFAULT_TIMEOUTS, ...o.timeouts };
  for (const [k, v] of Object.entries(timeouts)) if (!(v > 0)) throw errors.invalidConfig(`timeouts.${k} must be positive`);
  const dataDir = abs(o.dataDir);
  return Object.freeze({
    dataDir,
    host: o.host ?? '127.0.0.1',
    port,
    backend,
    prefix: abs(o.prefix ?? '/'),
    debRoot: o.debRoot ? abs(o.debRoot) : null,
    marketUrl: o.marketUrl ?? null,
    marketTtlMs: o.marketTtlMs ?? 60_000,
    wazoVersion: o.wazoVersion ?? env.WAZO_VERSION ?? '25.01',
    bus: o.bus?.url ? Object.freeze({ url: o.bus.url, exchange: o.bus.exchange ?? 'dialtone-plugind' }) : null,
    concurrency,
    timeouts: Object.freeze(timeouts),
    maxDownloadBytes: o.maxDownloadBytes ?? 100 * 1024 * 1024,
    packagePrefix: o.packagePrefix ?? 'dialtone-plugind',
    logLevel: o.logLevel ?? 'info',
  });
}

/** The config as `/config` shows it: the bus password is never returned. */
export function publicConfig(c: ResolvedConfig): Record<string, unknown> {
  let bus: Record<string, unknown> | null = null;
  if (c.bus) {
    let url = c.bus.url;
    try {
      const u = new URL(url);
      if (u.password) u.password = '********';
      url = u.toString();
    } catch {
      url = '<unparsable>';
    }
    bus = { url, exchange: c.bus.exchange };
  }
  return { ...c, bus, workDir: join(c.dataDir, 'work') };
}
