/**
 * The plugin manager: update (fetch the repository index), install, upgrade, uninstall and
 * reload, each reporting progress on an Operation.
 *
 * Install is atomic: the bundle is checked (size, sha1, sha256) before anything is unpacked, is
 * unpacked into `.staging-<id>-*` beside the installed plugins, then swapped in with renames
 * (`<id>` → `.old-<id>`, staging → `<id>`) and loaded. If the new version does not load, the
 * renames are undone and the previous version is loaded again. recover(), run before plugins
 * load at start, finishes or undoes a swap cut by a crash, so a restart finds the old or the
 * new folder, never half of one.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { localizedDescription, readPluginInfo, type PluginInfo } from '@dialtone/plugin-sdk';
import type { Logger } from 'pino';
import type { Operation } from '../operations/index.js';
import type { PluginHost } from './host.js';
import type { Proxies } from './install/download.js';
import { installErrors } from './install/errors.js';
import { download, extractTarFile, verifyFile } from './install/offload.js';
import type { ExtractLimits } from './install/tar-extract.js';
import { isSafePluginId, parsePluginsDb, repositoryFile, type IndexEntry, type PluginsDb } from './repository.js';

/** What the manager writes in each plugin it installs (dot-file: not part of the bundle). */
export const INSTALL_RECORD = '.dialtone-install.json';

export interface InstallRecord {
  version: string;
  filename: string;
  sha1sum: string;
  sha256sum?: string;
  server: string;
  installedAt: string;
}

export interface PluginManagerOptions {
  host: PluginHost;
  /** `<data>/plugins`: installed plugins, one folder per id. */
  pluginsDir: string;
  /** Where bundles and the fetched index are kept (`<data>/cache/plugins`). */
  cacheDir: string;
  /** The plugin_server parameter, read at each operation (it can change at run time). */
  server(): string | null;
  proxies(): Proxies;
  /** Keep downloaded bundles in the cache (re-checked before reuse). */
  cachePlugins(): boolean;
  locale(): string | null;
  log: Logger;
  limits?: ExtractLimits;
  timeoutMs?: number;
  /** Called before a plugin goes away (uninstall, reload): deconfigure its devices. */
  beforeRemove?(id: string): Promise<void>;
}

export interface InstalledInfo extends PluginInfo {
  /** Set when the repository holds different content under the same version. */
  changed_without_version_bump?: boolean;
}

export class PluginManager {
  private index: PluginsDb | null = null;
  private readonly busy = new Set<string>();
  private updating = false;

  constructor(private readonly opts: PluginManagerOptions) {}

  private get indexFile(): string {
    return join(this.opts.cacheDir, 'plugins.db');
  }

  /** Finishes or undoes swaps cut by a crash and drops staging folders. Run before loadAll. */
  async recover(): Promise<void> {
    const { pluginsDir, log } = this.opts;
    await mkdir(pluginsDir, { recursive: true });
    for (const name of await readdir(pluginsDir)) {
      const path = join(pluginsDir, name);
      if (name.startsWith('.staging-') || name.startsWith('.trash-')) {
        await rm(path, { recursive: true, force: true });
        log.warn({ folder: name }, 'removed an unfinished plugin install');
      } else if (name.startsWith('.old-')) {
        const id = name.slice('.old-'.length);
        if (existsSync(join(pluginsDir, id))) await rm(path, { recursive: true, force: true });
        else {
          await rename(path, join(pluginsDir, id));
          log.warn({ plugin: id }, 'restored the previous version of a plugin after an interrupted install');
        }
      }
    }
    const saved = await readFile(this.indexFile, 'utf8').catch(() => null);
    if (saved) {
      try {
        this.index = parsePluginsDb(saved);
      } catch (err) {
        log.warn({ err }, 'ignoring the saved plugins.db');
      }
    }
  }

  /** Throws DT_ERR_OPERATION_RUNNING when an update is running (the route answers 500 at once, as the reference). */
  checkUpdate(): void {
    if (this.updating) throw installErrors.busy('an update is already running');
  }

  /** Downloads plugins.db from the plugin server and keeps it (also on disk, for restarts). */
  async update(op?: Operation): Promise<void> {
    if (this.updating) throw installErrors.busy('an update is already running');
    this.updating = true;
    try {
      const server = this.requireServer();
      await mkdir(this.opts.cacheDir, { recursive: true });
      const tmp = `${this.indexFile}.${randomBytes(4).toString('hex')}`;
      await download(repositoryFile(server, 'plugins.db'), tmp, {
        proxies: this.opts.proxies(),
        timeoutMs: this.opts.timeoutMs,
        retries: 1,
        onProgress: (current, end) => op?.progress(current, end),
      });
      try {
        this.index = parsePluginsDb(await readFile(tmp, 'utf8'));
        await rename(tmp, this.indexFile);
      } finally {
        await rm(tmp, { force: true });
      }
      this.opts.log.info({ server, plugins: Object.keys(this.index).length }, 'plugin index updated');
      for (const id of this.opts.host.installedIds()) {
        const info = await readPluginInfo(join(this.opts.pluginsDir, id)).catch(() => null);
        if (info && this.changedWithoutBump(id, info, await this.record(id))) {
          this.opts.log.warn({ plugin: id, version: info.version }, 'the repository has different content under the installed version (changed without a version bump): upgrade installs it');
        }
      }
    } finally {
      this.updating = false;
    }
  }

  /** The index, without filename (reference), localized, with `changed_without_version_bump` where it applies. */
  installable(): Record<string, Record<string, unknown>> {
    const out: Record<string, Record<string, unknown>> = {};
    for (const [id, entry] of Object.entries(this.index ?? {})) {
      const { filename: _f, ...info } = entry;
      out[id] = { ...info, description: localizedDescription(entry, this.opts.locale()) ?? '' };
    }
    return out;
  }

  /** Plugins installed on disk (loaded or not): their plugin-info, localized. */
  async installed(): Promise<Record<string, InstalledInfo>> {
    const out: Record<string, InstalledInfo> = {};
    for (const id of this.opts.host.installedIds()) {
      const info = await readPluginInfo(join(this.opts.pluginsDir, id)).catch(() => null);
      if (!info) continue;
      const entry: InstalledInfo = { ...info, description: localizedDescription(info, this.opts.locale()) ?? '' };
      if (this.changedWithoutBump(id, info, await this.record(id))) entry.changed_without_version_bump = true;
      out[id] = entry;
    }
    return out;
  }

  async record(id: string): Promise<InstallRecord | null> {
    const text = await readFile(join(this.opts.pluginsDir, id, INSTALL_RECORD), 'utf8').catch(() => null);
    try {
      return text ? (JSON.parse(text) as InstallRecord) : null;
    } catch {
      return null;
    }
  }

  private changedWithoutBump(id: string, info: PluginInfo, record: InstallRecord | null): boolean {
    const entry = this.index?.[id];
    return !!(entry && record && entry.version === info.version && entry.sha1sum.toLowerCase() !== record.sha1sum.toLowerCase());
  }

  isInstalled(id: string): boolean {
    return isSafePluginId(id) && existsSync(join(this.opts.pluginsDir, id, 'plugin-info'));
  }

  /** Checks what can be checked before an operation starts (the REST route answers 400 at once). */
  checkInstall(id: string, mode: 'install' | 'upgrade'): IndexEntry {
    if (!isSafePluginId(id)) throw installErrors.pluginUnknown(`invalid plugin id ${JSON.stringify(id)}`);
    if (this.busy.has(id)) throw installErrors.busy(`an operation on ${id} is already running`);
    const entry = this.index?.[id];
    if (!entry) throw installErrors.pluginUnknown(`plugin ${JSON.stringify(id)} is not in the repository index${this.index ? '' : ' (run update first)'}`);
    if (mode === 'install' && this.isInstalled(id)) throw installErrors.pluginInstalled(`plugin ${id} is already installed (use upgrade)`);
    if (mode === 'upgrade' && !this.isInstalled(id)) throw installErrors.pluginNotInstalled(`plugin ${id} is not installed`);
    return entry;
  }

  async install(id: string, op?: Operation): Promise<void> {
    return this.installOrUpgrade(id, 'install', op);
  }

  async upgrade(id: string, op?: Operation): Promise<void> {
    return this.installOrUpgrade(id, 'upgrade', op);
  }

  private async installOrUpgrade(id: string, mode: 'install' | 'upgrade', op?: Operation): Promise<void> {
    const entry = this.checkInstall(id, mode);
    this.busy.add(id);
    op?.progress();
    const downloadOp = op?.sub('download');
    const installOp = op?.sub('install');
    try {
      const bundle = await this.fetchBundle(entry, downloadOp);
      installOp?.progress();
      const staging = join(this.opts.pluginsDir, `.staging-${id}-${randomBytes(4).toString('hex')}`);
      try {
        await mkdir(staging);
        await extractTarFile(bundle, staging, this.opts.limits);
        const tops = await readdir(staging);
        if (tops.length !== 1 || tops[0] !== id) throw installErrors.archiveInvalid(`bundle ${entry.filename} must hold one folder named ${id} (found ${tops.join(', ') || 'nothing'})`);
        const fresh = join(staging, id);
        const info = await readPluginInfo(fresh);
        if (info.version !== entry.version) throw installErrors.archiveInvalid(`bundle ${entry.filename} holds version ${info.version}, the index says ${entry.version}`);
        if (mode === 'upgrade') await this.carryOver(join(this.opts.pluginsDir, id), fresh);
        const record: InstallRecord = { version: entry.version, filename: entry.filename, sha1sum: entry.sha1sum, ...(entry.sha256sum ? { sha256sum: entry.sha256sum } : {}), server: this.opts.server() ?? '', installedAt: new Date().toISOString() };
        await writeFile(join(fresh, INSTALL_RECORD), `${JSON.stringify(record, null, 2)}\n`);
        await this.swapIn(id, fresh);
      } finally {
        await rm(staging, { recursive: true, force: true });
        if (!this.opts.cachePlugins()) await rm(bundle, { force: true });
      }
      installOp?.succeed();
      this.opts.log.info({ plugin: id, version: entry.version, mode }, 'plugin installed');
    } finally {
      this.busy.delete(id);
    }
  }

  /** The bundle in the cache: reused when its checksums still match, else downloaded. */
  private async fetchBundle(entry: IndexEntry, op?: Operation): Promise<string> {
    const cached = join(this.opts.cacheDir, entry.filename);
    const expected = { size: entry.dsize, sha1: entry.sha1sum, ...(entry.sha256sum ? { sha256: entry.sha256sum } : {}) };
    if (existsSync(cached)) {
      if (await verifyFile(cached, expected)) {
        op?.progress(entry.dsize, entry.dsize);
        op?.succeed();
        return cached;
      }
      this.opts.log.warn({ file: cached }, 'cached bundle does not match the index: downloading it again');
      await rm(cached, { force: true });
    }
    await mkdir(this.opts.cacheDir, { recursive: true });
    op?.progress(0, entry.dsize);
    await download(repositoryFile(this.requireServer(), entry.filename), cached, {
      ...expected,
      proxies: this.opts.proxies(),
      timeoutMs: this.opts.timeoutMs,
      onProgress: (current) => op?.progress(current, entry.dsize),
    });
    op?.succeed();
    return cached;
  }

  /**
   * Upgrade keeps what the administrator and the package installer put in the old folder:
   * template overrides (var/templates), installed packages (var/installed and the files each
   * one lists, under var/tftpboot) and the firmware cache (var/cache). Nothing else: files the
   * new version dropped do not survive.
   */
  private async carryOver(oldDir: string, fresh: string): Promise<void> {
    for (const sub of ['var/templates', 'var/installed', 'var/cache']) {
      const from = join(oldDir, sub);
      if (existsSync(from)) await cp(from, join(fresh, sub), { recursive: true, force: true, verbatimSymlinks: true });
    }
    const installedDir = join(oldDir, 'var', 'installed');
    if (!existsSync(installedDir)) return;
    for (const pkg of await readdir(installedDir)) {
      const record = await readFile(join(installedDir, pkg), 'utf8').then((t) => JSON.parse(t) as unknown, () => null);
      // the package installer's record ({files: [...]}) or a bare list
      const files = Array.isArray(record) ? record : (record as { files?: unknown } | null)?.files;
      if (!Array.isArray(files)) continue;
      for (const name of files) {
        if (typeof name !== 'string' || name.startsWith('/') || name.split('/').includes('..')) continue;
        const from = join(oldDir, 'var', 'tftpboot', name);
        if (!existsSync(from)) continue;
        await mkdir(dirname(join(fresh, 'var', 'tftpboot', name)), { recursive: true });
        await cp(from, join(fresh, 'var', 'tftpboot', name), { force: true, verbatimSymlinks: true });
      }
    }
  }

  /** Renames the new folder in place and loads it; on a load failure puts the old one back. */
  private async swapIn(id: string, fresh: string): Promise<void> {
    const { pluginsDir, host } = this.opts;
    const target = join(pluginsDir, id);
    const old = join(pluginsDir, `.old-${id}`);
    const hadOld = existsSync(target);
    await rm(old, { recursive: true, force: true });
    if (hadOld) await rename(target, old);
    await rename(fresh, target);
    if (await host.load(id)) {
      await rm(old, { recursive: true, force: true });
      return;
    }
    const error = host.states().find((s) => s.id === id)?.error;
    await rename(target, fresh);
    if (hadOld) {
      await rename(old, target);
      await host.load(id);
    } else await host.unload(id);
    throw installErrors.pluginLoad(`the new version of ${id} does not load (${error?.code ?? 'error'}: ${error?.message ?? 'unknown'})${hadOld ? '; the previous version stays' : ''}`);
  }

  async uninstall(id: string): Promise<void> {
    if (!this.isInstalled(id)) throw installErrors.pluginNotInstalled(`plugin ${JSON.stringify(id)} is not installed`);
    if (this.busy.has(id)) throw installErrors.busy(`an operation on ${id} is already running`);
    this.busy.add(id);
    try {
      await this.opts.beforeRemove?.(id);
      await this.opts.host.unload(id);
      const trash = join(this.opts.pluginsDir, `.trash-${id}-${randomBytes(4).toString('hex')}`);
      await rename(join(this.opts.pluginsDir, id), trash);
      await rm(trash, { recursive: true, force: true });
      this.opts.log.info({ plugin: id }, 'plugin uninstalled');
    } finally {
      this.busy.delete(id);
    }
  }

  /** Deconfigures the plugin's devices, loads its code again and reconfigures them. */
  async reload(id: string): Promise<void> {
    if (!this.isInstalled(id) && !this.opts.host.get(id)) throw installErrors.pluginNotInstalled(`plugin ${JSON.stringify(id)} is not installed`);
    if (this.busy.has(id)) throw installErrors.busy(`an operation on ${id} is already running`);
    this.busy.add(id);
    try {
      await this.opts.beforeRemove?.(id);
      if (!(await this.opts.host.load(id))) {
        const error = this.opts.host.states().find((s) => s.id === id)?.error;
        throw installErrors.pluginLoad(`${id} does not load (${error?.code}: ${error?.message})`);
      }
    } finally {
      this.busy.delete(id);
    }
  }

  private requireServer(): string {
    const server = this.opts.server();
    if (!server) throw installErrors.repository('no plugin_server is configured');
    return server;
  }
}
