#!/usr/bin/env -S node --import tsx
import { readFileSync } from 'node:fs';
import { isAuthError } from '@dialtone/auth';
import { Command, Option } from 'commander';
import { createProvd } from '../provd.js';
import { embeddedDefault, overrides, parseOverride, resolveConfig, type ResolvedConfig } from '../config/index.js';
import { errors } from '../errors.js';
import { createLogger } from '../log.js';
import { readyLine, startupFailure } from './startup.js';
import { addTokenCommands } from './tokens.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command('provd')
  .description('Dialtone provd: the phone provisioning server (REST API, HTTP and TFTP provisioning).')
  .version(version, '-V, --version')
  .option('-c, --config <file>', 'YAML configuration file; <its folder>/conf.d/*.yml are merged over it (env: PROVD_CONFIG)')
  .addHelpText('after', '\nPrecedence: embedded defaults < --config file < conf.d/*.yml < PROVD_* environment < flags.\nSee docs/reference/provd-config.md for every key.');
for (const o of overrides) {
  const fallback = embeddedDefault(o.key);
  const shown = fallback === null || fallback === undefined ? '' : `, default: ${JSON.stringify(fallback)}`;
  if (o.kind === 'bool') {
    program.addOption(new Option(`${o.flag}`, `${o.description} (env: ${o.env}${shown})`));
    program.addOption(new Option(`--no-${o.flag.slice(2)}`).hideHelp());
  } else {
    program.addOption(new Option(`${o.flag} <value>`, `${o.description} (env: ${o.env}${shown})`));
  }
}

function fail(err: unknown): never {
  console.error(`provd: ${isAuthError(err) ? err.message : startupFailure(err)}`);
  process.exit(1);
}

function configFromFlags(): ResolvedConfig {
  const opts = program.opts<Record<string, unknown>>();
  const settings: Record<string, unknown> = {};
  for (const o of overrides) {
    const name = o.flag.slice(2).replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
    const value = opts[name];
    if (value === undefined) continue;
    if (typeof value === 'boolean') settings[o.key] = value;
    else {
      const parsed = parseOverride(o, String(value), `flag ${o.flag}`);
      if ('error' in parsed) throw errors.invalidConfig(parsed.error);
      settings[o.key] = parsed.value;
    }
  }
  return resolveConfig({ configFile: (opts.config as string | undefined) ?? process.env.PROVD_CONFIG, env: process.env, settings });
}

addTokenCommands(program, configFromFlags);
program.action(async () => {
  try {
    const config = configFromFlags();
    const format = config.log.format === 'auto' ? (process.stdout.isTTY ? 'pretty' : 'json') : config.log.format;
    const provd = await createProvd({ config, logger: createLogger(config.log.level, format) });
    let addresses;
    try {
      addresses = await provd.listen();
    } catch (err) {
      await provd.close().catch(() => undefined);
      throw err;
    }
    provd.log.info(readyLine(config, addresses));
    const stop = async (signal: string) => {
      provd.log.info({ signal }, 'provd stopping');
      await provd.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  } catch (err) {
    fail(err);
  }
});
await program.parseAsync().catch(fail);
