/**
 * createConfgend(config) → {listen(), close()}: discovery, registry, cache, the HTTP service and
 * the line protocol. Building opens no socket.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import { builtinDrivers } from './builtins.js';
import { createFileCache } from './cache.js';
import type { ConfgendConfig } from './config/config.js';
import { ancestorNodeModules, discoverDrivers, type DriverDeclaration } from './discovery.js';
import { createGenerator, type Generator } from './generator.js';
import { buildHttp } from './http.js';
import { createRegistry, type Registry } from './registry.js';
import { createLineServer } from './tcp.js';

export interface ConfgendOptions {
  readonly config: ConfgendConfig;
  readonly logger?: Logger;
  /** Replaces the built-in drivers (tests). */
  readonly builtins?: readonly DriverDeclaration[];
  /** True when tcp.port was asked for explicitly: failing to bind it is then fatal. */
  readonly tcpPortRequired?: boolean;
}

export interface ListenAddresses {
  http: { host: string; port: number };
  /** null when disabled or when the default port was taken. */
  tcp: { host: string; port: number } | null;
}

export interface Confgend {
  readonly registry: Registry;
  readonly generator: Generator;
  readonly log: Logger;
  listen(): Promise<ListenAddresses>;
  close(): Promise<void>;
}

/** node_modules folders searched when drivers.node_modules is null: above the working directory, then above confgend itself. */
export function defaultNodeModules(): string[] {
  const own = ancestorNodeModules(fileURLToPath(new URL('..', import.meta.url)));
  return [...new Set([...ancestorNodeModules(process.cwd()), ...own])];
}

export function createConfgend(options: ConfgendOptions): Confgend {
  const { config } = options;
  const log = options.logger ?? pino({ level: config.log.level, base: { service: 'confgend' }, redact: { paths: ['*.token', 'provd.token'], censor: '[redacted]' } });
  const found = discoverDrivers({ nodeModules: config.drivers.node_modules ?? defaultNodeModules(), driversDirs: config.drivers.dirs });
  for (const p of found.problems) log.error({ code: p.code, driver: p.driver }, p.message);
  const registry = createRegistry(config, [...(options.builtins ?? builtinDrivers()), ...found.declarations], found.problems);
  const cache = createFileCache(config.cache.dir);
  const generator = createGenerator(config, registry, cache, log);
  let addresses: ListenAddresses | null = null;
  const app = buildHttp({
    generator,
    registry,
    log,
    status: () => ({ http: 'ok', tcp: addresses?.tcp ? 'ok' : 'off', drivers: registry.list().filter((d) => d.selected).map((d) => ({ file: d.file, name: d.name, status: d.status })) }),
  });
  let line: Server | null = null;
  let closed: Promise<void> | undefined;

  const listenLine = async (): Promise<ListenAddresses['tcp']> => {
    if (!config.tcp.enabled) return null;
    const server = createLineServer(generator, log.child({ component: 'tcp' }));
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.tcp.port, config.tcp.ip, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (err) {
      if (options.tcpPortRequired) throw err;
      log.warn({ port: config.tcp.port, err: (err as Error).message }, 'line protocol not started: its default port is not available (set tcp.port)');
      return null;
    }
    line = server;
    const a = server.address() as AddressInfo;
    return { host: a.address, port: a.port };
  };

  return {
    registry,
    generator,
    log,
    async listen() {
      for (const e of await registry.preload()) log.error({ code: e.code, driver: e.driver }, e.message);
      await app.listen({ host: config.http.ip, port: config.http.port });
      const a = app.server.address() as AddressInfo;
      try {
        addresses = { http: { host: a.address, port: a.port }, tcp: await listenLine() };
      } catch (err) {
        await app.close();
        throw err;
      }
      log.info({ http: addresses.http, tcp: addresses.tcp }, 'confgend listening');
      return addresses;
    },
    close() {
      closed ??= (async () => {
        generator.close();
        const server = line;
        if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
        await app.close();
      })();
      return closed;
    },
  };
}
