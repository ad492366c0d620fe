import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { buildApi } from './api/server.js';
import { PlugindTokens } from './auth/index.js';
import type { PackageBackend } from './backends/index.js';
import { createBusPublisher, type BusPublisher } from './bus/amqp.js';
import { publicConfig, resolveConfig, type PlugindOptions, type ResolvedConfig } from './config.js';
import { createService, type PlugindService } from './service.js';

export interface Plugind {
  readonly config: ResolvedConfig;
  readonly service: PlugindService;
  readonly tokens: PlugindTokens;
  readonly log: Logger;
  /** Path of the first admin token (0600). */
  readonly adminTokenFile: string;
  /** Starts listening; resolves with the bound port. */
  listen(): Promise<{ port: number; url: string }>;
  /** Stops accepting requests, waits for running jobs, closes the bus. Idempotent. */
  close(): Promise<void>;
}

/** Builds plugind (no socket is opened until `listen()`). */
export function createPlugind(options: PlugindOptions & { logger?: Logger; backendInstance?: PackageBackend }): Plugind {
  const config = resolveConfig(options);
  const log = options.logger ?? pino({ level: config.logLevel, name: 'plugind' });
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const tokens = new PlugindTokens(config.dataDir);
  const adminTokenFile = tokens.ensureAdminToken();
  const service = createService(config, log, options.backendInstance);
  let bus: BusPublisher | undefined;
  if (config.bus) {
    bus = createBusPublisher({ url: config.bus.url, exchange: config.bus.exchange, log });
    const b = bus;
    service.jobs.on('event', (e) => b.publish(e));
  }
  const app = buildApi({
    service,
    tokens,
    log,
    config: () => publicConfig(config),
    status: () => ({
      rest_api: { status: 'ok' },
      backend: { status: 'ok', ...service.backend.describe() },
      market: { status: config.marketUrl ? 'ok' : 'disabled' },
      bus: config.bus ? bus!.status() : { status: 'disabled' },
      wazo_version: config.wazoVersion,
    }),
  });
  let closing: Promise<void> | undefined;
  return {
    config,
    service,
    tokens,
    log,
    adminTokenFile,
    async listen() {
      await app.listen({ host: config.host, port: config.port });
      const port = (app.server.address() as AddressInfo).port;
      log.info({ host: config.host, port, backend: config.backend }, 'plugind listening');
      return { port, url: `http://${config.host}:${port}` };
    },
    close() {
      closing ??= (async () => {
        await app.close();
        await service.idle();
        await bus?.close();
      })();
      return closing;
    },
  };
}
