import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { applyRawConfigDefaults, type Device } from '@dialtone/plugin-sdk';
import type { Logger } from 'pino';
import { validateFlattenedRawConfig, type DeviceDoc } from '../documents/index.js';
import type { ProvisioningCache } from '../identify/provisioning-cache.js';
import type { LoadedPlugin, PluginHost } from '../plugins/host.js';
import { batchedReads, flattenRawConfig, idsIn, type ChangeRecord, type Doc, type Store } from '../store/index.js';
import { BackgroundQueue } from './background.js';
import { KeyedSerial } from './keyed-serial.js';
import { OutcomeWriter } from './outcome-writer.js';

export interface ConfiguratorOptions {
  store: Store;
  plugins: PluginHost;
  /** Config documents, read through (the cache follows the change feed itself). */
  cache: ProvisioningCache;
  baseRawConfig: Readonly<Record<string, unknown>>;
  log: Logger;
  /**
   * http_auth_strategy url_key: the provisioning key of a tenant (undefined: none). The
   * device's `http_base_url` gets `/<key>`; a device whose tenant has no key is not configured.
   */
  urlKeyOf?: (tenant: string | undefined) => string | undefined;
  /**
   * http.device_credentials: the device's provisioning credentials when its plugin supports them;
   * given to the templates as `provisioning_username` / `provisioning_password`.
   */
  credentialsOf?: (device: DeviceDoc, plugin: LoadedPlugin) => { username: string; password: string } | undefined;
}

const CONFIGS_PER_LOOKUP = 500;
/** The tag of the change records of outcomes written by configurators. */
export const OUTCOME_TAG = 'configure-outcome';
/** A record naming more devices than this has them reconfigured in the background, in slices. */
const DIRECT_DEVICES = 8;

/** Keys whose change means the device's files must be rendered again (not ip). */
const RECONFIGURE_KEYS = ['plugin', 'config', 'mac', 'uuid', 'vendor', 'model', 'version', 'options'] as const;

function needsReconfiguration(before: DeviceDoc, after: DeviceDoc): boolean {
  return RECONFIGURE_KEYS.some((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** What this node last rendered for a device: the device as it was, and whether it worked. */
interface Rendered {
  device: DeviceDoc;
  ok: boolean;
}

/**
 * The configure lifecycle (reference provd.md §5), driven by the store's change feed: it reacts
 * to committed changes, never to calls from the services. Every node renders the files of every
 * device into its own generated files (render on feed); the node whose write caused a change
 * records the outcome on the device (`configured`, `configure_error`) through the store, so REST
 * shows it, and peers only render. Work on one device is serialized; bulk work runs in the
 * background in slices.
 *
 * What a device's files were rendered from is kept per node (`rendered`), so a change is compared
 * with what this node rendered (old files are removed by the plugin's deconfigure with the old
 * device), whichever node made it.
 */
export class Configurator {
  private readonly serial = new KeyedSerial();
  readonly background: BackgroundQueue;
  private readonly rendered = new Map<string, Rendered>();
  /** Background ids whose outcome this node records (the changes came from it). */
  private readonly recordFor = new Set<string>();
  /** Inheritance reads configs one by one through the cache: a parent shared by many devices is read once. */
  private readonly configSource: { get(id: string): Promise<Doc | null> };
  private readonly unsubscribe: () => void;
  private readonly pluginWork = new Set<Promise<void>>();
  /** Background work reads its devices in batches (one query per event-loop turn). */
  private readonly deviceReader: { get(id: string): Promise<Doc | null> };
  private readonly outcomes: OutcomeWriter;

  constructor(private readonly opts: ConfiguratorOptions) {
    this.configSource = { get: async (id) => opts.cache.config(id) };
    this.deviceReader = batchedReads(opts.store.devices, opts.store.kind);
    this.background = new BackgroundQueue((id, checkpoint) => this.syncById(id, checkpoint));
    this.outcomes = new OutcomeWriter(opts.store, OUTCOME_TAG);
    this.unsubscribe = opts.store.changes.subscribe((record) => this.changed(record));
    opts.plugins.onChange((event) => {
      const work = this.pluginChanged(event.type, event.id).catch((err) => opts.log.error({ err, plugin: event.id }, 'reconfigure after plugin change failed'));
      this.pluginWork.add(work);
      void work.finally(() => this.pluginWork.delete(work));
    });
  }

  /** Resolves when nothing is left to render: plugin (un)loads handled, background queue empty. */
  async idle(): Promise<void> {
    while (this.pluginWork.size) await Promise.all([...this.pluginWork]);
    await this.background.idle();
  }

  /**
   * Renders these devices again in the background and records the outcome (a change that is
   * not on the feed, such as a tenant's new provisioning key, made on this node).
   */
  reconfigureInBackground(ids: Iterable<string>): void {
    this.queue([...ids], true);
  }

  /** Stops reacting to the feed (close). */
  detach(): void {
    this.unsubscribe();
  }

  /** Deconfigures then configures one device now. Throws when it cannot be configured. */
  async reconfigure(device: DeviceDoc): Promise<void> {
    const ok = await this.serial.run(device.id, async () => {
      const current = ((await this.opts.store.devices.get(device.id)) as DeviceDoc | null) ?? device;
      const before = this.rendered.get(device.id);
      if (before?.ok) await this.deconfigure(before.device);
      return this.configure(current, true);
    });
    if (!ok) {
      const fresh = (await this.opts.store.devices.get(device.id)) as DeviceDoc | null;
      throw new Error(fresh?.configure_error ?? 'device could not be configured');
    }
  }

  /** A committed change, from this node or a peer. */
  private changed(record: ChangeRecord): Promise<unknown> | undefined {
    if (record.resync) return this.resync();
    // an outcome recorded by a configurator (here or on a peer): nothing to render
    if (record.tag === OUTCOME_TAG) return undefined;
    const local = record.node === this.opts.store.node;
    const work: Promise<unknown>[] = [];
    const devices = idsIn(record, 'devices');
    if (devices.length > DIRECT_DEVICES) this.queue(devices, local);
    else for (const id of devices) work.push(this.serial.run(id, () => this.sync(id, local)));
    const updated = idsIn(record, 'configs', 'update');
    if (updated.length) work.push(this.devicesUnder(updated).then((ids) => this.queue(ids, local)));
    const deleted = idsIn(record, 'configs', 'delete');
    if (deleted.length) work.push(this.configsDeleted(deleted, local));
    return work.length ? Promise.all(work) : undefined;
  }

  private queue(ids: string[], record: boolean): void {
    if (record) for (const id of ids) this.recordFor.add(id);
    this.background.add(ids);
  }

  /**
   * Brings this node's files for a device in line with the stored device: removed when it was
   * deleted, rendered again when a key that matters differs from what was rendered.
   */
  private async sync(id: string, record: boolean, force = false, checkpoint?: () => Promise<void>): Promise<boolean> {
    const device = (await (force ? this.deviceReader.get(id) : this.opts.store.devices.get(id))) as DeviceDoc | null;
    const before = this.rendered.get(id);
    if (!device) {
      if (before?.ok) await this.deconfigure(before.device);
      this.rendered.delete(id);
      return true;
    }
    const moved = !before || needsReconfiguration(before.device, device);
    if (!force && !moved) return before!.ok;
    // same device keys, same file names: rendering overwrites them, and removing them first
    // would have phones get 404 meanwhile
    if (before?.ok && moved) await this.deconfigure(before.device);
    return this.configure(device, record, checkpoint);
  }

  /** Background: rendered again even when the device itself did not change (its config did). */
  private syncById(id: string, checkpoint: () => Promise<void>): Promise<boolean> {
    const record = this.recordFor.delete(id);
    return this.serial.run(id, () => this.sync(id, record, true, checkpoint));
  }

  private async configsDeleted(configIds: string[], record: boolean): Promise<void> {
    for (const configId of configIds) {
      const orphans = (await this.opts.store.devices.find({ config: configId })) as DeviceDoc[];
      await Promise.all(
        orphans.map((d) =>
          this.serial.run(d.id, async () => {
            const before = this.rendered.get(d.id);
            if (before?.ok) await this.deconfigure(before.device);
            this.rendered.set(d.id, { device: d, ok: false });
            if (record) await this.record(d, false, `config ${JSON.stringify(configId)} was deleted`);
          }),
        ),
      );
      const descendants = await this.opts.store.configs.descendants(configId);
      this.queue(await this.devicesUnder(descendants, false), record);
    }
  }

  /** Records were missed and cannot be read back: every device is checked, the files of the gone ones removed. */
  private async resync(): Promise<void> {
    const stored = new Set((await this.opts.store.devices.find({}, { fields: ['id'] })).map((d) => d.id));
    for (const id of this.rendered.keys()) if (!stored.has(id)) stored.add(id);
    this.background.add(stored);
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

  /** Plugin loads and unloads are this node's own: it records their outcome. */
  private async pluginChanged(type: 'loaded' | 'unloaded', pluginId: string): Promise<void> {
    const devices = (await this.opts.store.devices.find({ plugin: pluginId })) as DeviceDoc[];
    if (type === 'loaded') this.queue(devices.map((d) => d.id), true);
    else
      await Promise.all(
        devices.map((d) =>
          this.serial.run(d.id, async () => {
            this.rendered.set(d.id, { device: d, ok: false });
            await this.record(d, false, `plugin ${pluginId} is not loaded`);
          }),
        ),
      );
  }

  /** Renders the device's files; remembers what from; records the outcome when asked to. */
  private async configure(device: DeviceDoc, record: boolean, checkpoint?: () => Promise<void>): Promise<boolean> {
    const outcome = await this.render(device, checkpoint);
    this.rendered.set(device.id, { device, ok: outcome.ok });
    if (record) await this.record(device, outcome.ok, outcome.error);
    return outcome.ok;
  }

  /** `checkpoint` (background work): waits there, before the CPU-heavy part, when the time slice is used up. */
  private async render(device: DeviceDoc, checkpoint?: () => Promise<void>): Promise<{ ok: boolean; error: string | null }> {
    const { plugins, baseRawConfig } = this.opts;
    if (!device.plugin) return { ok: false, error: null };
    const plugin = plugins.get(device.plugin);
    if (!plugin) return { ok: false, error: `plugin ${device.plugin} is not loaded` };
    if (!device.config) return { ok: false, error: null };
    const raw = await flattenRawConfig(this.configSource, device.config, baseRawConfig);
    if (!raw) return { ok: false, error: `config ${JSON.stringify(device.config)} does not exist` };
    if (this.opts.urlKeyOf) {
      const key = this.opts.urlKeyOf(device.tenant_uuid);
      if (key === undefined) return { ok: false, error: `url_key: tenant ${JSON.stringify(device.tenant_uuid)} has no provisioning key` };
      if (typeof raw.http_base_url === 'string') raw.http_base_url = `${raw.http_base_url.replace(/\/$/, '')}/${key}`;
    }
    const problems = validateFlattenedRawConfig(raw);
    if (problems.length) return { ok: false, error: `invalid raw config: ${problems.join('; ')}` };
    await checkpoint?.();
    try {
      const rendered = applyRawConfigDefaults(raw);
      const credentials = this.opts.credentialsOf?.(device, plugin);
      if (credentials) Object.assign(rendered, { provisioning_username: credentials.username, provisioning_password: credentials.password });
      await plugin.plugin.configure?.(device as Device, rendered);
      return { ok: true, error: null };
    } catch (err) {
      this.opts.log.warn({ err, device: device.id, plugin: device.plugin }, 'configure failed');
      return { ok: false, error: `${device.plugin}: ${(err as Error).message}` };
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

  /**
   * Writes the outcome on the device through the store, when it differs from what `device` (read
   * in this device's serial section, so current) says. The write is a change like any other:
   * every node hears of it, and finds nothing to render.
   */
  private async record(device: DeviceDoc, configured: boolean, error: string | null): Promise<void> {
    if (device.configured === configured && (device.configure_error ?? null) === error) return;
    await this.outcomes.write({ id: device.id, configured, error });
  }
}
