import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { errors } from '../errors.js';
import { runCommand } from '../exec.js';
import { parsePluginYml, type PluginMetadata } from '../metadata/index.js';
import type { InstalledPlugin, PackageBackend, StepContext } from './backend.js';
import { walkTree } from './tree.js';

/** What the dir backend records for each installed plugin. */
export interface DirManifest {
  namespace: string;
  name: string;
  version: string;
  plugin_format_version: number;
  /** Files (relative to the prefix) this plugin owns. */
  files: string[];
  /** Folders that did not exist before this plugin created them; removed when empty. */
  dirs: string[];
  installedAt: string;
}

export interface DirBackendOptions {
  /** Where plugin files land (`/` in production, any folder for tests or containers). */
  prefix: string;
  /** Where manifests and copies of `wazo/` are kept. */
  stateDir: string;
  packagePrefix?: string;
}

function isMissing(path: string): boolean {
  try {
    lstatSync(path);
    return false;
  } catch {
    return true;
  }
}

/**
 * Installs into a prefix with a manifest of owned files, for machines without dpkg or root.
 * Refuses files owned by another plugin; a failed install or upgrade puts back what was there.
 */
export function createDirBackend(opts: DirBackendOptions): PackageBackend {
  const prefix = opts.prefix;
  const pluginsDir = join(opts.stateDir, 'plugins');
  mkdirSync(pluginsDir, { recursive: true });
  mkdirSync(prefix, { recursive: true });
  const pkgPrefix = opts.packagePrefix ?? 'dialtone-plugind';

  const metaDir = (ns: string, name: string) => join(pluginsDir, ns, name);
  const readManifest = (ns: string, name: string): DirManifest | undefined => {
    const p = join(metaDir(ns, name), 'manifest.json');
    return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as DirManifest) : undefined;
  };
  const allManifests = (): DirManifest[] => {
    const out: DirManifest[] = [];
    for (const ns of readdirSync(pluginsDir)) {
      if (ns.startsWith('.')) continue;
      for (const name of readdirSync(join(pluginsDir, ns))) {
        if (name.startsWith('.')) continue;
        const m = readManifest(ns, name);
        if (m) out.push(m);
      }
    }
    return out;
  };
  const hook = (ns: string, name: string, command: string, step: string, ctx: StepContext) =>
    runCommand(join(metaDir(ns, name), 'wazo', 'rules'), [command], {
      step,
      cwd: metaDir(ns, name),
      env: { ...process.env, PLUGIND_ROOT: prefix },
      timeoutMs: ctx.timeouts.hook,
      onLog: ctx.onLog,
    });
  const load = (m: DirManifest): InstalledPlugin | undefined => {
    const yml = join(metaDir(m.namespace, m.name), 'wazo', 'plugin.yml');
    if (!existsSync(yml)) return undefined;
    const raw = parsePluginYml(readFileSync(yml, 'utf8')) as Record<string, unknown>;
    const metadata = { ...raw, version: m.version, plugin_format_version: m.plugin_format_version } as PluginMetadata;
    metadata.depends = Array.isArray(raw.depends) ? (raw.depends as PluginMetadata['depends']) : [];
    metadata.debian_depends = Array.isArray(raw.debian_depends) ? (raw.debian_depends as string[]) : [];
    return { metadata, package: join(metaDir(m.namespace, m.name), 'manifest.json') };
  };

  return {
    kind: 'dir',
    packageName: (ns, name) => `${pkgPrefix}-${name}-${ns}`,
    async list() {
      return allManifests()
        .map(load)
        .filter((p): p is InstalledPlugin => p !== undefined)
        .sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
    },
    async get(ns, name) {
      const m = readManifest(ns, name);
      return m ? load(m) : undefined;
    },
    async package(plugin) {
      return plugin.pkgDir;
    },
    async update() {
      // no package index to refresh
    },
    async install(plugin, artifact, ctx) {
      const { namespace: ns, name } = plugin.metadata;
      const old = readManifest(ns, name);
      const { files, dirs } = walkTree(artifact);
      const fileSet = new Set(files);
      for (const other of allManifests()) {
        if (other.namespace === ns && other.name === name) continue;
        const clash = other.files.find((f) => fileSet.has(f));
        if (clash) throw errors.install(`installing: /${clash} belongs to ${other.namespace}/${other.name}`, { step: 'installing', file: clash });
      }
      const backupDir = join(plugin.workDir, 'backup');
      const written: string[] = [];
      const backups: string[] = [];
      const createdDirs: string[] = [];
      const final = metaDir(ns, name);
      const staged = join(pluginsDir, ns, `.${name}.new-${randomBytes(4).toString('hex')}`);
      const oldMeta = join(plugin.workDir, 'old-meta');
      let swapped = false;
      try {
        for (const d of dirs) {
          if (isMissing(join(prefix, d))) {
            mkdirSync(join(prefix, d));
            createdDirs.push(d);
          }
        }
        for (const f of files) {
          const target = join(prefix, f);
          if (!isMissing(target)) {
            mkdirSync(dirname(join(backupDir, f)), { recursive: true });
            renameSync(target, join(backupDir, f));
            backups.push(f);
          }
          written.push(f);
          cpSync(join(artifact, f), target, { verbatimSymlinks: true, preserveTimestamps: true });
        }
        const manifest: DirManifest = {
          namespace: ns,
          name,
          version: plugin.metadata.version,
          plugin_format_version: plugin.metadata.plugin_format_version,
          files,
          dirs: [...new Set([...(old?.dirs ?? []), ...createdDirs])],
          installedAt: new Date().toISOString(),
        };
        mkdirSync(staged, { recursive: true });
        cpSync(join(plugin.srcDir, 'wazo'), join(staged, 'wazo'), { recursive: true, verbatimSymlinks: true });
        writeFileSync(join(staged, 'manifest.json'), JSON.stringify(manifest, null, 2));
        if (old) renameSync(final, oldMeta);
        renameSync(staged, final);
        swapped = true;
        await hook(ns, name, 'install', 'installing', ctx);
      } catch (err) {
        for (const f of written) rmSync(join(prefix, f), { force: true });
        for (const f of backups) renameSync(join(backupDir, f), join(prefix, f));
        for (const d of [...createdDirs].reverse()) rmSync(join(prefix, d), { recursive: true, force: true });
        rmSync(staged, { recursive: true, force: true });
        if (swapped) {
          rmSync(final, { recursive: true, force: true });
          if (old) renameSync(oldMeta, final);
        }
        removeEmpty(join(pluginsDir, ns));
        throw err;
      }
      // the upgrade worked: files only the old version had go away
      for (const f of old?.files ?? []) if (!fileSet.has(f)) rmSync(join(prefix, f), { force: true });
    },
    async uninstall(ns, name, ctx) {
      const m = readManifest(ns, name);
      if (!m) throw errors.notFound(`plugin ${ns}/${name} is not installed`);
      await hook(ns, name, 'uninstall', 'removing', ctx);
      for (const f of m.files) {
        try {
          unlinkSync(join(prefix, f));
        } catch {
          // already gone
        }
      }
      for (const d of [...m.dirs].sort((a, b) => b.length - a.length)) removeEmpty(join(prefix, d));
      let postrmError: unknown;
      if (m.plugin_format_version >= 1) {
        try {
          await hook(ns, name, 'postrm', 'removing', ctx);
        } catch (err) {
          postrmError = err;
        }
      }
      rmSync(metaDir(ns, name), { recursive: true, force: true });
      removeEmpty(join(pluginsDir, ns));
      if (postrmError) throw postrmError;
    },
    describe: () => ({ kind: 'dir', prefix }),
  };
}

function removeEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // not empty or gone
  }
}
