import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { applyRawConfigDefaults, type Device } from '@dialtone/plugin-sdk';
import type { Logger } from 'pino';
import { validateFlattenedRawConfig, type DeviceDoc } from '../documents/index.js';
import type { PluginHost } from '../plugins/host.js';
import type { DeviceService, Lifecycle } from '../services/index.js';
import { provisioningCacheOf, type ProvisioningCache } from '../identify/provisioning-cache.js';
import { flattenRawConfig, type Doc, type Store } from '../store/index.js';
import { BackgroundQueue } from './background.js';
import { KeyedSerial } from './keyed-serial.js';

export interface ConfiguratorOptions {
  store: Store;
  devices: () => DeviceService;
  plugins: PluginHost;
  baseRawConfig: Readonly<Record<string, unknown>>;
  log: Logger;
  /**
   * http_auth_strategy url_key: the provisioning key of a tenant (undefined: none). The
   * device's `http_base_url` gets `/<key>`; a device whose tenant has no key is not configured.
   */
  urlKeyOf?: (tenant: string | undefined) => string | undefined;
}

const CONFIGS_PER_LOOKUP = 500;

/** Keys whose change means the device's files must be rendered again (not ip). */
const RECONFIGURE_KEYS = ['plugin', 'config', 'mac', 'uuid', 'vendor', 'model', 'version', 'options'] as const;

function needsReconfiguration(before: DeviceDoc, after: DeviceDoc): boolean {
  return RECONFIGURE_KEYS.some((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/**
 * The configure lifecycle (reference provd.md §5): what each change does to devices, with the
 * outcome written back on the device (`configured`, `configure_error`) so REST shows it.
 * Work on one device is serialized; bulk work runs in the background in batches.
 */
export class Configurator implements Lifecycle {
  private readonly serial = new KeyedSerial();
  readonly background: BackgroundQueue;
  /** Every lifecycle call follows a committed write: what is cached is stale. */
  private readonly cache: ProvisioningCache;
  /**
   * Inheritance reads configs one by one through the cache rather than with the store's
   * ancestors query: a parent shared by the devices of a reconfiguration is read once.
   */
  private readonly configSource: { get(id: string): Promise<Doc | null> };

  constructor(private readonly opts: ConfiguratorOptions) {
    this.cache = provisioningCacheOf(opts.store);
    this.configSource = { get: async (id) => this.cache.config(opts.store, id) };
    this.background = new BackgroundQueue((id) => this.reconfigureById(id));
    opts.plugins.onChange((event) => {
      void this.pluginChanged(event.type, event.id).catch((err) => opts.log.error({ err, plugin: event.id }, 'reconfigure after plugin change failed'));
    });
  }

  async deviceInserted(device: DeviceDoc): Promise<void> {
    this.cache.devicesChanged();
    // the device as inserted is the device as stored: record() need not read it again
    if (device.plugin && device.config) await this.serial.run(device.id, () => this.configure(device, device));
  }

  async deviceUpdated(before: DeviceDoc, after: DeviceDoc): Promise<void> {
    // transient configs the device no longer uses were deleted with it
    this.cache.devicesChanged();
    this.cache.configsChanged();
    if (!needsReconfiguration(before, after)) return;
    await this.serial.run(after.id, async () => {
      if (before.configured) await this.deconfigure(before);
      await this.configure(after);
    });
  }

  async deviceDeleted(device: DeviceDoc): Promise<void> {
    this.cache.devicesChanged();
    this.cache.configsChanged();
    if (device.configured) await this.serial.run(device.id, () => this.deconfigure(device));
  }

  async configsChanged(configIds: string[]): Promise<void> {
    this.cache.configsChanged();
    this.background.add(await this.devicesUnder(configIds));
  }

  async configDeleted(configId: string, descendantIds: string[]): Promise<void> {
    this.cache.configsChanged();
    const orphans = (await this.opts.store.devices.find({ config: configId })) as DeviceDoc[];
    await Promise.all(
      orphans.map((d) =>
        this.serial.run(d.id, async () => {
          if (d.configured) await this.deconfigure(d);
          await this.record(d, false, `config ${JSON.stringify(configId)} was deleted`);
        }),
      ),
    );
    this.background.add(await this.devicesUnder(descendantIds, false));
  }

  /** Deconfigures then configures one device now. Throws when it cannot be configured. */
  async reconfigure(device: DeviceDoc): Promise<void> {
    const ok = await this.serial.run(device.id, async () => {
      if (device.configured) await this.deconfigure(device);
      return this.configure(device);
    });
    if (!ok) {
      const fresh = (await this.opts.store.devices.get(device.id)) as DeviceDoc | null;
      throw new Error(fresh?.configure_error ?? 'device could not be configured');
    }
  }

  /**
   * The devices using these configs or their descendants. Looked up a slice of configs at a
   * time, handing the event loop back in between: one query for 10,000 configs holds SQLite's
   * synchronous reader, and so serving, for tens of milliseconds.
   */
  private async devicesUnder(configIds: string[], includeSelf = true): Promise<string[]> {
    const all = new Set(includeSelf ? configIds : []);
    for (const id of configIds) for (const d of await this.opts.store.configs.descendants(id)) all.add(d);
    const configs = [...all];
    const devices: string[] = [];
    for (let i = 0; i < configs.length; i += CONFIGS_PER_LOOKUP) {
      if (i > 0) await yieldToEventLoop();
      const found = await this.opts.store.devices.find({ config: { $in: configs.slice(i, i + CONFIGS_PER_LOOKUP) } }, { fields: ['id'] });
      for (const d of found) devices.push(d.id);
    }
    return devices;
  }

  private async pluginChanged(type: 'loaded' | 'unloaded', pluginId: string): Promise<void> {
    const devices = (await this.opts.store.devices.find({ plugin: pluginId })) as DeviceDoc[];
    if (type === 'loaded') this.background.add(devices.map((d) => d.id));
    else await Promise.all(devices.map((d) => this.serial.run(d.id, () => this.record(d, false, `plugin ${pluginId} is not loaded`))));
  }

  private async reconfigureById(id: string): Promise<boolean> {
    return this.serial.run(id, async () => {
      const device = (await this.opts.store.devices.get(id)) as DeviceDoc | null;
      if (!device) return true;
      if (device.configured) await this.deconfigure(device);
      // read inside this device's serial section: only record(), in such a section, changes
      // configured/configure_error, so the record can compare against it without reading again
      return this.configure(device, device);
    });
  }

  /** Renders the device's files; records and returns whether it worked. */
  private async configure(device: DeviceDoc, stored?: DeviceDoc): Promise<boolean> {
    const { plugins, baseRawConfig } = this.opts;
    if (!device.plugin) return this.record(device, false, null, stored);
    const plugin = plugins.get(device.plugin);
    if (!plugin) return this.record(device, false, `plugin ${device.plugin} is not loaded`, stored);
    if (!device.config) return this.record(device, false, null, stored);
    const raw = await flattenRawConfig(this.configSource, device.config, baseRawConfig);
    if (!raw) return this.record(device, false, `config ${JSON.stringify(device.config)} does not exist`, stored);
    if (this.opts.urlKeyOf) {
      const key = this.opts.urlKeyOf(device.tenant_uuid);
      if (key === undefined) return this.record(device, false, `url_key: tenant ${JSON.stringify(device.tenant_uuid)} has no provisioning key`, stored);
      if (typeof raw.http_base_url === 'string') raw.http_base_url = `${raw.http_base_url.replace(/\/$/, '')}/${key}`;
    }
    const problems = validateFlattenedRawConfig(raw);
    if (problems.length) return this.record(device, false, `invalid raw config: ${problems.join('; ')}`, stored);
    try {
      await plugin.plugin.configure?.(device as Device, applyRawConfigDefaults(raw));
      return this.record(device, true, null, stored);
    } catch (err) {
      this.opts.log.warn({ err, device: device.id, plugin: device.plugin }, 'configure failed');
      return this.record(device, false, `${device.plugin}: ${(err as Error).message}`, stored);
    }
  }

  private async deconfigure(device: DeviceDoc): Promise<void> {
    const plugin = device.plugin ? this.opts.plugins.get(device.plugin) : undefined;
    if (!plugin?.plugin.deconfigure) return;
    try {
      await plugin.plugin.deconfigure(device as Device);
    } catch (err) {
      this.opts.log.warn({ err, device: device.id, plugin: device.plugin }, 'deconfigure failed');
    }
  }

  /** `stored`: the device as stored, when the caller read it in this device's serial section. */
  private async record(device: DeviceDoc, configured: boolean, error: string | null, stored?: DeviceDoc): Promise<boolean> {
    const current = stored ?? ((await this.opts.store.devices.get(device.id)) as DeviceDoc | null);
    if (current && (current.configured !== configured || (current.configure_error ?? null) !== error)) {
      try {
        await this.opts.devices().setComputed(device.id, { configured, configure_error: error ?? undefined });
      } finally {
        this.cache.devicesChanged();
      }
    }
    return configured;
  }
}
