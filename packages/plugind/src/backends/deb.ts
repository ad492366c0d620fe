import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errors } from '../errors.js';
import { runCommand } from '../exec.js';
import { parsePluginYml, type PluginMetadata } from '../metadata/index.js';
import type { InstalledPlugin, PackageBackend, StepContext } from './backend.js';
import { controlFile, debPackageName, PLUGINS_DIR, postinst, postrm, prerm, SECTION } from './deb-files.js';
import { createSerial } from './mutex.js';

export interface DebBackendOptions {
  /**
   * A dpkg root to install into (`dpkg --root --force-script-chrootless`), created if missing: the
   * machine's own package database is never touched. Unset: the real system, with apt-get.
   */
  root?: string;
  packagePrefix?: string;
}

/** Real Debian packages: dpkg-deb --build --root-owner-group, installed and removed with dpkg (or apt-get). */
export function createDebBackend(opts: DebBackendOptions = {}): PackageBackend {
  const prefix = opts.packagePrefix ?? 'dialtone-plugind';
  const root = opts.root;
  const serial = createSerial();
  if (root) {
    for (const d of ['var/lib/dpkg/info', 'var/lib/dpkg/updates', 'var/lib/dpkg/triggers', 'var/log']) mkdirSync(join(root, d), { recursive: true });
    for (const f of ['var/lib/dpkg/status', 'var/lib/dpkg/available']) if (!existsSync(join(root, f))) writeFileSync(join(root, f), '');
  }
  const dpkgArgs = root ? [`--root=${root}`, '--force-script-chrootless'] : [];
  const base = root ?? '/';

  const load = (ns: string, name: string, pkg: string): InstalledPlugin | undefined => {
    const yml = join(base, PLUGINS_DIR, ns, name, 'wazo', 'plugin.yml');
    if (!existsSync(yml)) return undefined;
    const raw = parsePluginYml(readFileSync(yml, 'utf8')) as Record<string, unknown>;
    const metadata = { ...raw } as PluginMetadata;
    metadata.plugin_format_version = Number(raw.plugin_format_version ?? 0);
    metadata.depends = Array.isArray(raw.depends) ? (raw.depends as PluginMetadata['depends']) : [];
    metadata.debian_depends = Array.isArray(raw.debian_depends) ? (raw.debian_depends as string[]) : [];
    return { metadata, package: pkg };
  };

  const list = async (): Promise<InstalledPlugin[]> => {
    let output = '';
    try {
      const log = await runCommand('dpkg-query', [...(root ? [`--root=${root}`] : []), '-W', '-f', '${Package}\t${Section}\t${db:Status-Abbrev}\n'], {
        step: 'listing',
        timeoutMs: 30_000,
      });
      output = log.output;
    } catch {
      return [];
    }
    const out: InstalledPlugin[] = [];
    for (const line of output.split('\n')) {
      const [pkg, section, status] = line.split('\t');
      // the second letter is the state: i = installed (a failed removal leaves "pi")
      if (!pkg || section !== SECTION || status?.[1] !== 'i') continue;
      const rest = pkg.slice(prefix.length + 1);
      const dash = rest.lastIndexOf('-');
      if (!pkg.startsWith(`${prefix}-`) || dash < 1) continue;
      const p = load(rest.slice(dash + 1), rest.slice(0, dash), pkg);
      if (p) out.push(p);
    }
    return out.sort((a, b) => a.package.localeCompare(b.package));
  };

  const dpkg = (args: string[], step: string, ctx: StepContext, env?: NodeJS.ProcessEnv) =>
    runCommand('dpkg', [...dpkgArgs, ...args], { step, timeoutMs: ctx.timeouts.install, onLog: ctx.onLog, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive', ...env } });

  return {
    kind: 'deb',
    packageName: (ns, name) => debPackageName(prefix, ns, name),
    list,
    async get(ns, name) {
      return (await list()).find((p) => p.metadata.namespace === ns && p.metadata.name === name);
    },
    async package(plugin, ctx) {
      const m = plugin.metadata;
      const pkgDir = plugin.pkgDir;
      rmSync(join(pkgDir, 'DEBIAN'), { recursive: true, force: true });
      mkdirSync(join(pkgDir, 'DEBIAN'), { recursive: true });
      const dest = join(pkgDir, PLUGINS_DIR, m.namespace, m.name);
      rmSync(dest, { recursive: true, force: true });
      mkdirSync(dest, { recursive: true });
      cpSync(join(plugin.srcDir, 'wazo'), join(dest, 'wazo'), { recursive: true, verbatimSymlinks: true });
      writeFileSync(join(pkgDir, 'DEBIAN', 'control'), controlFile(prefix, m));
      writeFileSync(join(pkgDir, 'DEBIAN', 'postinst'), postinst(m), { mode: 0o755 });
      writeFileSync(join(pkgDir, 'DEBIAN', 'prerm'), prerm(m), { mode: 0o755 });
      writeFileSync(join(pkgDir, 'DEBIAN', 'postrm'), postrm(m), { mode: 0o755 });
      const deb = join(plugin.workDir, `${debPackageName(prefix, m.namespace, m.name)}_${m.version}_all.deb`);
      await runCommand('dpkg-deb', ['--build', '--root-owner-group', pkgDir, deb], { step: 'packaging', timeoutMs: ctx.timeouts.install, onLog: ctx.onLog });
      return deb;
    },
    async update(debianDepends, ctx) {
      if (root || debianDepends.length === 0) return;
      await serial(() => runCommand('apt-get', ['update', '--quiet'], { step: 'updating', timeoutMs: ctx.timeouts.update, onLog: ctx.onLog }));
    },
    async install(plugin, artifact, ctx) {
      const { namespace: ns, name } = plugin.metadata;
      const pkg = debPackageName(prefix, ns, name);
      await serial(async () => {
        const fresh = !(await list()).some((p) => p.package === pkg);
        try {
          if (root) await dpkg(['--install', artifact], 'installing', ctx);
          else await runCommand('apt-get', ['install', '--yes', '--no-install-recommends', artifact], { step: 'installing', timeoutMs: ctx.timeouts.install, onLog: ctx.onLog, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
        } catch (err) {
          if (fresh) {
            await dpkg(['--purge', '--force-remove-reinstreq', pkg], 'installing', ctx, { PLUGIND_ROLLBACK: '1' }).catch(() => undefined);
          }
          throw err;
        }
      });
    },
    async uninstall(ns, name, ctx) {
      const pkg = debPackageName(prefix, ns, name);
      await serial(async () => {
        if (!(await list()).some((p) => p.package === pkg)) throw errors.notFound(`plugin ${ns}/${name} is not installed`);
        await dpkg(['--purge', pkg], 'removing', ctx);
      });
    },
    describe: () => ({ kind: 'deb', root: root ?? '/' }),
  };
}
