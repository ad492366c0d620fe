/** The one-shot commands. Each prints JSON with --json, a table or plain lines otherwise. */
import { Command, Option } from 'commander';
import type { Device, ProvdClient } from '@dialtone/provd-client';
import { connect, DEFAULT_URL, type ConnectionOptions } from './connection.js';
import { UsageError } from './errors.js';
import { printJson, printTable, type Output } from './output.js';
import { follow } from './progress.js';
import { startShell } from './shell.js';

export const VERSION = '0.1.0';
const DHCP_SERVERS = ['isc', 'kea', 'dnsmasq'];

/** A token as `GET /0.2/tokens` lists it. */
interface TokenSummary {
  id: string;
  acl: string[];
  tenant_uuid: string;
  label: string;
  created_at: string;
  expires_at: string | null;
}

type Action = (client: ProvdClient, out: Output, args: string[], options: Record<string, unknown>) => Promise<void>;

export function buildProgram(out: Output, env: NodeJS.ProcessEnv): Command {
  const program = new Command('provd-cli')
    .description("Dialtone provd's command line: one-shot commands, or an interactive shell when no command is given.")
    .version(VERSION, '-V, --version')
    .addOption(new Option('--url <url>', 'provd REST API base URL').env('PROVD_URL').default(DEFAULT_URL))
    .option('--token <token>', 'X-Auth-Token (env: PROVD_TOKEN; else <data-dir>/admin-token)')
    .option('--data-dir <dir>', "provd's data directory, to read its admin-token")
    .option('--tenant <uuid>', 'act for this tenant (Wazo-Tenant)')
    .showHelpAfterError()
    .addHelpText('after', '\nExit codes: 0 done, 1 provd refused or the operation failed, 2 bad command line, 3 provd unreachable.')
    .configureOutput({ writeOut: (s) => out.write(s), writeErr: (s) => out.error(s) })
    .exitOverride();

  const run = (action: Action) =>
    async function (this: Command, ...params: unknown[]) {
      const command = params[params.length - 1] as Command;
      const options = command.optsWithGlobals<ConnectionOptions & Record<string, unknown>>();
      const args = params.slice(0, -2).filter((p): p is string => typeof p === 'string');
      await action(connect(options, env), out, args, options);
    };
  const json = new Option('--json', 'print JSON');

  const plugins = program.command('plugins').description('phone-family plugins: list, install, upgrade, uninstall, reload');
  plugins.command('installed').description('installed plugins').addOption(json).action(run(async (c, o, _a, opts) => listPackages(o, await c.plugins.installed(), opts.json === true)));
  plugins.command('installable').description('plugins the plugin server offers').addOption(json).action(run(async (c, o, _a, opts) => listPackages(o, await c.plugins.installable(), opts.json === true)));
  plugins.command('update').description('refresh the list from the plugin server').action(run(async (c, o) => void (await follow(o, await c.plugins.update()))));
  plugins.command('install <id>').description('install a plugin').action(run(async (c, o, [id]) => void (await follow(o, await c.plugins.install(id as string)))));
  plugins.command('upgrade <id>').description('upgrade a plugin').action(run(async (c, o, [id]) => void (await follow(o, await c.plugins.upgrade(id as string)))));
  plugins.command('uninstall <id>').description('uninstall a plugin').action(run(async (c, o, [id]) => {
    await c.plugins.uninstall(id as string);
    o.write(`uninstalled ${id}\n`);
  }));
  plugins.command('reload <id>').description('reload a plugin from disk').action(run(async (c, o, [id]) => {
    await c.plugins.reload(id as string);
    o.write(`reloaded ${id}\n`);
  }));
  plugins.command('info <id>').description("a plugin's plugin-info").addOption(json).action(run(async (c, o, [id]) => printJson(o, await c.plugins.info(id as string))));
  plugins.command('packages <id>').description("a plugin's packages (firmware, languages)").addOption(json).action(run(async (c, o, [id], opts) => {
    const [installable, installed] = await Promise.all([c.plugins.packages.installable(id as string), c.plugins.packages.installed(id as string)]);
    if (opts.json) return printJson(o, { installable, installed });
    printTable(o, ['package', 'version', 'installed', 'description'], Object.entries(installable).map(([pkg, info]) => [pkg, String(info.version ?? ''), installed[pkg] ? 'yes' : 'no', String(info.description ?? '')]));
  }));
  plugins.command('install-package <plugin> <package>').description('install one package of a plugin').action(run(async (c, o, [plugin, pkg]) => void (await follow(o, await c.plugins.packages.install(plugin as string, pkg as string)))));
  plugins.command('install-all <plugin>').description('install every package of a plugin not installed yet').action(run(async (c, o, [plugin]) => void (await installAll(c, o, plugin as string))));

  const devices = program.command('devices').description('devices: list, show, reconfigure, synchronize, delete');
  devices.command('list').description('devices, optionally filtered').addOption(json)
    .option('--mac <mac>', 'only this MAC address').option('--ip <ip>', 'only this IP address').option('--q <selector>', 'a JSON selector, as the REST API takes it')
    .option('--limit <n>', 'at most n devices', '0')
    .action(run(async (c, o, _a, opts) => {
      const q: Record<string, unknown> = opts.q ? parseSelector(String(opts.q)) : {};
      if (opts.mac) q.mac = String(opts.mac).toLowerCase().replace(/-/g, ':');
      if (opts.ip) q.ip = String(opts.ip);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 0) throw new UsageError(`--limit: expected a whole number, got ${String(opts.limit)}`);
      const list = await c.devices.list({ q, ...(limit ? { limit } : {}), sort: 'mac' });
      if (opts.json) return printJson(o, list);
      printTable(o, ['id', 'mac', 'ip', 'vendor', 'model', 'version', 'plugin', 'config', 'configured'], list.map(deviceRow));
    }));
  devices.command('get <id>').description('one device').addOption(json).action(run(async (c, o, [id]) => printJson(o, await c.devices.get(id as string))));
  devices.command('reconfigure <id>').description('render the device\'s files again').action(run(async (c, o, [id]) => {
    await c.devices.reconfigure(id as string);
    o.write(`reconfigured ${id}\n`);
  }));
  devices.command('synchronize <id>').description('make the phone fetch its configuration again (SIP NOTIFY)').action(run(async (c, o, [id]) => {
    await follow(o, await c.devices.synchronize(id as string));
    o.write(`synchronized ${id}\n`);
  }));
  devices.command('delete <id>').description('delete a device').action(run(async (c, o, [id]) => {
    await c.devices.delete(id as string);
    o.write(`deleted ${id}\n`);
  }));

  const configs = program.command('configs').description('configs: list, show, flattened raw config');
  configs.command('list').description('configs (transient per-device ones left out unless --all)').addOption(json).option('--all', 'include transient configs')
    .action(run(async (c, o, _a, opts) => {
      const list = await c.configs.list(opts.all ? {} : { q: { transient: { $ne: true } } });
      if (opts.json) return printJson(o, list);
      printTable(o, ['id', 'parents', 'role'], list.map((cfg) => [cfg.id, cfg.parent_ids.join(','), String(cfg.role ?? '')]));
    }));
  configs.command('get <id>').description('one config').addOption(json).action(run(async (c, o, [id]) => printJson(o, await c.configs.get(id as string))));
  configs.command('raw <id>').description('a config flattened with its parents and the base').addOption(json).action(run(async (c, o, [id]) => printJson(o, await c.configs.raw(id as string))));

  const params = program.command('params').description('configure parameters (plugin_server, proxies, locale, NAT, provisioning_key)');
  params.command('list').description('every parameter and its value').addOption(json).action(run(async (c, o, _a, opts) => {
    const list = await c.params.list();
    if (opts.json) return printJson(o, list);
    printTable(o, ['name', 'value', 'description'], list.map((p) => [p.id, p.value === null || p.value === undefined ? '' : String(p.value), String(p.description ?? '')]));
  }));
  params.command('get <name>').description("a parameter's value (empty when unset)").action(run(async (c, o, [name]) => {
    const value = await c.params.get(name as never);
    o.write(`${value === null || value === undefined ? '' : String(value)}\n`);
  }));
  params.command('set <name> <value>').description('set a parameter').action(run(async (c, o, [name, value]) => {
    await c.params.set(name as never, value as string);
    o.write(`${name} = ${value}\n`);
  }));
  params.command('clear <name>').description('unset a parameter').action(run(async (c, o, [name]) => {
    await c.params.set(name as never, null);
    o.write(`${name} cleared\n`);
  }));

  program.command('dhcp').description('DHCP servers').command('config <server>').description(`DHCP configuration for the installed plugins (${DHCP_SERVERS.join(', ')})`)
    .action(run(async (c, o, [server]) => {
      if (!DHCP_SERVERS.includes(server as string)) throw new UsageError(`dhcp config: expected one of ${DHCP_SERVERS.join(', ')}, got ${server}`);
      const response = await c.raw('GET', `/0.2/dhcp_mgr/config/${server}`, undefined, { accept: '*/*' });
      if (response.status !== 200) throw new UsageError(`provd answered ${response.status}: ${response.text.split('\n')[0]}`);
      o.write(response.text.endsWith('\n') ? response.text : `${response.text}\n`);
    }));

  const tokens = program.command('tokens').description('REST API tokens of the built-in token store (administrator only)');
  tokens.command('list').description('tokens: id, tenant, ACLs, expiry (never the secret)').addOption(json).action(run(async (c, o, _a, opts) => {
    const list = (await c.request<{ tokens: TokenSummary[] }>('GET', '/0.2/tokens')).body.tokens;
    if (opts.json) return printJson(o, list);
    printTable(o, ['id', 'tenant', 'expires', 'acl', 'label'], list.map((t) => [t.id, t.tenant_uuid, t.expires_at ?? 'never', t.acl.join(','), t.label]));
  }));
  tokens.command('create').description('create a token and print its secret (shown only once)')
    .requiredOption('--acl <acl...>', 'ACLs granted, e.g. provd.dev_mgr.# provd.status.read (* one segment, # any, !acl denies)')
    .option('--expires <duration>', 'lifetime: seconds, or 90s, 15m, 12h, 30d, or never', 'never')
    .option('--label <text>', 'a note shown by list', '')
    .option('--for-tenant <uuid>', "the token's tenant (default: the caller's)")
    .addOption(json)
    .action(run(async (c, o, _a, opts) => {
      const spec = { acl: opts.acl as string[], expires: opts.expires as string, label: opts.label as string, ...(opts.forTenant ? { tenant_uuid: opts.forTenant as string } : {}) };
      const created = (await c.request<{ token: TokenSummary & { token: string } }>('POST', '/0.2/tokens', { token: spec })).body.token;
      if (opts.json) return printJson(o, created);
      o.write(`${created.token}\n`);
    }));
  tokens.command('revoke <id>').description('revoke a token by its id (as list shows it)').action(run(async (c, o, [id]) => {
    await c.request('DELETE', `/0.2/tokens/${encodeURIComponent(id as string)}`);
    o.write(`revoked ${id}\n`);
  }));

  program.command('status').description("provd's status").addOption(json).action(run(async (c, o) => printJson(o, await c.status())));
  program.command('shell', { isDefault: true }).description('interactive shell (the default without a command)').action(run(async (c, o) => startShell(c, o)));
  return program;
}

function parseSelector(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new UsageError(`--q: expected a JSON object, got ${text}`);
}

function deviceRow(d: Device): string[] {
  return [d.id, d.mac ?? '', d.ip ?? '', d.vendor ?? '', d.model ?? '', d.version ?? '', d.plugin ?? '', d.config ?? '', d.configure_error ? `error: ${d.configure_error}` : d.configured ? 'yes' : 'no'];
}

function listPackages(out: Output, pkgs: Record<string, { version?: unknown; description?: unknown }>, json: boolean): void {
  if (json) return printJson(out, pkgs);
  printTable(out, ['id', 'version', 'description'], Object.entries(pkgs).sort(([a], [b]) => a.localeCompare(b)).map(([id, info]) => [id, String(info.version ?? ''), String(info.description ?? '')]));
}

export async function installAll(client: ProvdClient, out: Output, plugin: string): Promise<string[]> {
  const [installable, installed] = await Promise.all([client.plugins.packages.installable(plugin), client.plugins.packages.installed(plugin)]);
  const todo = Object.keys(installable).filter((pkg) => !installed[pkg]).sort();
  if (!todo.length) out.write(`${plugin}: every package is installed\n`);
  for (const pkg of todo) await follow(out, await client.plugins.packages.install(plugin, pkg));
  return todo;
}
