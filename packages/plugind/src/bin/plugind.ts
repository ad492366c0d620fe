#!/usr/bin/env -S node --import tsx
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { createPlugind } from '../plugind.js';
import { isPlugindError } from '../errors.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const int = (v: string) => {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('not a number');
  return Number(v);
};

const program = new Command('plugind')
  .description('Dialtone plugind: builds, packages, installs and removes platform plugins (plugin.yml + rules), REST API on 127.0.0.1.')
  .version(version)
  .requiredOption('--data-dir <dir>', 'state: tokens, admin-token, workspaces, dir-backend manifests')
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .option('--port <port>', 'port to listen on (0: any)', int, 9503)
  .addOption(new Option('--backend <kind>', 'package backend').choices(['dir', 'deb']).default('dir'))
  .option('--prefix <dir>', 'dir backend: where plugin files land', '/')
  .option('--deb-root <dir>', 'deb backend: install into this dpkg root instead of the system')
  .option('--market-url <url>', 'market catalogue (http(s) URL, file:// URL or path)')
  .option('--market-ttl <seconds>', 'how long the market catalogue is cached', int, 60)
  .option('--wazo-version <version>', 'platform version plugins are checked against (env WAZO_VERSION)')
  .option('--bus-url <url>', 'RabbitMQ URL to publish progress events to (amqp://guest:guest@127.0.0.1:5672)')
  .option('--bus-exchange <name>', 'RabbitMQ topic exchange', 'dialtone-plugind')
  .option('--concurrency <n>', 'jobs running at once', int, 4)
  .option('--log-level <level>', 'pino log level', 'info')
  .addHelpText('after', '\nA first admin token (ACL plugind.#) is written to <data-dir>/admin-token (0600).\nSee docs/reference/plugind.md.');
program.parse();
const o = program.opts<{
  dataDir: string; host: string; port: number; backend: 'dir' | 'deb'; prefix: string; debRoot?: string; marketUrl?: string;
  marketTtl: number; wazoVersion?: string; busUrl?: string; busExchange: string; concurrency: number; logLevel: string;
}>();

try {
  const plugind = createPlugind({
    dataDir: o.dataDir,
    host: o.host,
    port: o.port,
    backend: o.backend,
    prefix: o.prefix,
    debRoot: o.debRoot,
    marketUrl: o.marketUrl,
    marketTtlMs: o.marketTtl * 1000,
    wazoVersion: o.wazoVersion,
    bus: o.busUrl ? { url: o.busUrl, exchange: o.busExchange } : undefined,
    concurrency: o.concurrency,
    logLevel: o.logLevel,
  });
  await plugind.listen();
  const stop = async (signal: string) => {
    plugind.log.info({ signal }, 'plugind stopping');
    await plugind.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
} catch (err) {
  console.error(`plugind: ${isPlugindError(err) ? err.message : (err as Error).message}`);
  process.exit(1);
}
