#!/usr/bin/env -S node --import tsx
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { PlugindClient, type ProgressEvent } from '../client.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const int = (v: string) => {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('not a number');
  return Number(v);
};

const program = new Command('plugind-cli')
  .description('Command line for plugind: install, uninstall, list plugins, search the market, follow jobs.')
  .version(version)
  .option('--host <host>', 'plugind address', '127.0.0.1')
  .option('--port <port>', 'plugind port', int, 9503)
  .option('--token <token>', 'auth token (env PLUGIND_TOKEN)')
  .showHelpAfterError();

const client = () => {
  const g = program.opts<{ host: string; port: number; token?: string }>();
  return new PlugindClient(`http://${g.host}:${g.port}`, g.token ?? process.env.PLUGIND_TOKEN ?? '');
};

function fail(message: string): never {
  console.error(`plugind-cli: ${message.split('\n')[0]}`);
  process.exit(1);
}

/** Follows a job, printing each status, and exits 0 on completed, 1 on error. */
async function follow(uuid: string, quiet: boolean): Promise<never> {
  const c = client();
  const label = (e: ProgressEvent) => (e.uuid === uuid ? '' : ` ${e.namespace ?? '?'}/${e.name ?? '?'}`);
  const last = await c.follow(uuid, (e) => {
    if (!quiet) console.error(`[${e.uuid.slice(0, 8)}]${label(e)} ${e.status}`);
  });
  if (last.status === 'completed') {
    if (!quiet) console.error(`[${uuid.slice(0, 8)}] done`);
    process.exit(0);
  }
  fail(`${last.errors?.error_id ?? 'error'}: ${last.errors?.message ?? 'the job failed'}`);
}

const install = program.command('install').description('install a plugin (shows live progress; --async prints the job uuid and returns)');
install
  .command('git <url>')
  .option('--ref <ref>', 'branch or tag')
  .option('--subdirectory <dir>', 'folder of the repository holding wazo/')
  .option('--reinstall', 'install even when this version is installed')
  .option('--async', 'do not wait')
  .option('-q, --quiet', 'no progress lines')
  .action(async (url: string, o: { ref?: string; subdirectory?: string; reinstall?: boolean; async?: boolean; quiet?: boolean }) => {
    const { uuid } = await client().install({ method: 'git', options: { url, ref: o.ref, subdirectory: o.subdirectory } }, !!o.reinstall);
    if (o.async) return console.log(uuid);
    await follow(uuid, !!o.quiet);
  });
install
  .command('url <url>')
  .option('--subdirectory <dir>', 'folder of the archive holding wazo/')
  .option('--sha256 <hex>', 'expected SHA-256 of the archive')
  .option('--reinstall', 'install even when this version is installed')
  .option('--async', 'do not wait')
  .option('-q, --quiet', 'no progress lines')
  .action(async (url: string, o: { subdirectory?: string; sha256?: string; reinstall?: boolean; async?: boolean; quiet?: boolean }) => {
    const { uuid } = await client().install({ method: 'url', options: { url, subdirectory: o.subdirectory, sha256: o.sha256 } }, !!o.reinstall);
    if (o.async) return console.log(uuid);
    await follow(uuid, !!o.quiet);
  });
install
  .command('market <plugin>')
  .description('<namespace>/<name> from the market')
  .option('--version <version>', 'a given version (default: the newest installable)')
  .option('--reinstall', 'install even when this version is installed')
  .option('--async', 'do not wait')
  .option('-q, --quiet', 'no progress lines')
  .action(async (plugin: string, o: { version?: string; reinstall?: boolean; async?: boolean; quiet?: boolean }) => {
    const [namespace, name, extra] = plugin.split('/');
    if (!namespace || !name || extra !== undefined) fail(`expected <namespace>/<name>, got ${plugin}`);
    const { uuid } = await client().install({ method: 'market', options: { namespace, name, version: o.version } }, !!o.reinstall);
    if (o.async) return console.log(uuid);
    await follow(uuid, !!o.quiet);
  });

program
  .command('uninstall <plugin>')
  .description('remove <namespace>/<name>')
  .option('--cascade', 'also remove the plugins that depend on it')
  .option('--async', 'do not wait')
  .option('-q, --quiet', 'no progress lines')
  .action(async (plugin: string, o: { cascade?: boolean; async?: boolean; quiet?: boolean }) => {
    const [namespace, name, extra] = plugin.split('/');
    if (!namespace || !name || extra !== undefined) fail(`expected <namespace>/<name>, got ${plugin}`);
    const { uuid } = await client().uninstall(namespace, name, !!o.cascade);
    if (o.async) return console.log(uuid);
    await follow(uuid, !!o.quiet);
  });

program
  .command('list')
  .description('installed plugins')
  .option('--json', 'the API answer as JSON')
  .action(async (o: { json?: boolean }) => {
    const r = await client().list();
    if (o.json) return console.log(JSON.stringify(r, null, 2));
    for (const p of r.items) console.log(`${p.namespace}/${p.name}\t${p.version}`);
  });

const market = program.command('market').description('the plugin market');
market
  .command('search [terms...]')
  .option('--limit <n>', 'page size', int)
  .option('--offset <n>', 'skip', int)
  .option('--order <field>', 'sort key (default name)')
  .option('--direction <dir>', 'asc or desc')
  .option('--installed', 'only installed plugins')
  .option('--json', 'the API answer as JSON')
  .action(async (terms: string[], o: { limit?: number; offset?: number; order?: string; direction?: string; installed?: boolean; json?: boolean }) => {
    const q: Record<string, string> = {};
    if (terms.length) q.search = terms.join(' ');
    for (const k of ['limit', 'offset', 'order', 'direction'] as const) if (o[k] !== undefined) q[k] = String(o[k]);
    if (o.installed) q.installed = 'true';
    const r = await client().market(q);
    if (o.json) return console.log(JSON.stringify(r, null, 2));
    for (const i of r.items) {
      const up = i.versions.filter((v) => v.upgradable).map((v) => v.version);
      console.log(`${i.namespace}/${i.name}\tinstalled: ${i.installed_version ?? '-'}\tinstallable: ${up.join(', ') || '-'}`);
    }
    console.error(`${r.items.length} shown, ${r.filtered} matching, ${r.total} in the market`);
  });
market
  .command('show <plugin>')
  .action(async (plugin: string) => {
    const [namespace, name] = plugin.split('/');
    console.log(JSON.stringify(await client().marketGet(namespace ?? '', name ?? ''), null, 2));
  });

program
  .command('job <uuid>')
  .description('a job, with its logs')
  .option('--follow', 'follow it until it ends')
  .action(async (uuid: string, o: { follow?: boolean }) => {
    if (o.follow) await follow(uuid, false);
    console.log(JSON.stringify(await client().job(uuid), null, 2));
  });

try {
  await program.parseAsync();
} catch (err) {
  fail((err as Error).message);
}
