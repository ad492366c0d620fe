/**
 * Wires the plugin manager into provd: its run-time settings (the reference configure
 * parameters plugin_server, http_proxy, https_proxy, ftp_proxy, cache_plugin, locale), the
 * deconfiguration of a plugin's devices before it goes away, and each plugin's package service
 * (the plugin's own, else the pkgs.db installer for plugins that ship `pkgs/pkgs.db`).
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Device, PackageService } from '@dialtone/plugin-sdk';
import type { Logger } from 'pino';
import { createPkgsService } from '../pkgs/service.js';
import type { PluginHost } from './host.js';
import { PluginManager } from './manager.js';

export interface PluginManagerSettings {
  plugin_server: string | null;
  http_proxy: string | null;
  https_proxy: string | null;
  ftp_proxy: string | null;
  cache_plugin: boolean;
  locale: string | null;
}

export interface PluginManagement {
  readonly manager: PluginManager;
  /** Live settings: changing a field takes effect at the next operation. */
  readonly settings: PluginManagerSettings;
  packagesOf(pluginId: string): PackageService | null;
}

export interface PluginManagementOptions {
  dataDir: string;
  host: PluginHost;
  /** `plugins.repository` of the configuration: the initial plugin_server. */
  repository: string | null;
  log: Logger;
  devicesOf(pluginId: string): Promise<Device[]>;
}

/** True for what the manager serves from: a URL, or a folder holding plugins.db. */
export function isPluginRepository(repository: string): boolean {
  if (/^(https?|file):\/\//i.test(repository)) return true;
  return isAbsolute(repository) ? existsSync(join(repository, 'plugins.db')) : existsSync(join(process.cwd(), repository, 'plugins.db'));
}

export function createPluginManagement(options: PluginManagementOptions): PluginManagement {
  const { host, log } = options;
  const repository = options.repository && isPluginRepository(options.repository) ? (/^[a-z]+:\/\//i.test(options.repository) || isAbsolute(options.repository) ? options.repository : join(process.cwd(), options.repository)) : null;
  const settings: PluginManagerSettings = { plugin_server: repository, http_proxy: null, https_proxy: null, ftp_proxy: null, cache_plugin: false, locale: null };
  const proxies = () => ({ http: settings.http_proxy, https: settings.https_proxy, ftp: settings.ftp_proxy });
  const manager = new PluginManager({
    host,
    pluginsDir: join(options.dataDir, 'plugins'),
    cacheDir: join(options.dataDir, 'cache', 'plugins'),
    server: () => settings.plugin_server,
    proxies,
    cachePlugins: () => settings.cache_plugin,
    locale: () => settings.locale,
    log,
    async beforeRemove(id) {
      const plugin = host.get(id)?.plugin;
      if (!plugin?.deconfigure) return;
      for (const device of await options.devicesOf(id)) {
        try {
          await plugin.deconfigure(device);
        } catch (err) {
          log.warn({ err, plugin: id, device: device.id }, 'deconfigure before removal failed');
        }
      }
    },
  });
  const services = new Map<string, { dir: string; service: PackageService }>();
  return {
    manager,
    settings,
    packagesOf(pluginId) {
      const loaded = host.get(pluginId);
      if (!loaded) return null;
      if (loaded.plugin.services?.install) return loaded.plugin.services.install;
      if (!existsSync(join(loaded.dir, 'pkgs', 'pkgs.db'))) return null;
      let entry = services.get(pluginId);
      if (!entry || entry.dir !== loaded.dir) {
        const credentials = async () => {
          // the `auth` downloader: the plugin's own configure service holds the credentials
          const configure = host.get(pluginId)?.plugin.services?.configure;
          const username = configure ? await configure.get('username') : null;
          return username ? { username, password: (await configure!.get('password')) ?? '' } : null;
        };
        entry = { dir: loaded.dir, service: createPkgsService({ pluginDir: loaded.dir, proxies, credentials, locale: () => settings.locale, log: log.child({ plugin: pluginId }) }) };
        services.set(pluginId, entry);
      }
      return entry.service;
    },
  };
}
