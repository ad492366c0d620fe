import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import {
  loadPlugin,
  sdk,
  type GeneralConfig,
  type PluginInfo,
  type ProvdPlugin,
  type SyncCapability,
} from '@dialtone/plugin-sdk';
import type { GeneratedFiles } from '../files/generated-files.js';

export interface LoadedPlugin {
  readonly id: string;
  readonly dir: string;
  readonly info: PluginInfo;
  readonly plugin: ProvdPlugin;
}

export interface PluginState {
  id: string;
  state: 'loaded' | 'broken';
  version?: string;
  error?: { code: string; message: string };
}

export interface PluginHostOptions {
  /** Installed plugins, `<data>/plugins`. */
  pluginsDir: string;
  /** Plugins shipped with provd (`null`); an installed plugin with the same id wins. */
  builtinDir?: string;
  files: GeneratedFiles;
  log: Logger;
  general: GeneralConfig;
  pluginConfig: Readonly<Record<string, Record<string, unknown>>>;
  baseRawConfig: Readonly<Record<string, unknown>>;
  /** Lent to every plugin as `ctx.sync` (SIP NOTIFY for synchronize). */
  sync?: SyncCapability;
}

export type PluginEvent = { type: 'loaded' | 'unloaded'; id: string };

/**
 * Loads installed plugins from `<data>/plugins/<id>/`, gives each its own context (child
 * logger, file sink, config slice) and keeps the broken ones visible with their error.
 */
export class PluginHost {
  private readonly plugins = new Map<string, LoadedPlugin>();
  private readonly broken = new Map<string, PluginState['error']>();
  private readonly listeners: ((event: PluginEvent) => void)[] = [];
  /** Cached list, rebuilt on load/unload: identification reads it on every request. */
  private loadedList: LoadedPlugin[] = [];

  constructor(private readonly opts: PluginHostOptions) {}

  onChange(listener: (event: PluginEvent) => void): void {
    this.listeners.push(listener);
  }

  get(id: string): LoadedPlugin | undefined {
    return this.plugins.get(id);
  }

  loaded(): readonly LoadedPlugin[] {
    return this.loadedList;
  }

  states(): PluginState[] {
    const states: PluginState[] = [...this.plugins.values()].map((p) => ({ id: p.id, state: 'loaded', version: p.info.version }));
    for (const [id, error] of this.broken) states.push({ id, state: 'broken', error });
    return states.sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Ids of the plugin folders installed on disk. */
  installedIds(): string[] {
    return pluginFolders(this.opts.pluginsDir);
  }

  private dirOf(id: string): string {
    const installed = join(this.opts.pluginsDir, id);
    if (existsSync(join(installed, 'plugin-info')) || !this.opts.builtinDir) return installed;
    const builtin = join(this.opts.builtinDir, id);
    return existsSync(join(builtin, 'plugin-info')) ? builtin : installed;
  }

  async loadAll(): Promise<void> {
    const ids = new Set([...(this.opts.builtinDir ? pluginFolders(this.opts.builtinDir) : []), ...this.installedIds()]);
    for (const id of [...ids].sort()) await this.load(id);
  }

  /** Loads one plugin; a failure is recorded (and logged) and never thrown to the caller. */
  async load(id: string): Promise<boolean> {
    if (this.plugins.has(id)) await this.unload(id);
    const dir = this.dirOf(id);
    const log = this.opts.log.child({ plugin: id });
    try {
      const context = { id, dir, log, files: this.opts.files.sinkFor(id), general: this.opts.general, pluginConfig: this.opts.pluginConfig[id] ?? {}, sdk, ...(this.opts.sync ? { sync: this.opts.sync } : {}) };
      const { info, plugin } = await loadPlugin(dir, context, { baseRawConfig: this.opts.baseRawConfig });
      this.plugins.set(id, { id, dir, info, plugin });
      this.broken.delete(id);
      this.loadedList = [...this.plugins.values()];
      log.info({ version: info.version }, 'plugin loaded');
      for (const l of this.listeners) l({ type: 'loaded', id });
      return true;
    } catch (err) {
      const e = err as Error & { code?: string };
      this.broken.set(id, { code: e.code ?? 'DT_ERR_PLUGIN_LOAD', message: e.message });
      log.error({ err, code: e.code }, 'plugin failed to load');
      return false;
    }
  }

  async unload(id: string, options: { silent?: boolean } = {}): Promise<void> {
    const loaded = this.plugins.get(id);
    this.broken.delete(id);
    if (!loaded) return;
    this.plugins.delete(id);
    this.loadedList = [...this.plugins.values()];
    try {
      await loaded.plugin.close?.();
    } catch (err) {
      this.opts.log.warn({ plugin: id, err }, 'plugin close failed');
    }
    if (!options.silent) for (const l of this.listeners) l({ type: 'unloaded', id });
  }

  /** Unloads everything without notifying listeners (shutting down is not uninstalling). */
  async close(): Promise<void> {
    for (const id of [...this.plugins.keys()]) await this.unload(id, { silent: true });
  }
}

function pluginFolders(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    // dot-folders are the manager's staging, previous-version and trash folders
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && existsSync(join(root, e.name, 'plugin-info')))
    .map((e) => e.name)
    .sort();
}
