import { isDeepStrictEqual } from 'node:util';
import type { DeviceInfo, ProvRequest } from '@dialtone/plugin-sdk';
import type { Logger } from 'pino';
import type { DeviceDoc } from '../documents/index.js';
import type { PluginHost, LoadedPlugin } from '../plugins/host.js';
import { removeIpFrom, type ConfigService, type DeviceService } from '../services/index.js';
import type { Freshness } from '../files/freshness.js';
import type { Store, TxStore } from '../store/index.js';
import type { ProvisioningCache } from './provisioning-cache.js';
import { CreationLimiter, type CreationLimits, type CreationVerdict } from './creation-limiter.js';
import { extractDeviceInfo } from './extract.js';
import { retrieveDevice, type IdentificationProfile } from './retrieve.js';
import { infoChangesDevice, updateDevice } from './update.js';

export interface IdentifierOptions {
  store: Store;
  devices: DeviceService;
  configs: ConfigService;
  plugins: PluginHost;
  /** The read-through cache (it follows the store's change feed by itself). */
  cache: ProvisioningCache;
  /** Requests wait while this node may be behind other nodes' changes. */
  freshness?: Freshness;
  profile: IdentificationProfile;
  nat: boolean;
  provdTenant: string;
  /** The security log: auto-added devices and sensitive files. */
  security: Logger;
  /**
   * Secure profile: a device's files go only to requests from its address (learned from DHCP,
   * or set over REST); requests from elsewhere are marked `foreignAddress`.
   */
  bindAddress?: boolean;
  /** How fast HTTP/TFTP requests may add devices (DHCP, from the DHCP server, is not limited); null: unlimited. */
  creation?: CreationLimits | null;
}

/** Thrown inside the insert's transaction when the creation rate is exceeded (nothing is written). */
class CreationRefused extends Error {
  constructor(readonly verdict: Exclude<CreationVerdict, 'allowed'>) {
    super(`device creation refused: ${verdict} rate`);
  }
}

/** At most one security log line per limit (source, global) this often: a flood must not flood the log. */
const REFUSAL_LOG_INTERVAL_MS = 1000;

export interface Identification {
  device: DeviceDoc | null;
  info: DeviceInfo;
  plugin: LoadedPlugin | null;
  created: boolean;
  /**
   * The device is known at another address than the request's (secure profile with
   * bindAddress): its files may go only to a request that proves it is the device.
   */
  foreignAddress?: boolean;
}

function basename(req: ProvRequest): string | null {
  if (req.kind === 'dhcp') return null;
  const name = req.kind === 'http' ? req.path : req.filename;
  return name.slice(name.lastIndexOf('/') + 1);
}

/** Line 1's SIP username in the device's config, when the device does not have it as remote state yet. */
function newSipUsername(device: DeviceDoc, config: Record<string, unknown> | null): string | null {
  const lines = (config?.raw_config as { sip_lines?: Record<string, { username?: string }> } | undefined)?.sip_lines;
  const username = lines?.['1']?.username;
  return username && device.remote_state_sip_username !== username ? username : null;
}

/** Whether the request fetches the plugin's remote-state trigger file for this device. */
function isTrigger(device: DeviceDoc, plugin: LoadedPlugin, req: ProvRequest): boolean {
  const name = basename(req);
  const trigger = plugin.plugin.getRemoteStateTriggerFilename;
  return name !== null && trigger !== undefined && trigger.call(plugin.plugin, device) === name;
}

/**
 * A device with a config that has no configure outcome yet: another request (or node) has just
 * added it and its files are being rendered. A request that found it must wait for them, or it
 * would be answered 404 for a file that exists a moment later (phones ask for several files at once).
 */
function isBeingConfigured(device: DeviceDoc): boolean {
  return device.config !== undefined && device.configured !== true && !device.configure_error;
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return value instanceof Promise;
}

/**
 * extract → retrieve → update → route, for HTTP, TFTP and DHCP requests alike.
 * Concurrent first requests from one new phone create one device: the insert happens in a
 * serialized store transaction that looks the device up again first.
 *
 * A request that changes nothing (the usual case: a known phone fetching its files again) is
 * answered from the provisioning cache without touching the store: see provisioning-cache.ts for why
 * that is safe. Everything else takes the full path, whose outcome is remembered when it
 * wrote nothing.
 */
export class Identifier {
  private readonly cache: ProvisioningCache;
  private readonly creation: CreationLimiter | null;
  private readonly refusals = { source: { count: 0, loggedAt: -Infinity }, global: { count: 0, loggedAt: -Infinity } };

  constructor(private readonly opts: IdentifierOptions) {
    this.cache = opts.cache;
    this.creation = opts.creation ? new CreationLimiter(opts.creation) : null;
  }

  async identify(req: ProvRequest): Promise<Identification> {
    return this.identifyNow(req);
  }

  /** Like identify(), but answers synchronously when the request changes nothing (no promise at all). */
  identifyNow(req: ProvRequest): Identification | Promise<Identification> {
    const freshness = this.opts.freshness;
    if (freshness && !freshness.fresh) return freshness.whenFresh().then(() => this.identifyNow(req));
    const plugins = this.opts.plugins.loaded();
    const extracted = extractDeviceInfo(req, plugins);
    if (isPromise(extracted)) return extracted.then((info) => this.identifyWith(req, info, plugins));
    return this.identifyWith(req, extracted, plugins);
  }

  private identifyWith(req: ProvRequest, info: DeviceInfo, plugins: readonly LoadedPlugin[]): Identification | Promise<Identification> {
    const cached = this.cache.device(info);
    const fast = cached ? this.fromCache(cached, info, req) : null;
    if (fast === null) return this.identifyFully(req, info, plugins);
    if (!isPromise(fast)) return fast;
    return fast.then((answer) => answer ?? this.identifyFully(req, info, plugins));
  }

  /**
   * The cached device, when this request would change nothing about it; else null. Synchronous
   * unless the remote state check needs a config that is not cached.
   */
  private fromCache(cached: DeviceDoc, info: DeviceInfo, req: ProvRequest): Identification | null | Promise<Identification | null> {
    // a device without config may get one from autocreate; without plugin, one may associate
    if (this.opts.profile === 'default' && (!cached.config || !cached.plugin || infoChangesDevice(cached, info))) return null;
    // callers and plugins get their own copy
    const device = { ...cached };
    const plugin = device.plugin ? (this.opts.plugins.get(device.plugin) ?? null) : null;
    const ident: Identification = { device, info, plugin, created: false };
    if (this.isForeign(device, info, req)) return { ...ident, foreignAddress: true };
    if (!plugin) return ident;
    const update = this.remoteStateUpdate(device, plugin, req);
    if (isPromise(update)) return update.then((username) => (username === null ? ident : null));
    return update === null ? ident : null;
  }

  /** The full path; its outcome is remembered when nothing was written meanwhile (by it or another request). */
  private async identifyFully(req: ProvRequest, info: DeviceInfo, plugins: readonly LoadedPlugin[]): Promise<Identification> {
    const since = this.cache.devicesGeneration;
    const ident = await this.identifyStored(req, info, plugins);
    if (ident.device && this.cache.devicesGeneration === since) this.cache.rememberDevice(info, { ...ident.device }, since);
    return ident;
  }

  private async identifyStored(req: ProvRequest, info: DeviceInfo, plugins: readonly LoadedPlugin[]): Promise<Identification> {
    const { opts } = this;
    let device = await retrieveDevice(opts.store, info, opts.profile);
    if (!device) {
      if (opts.profile !== 'default') return { device: null, info, plugin: null, created: false };
      const added = await this.addDevice(req, info, plugins);
      if (added === null) return { device: null, info, plugin: null, created: false };
      if (added.created) return { device: added.device, info, plugin: this.pluginOf(added.device), created: true };
      device = added.device;
    }
    // the default profile's update also records the remote state, in the same write; in the
    // secure profile only the DHCP server (trusted) tells provd about a device (its address)
    if (opts.profile === 'default' || req.kind === 'dhcp') device = await this.update(device, info, plugins, req);
    const plugin = this.pluginOf(device);
    if (this.isForeign(device, info, req)) {
      opts.security.warn({ ip: info.ip, device: device.id, deviceIp: device.ip ?? null }, `File of device ${device.id} requested from ${info.ip}, not the device's address`);
      return { device, info, plugin, created: false, foreignAddress: true };
    }
    if (plugin && opts.profile !== 'default') await this.refreshRemoteState(device, plugin, req);
    if (plugin && isBeingConfigured(device)) {
      // A writer in the same commit group as the insert resolves before the insert's record is
      // handed to the feed (within the same turn): let that happen, then wait for its rendering.
      await new Promise((resolve) => setImmediate(resolve));
      await opts.store.changes.settled();
    }
    return { device, info, plugin, created: false };
  }

  private isForeign(device: DeviceDoc, info: DeviceInfo, req: ProvRequest): boolean {
    return this.opts.bindAddress === true && this.opts.profile === 'secure' && req.kind !== 'dhcp' && device.ip !== info.ip;
  }

  private pluginOf(device: DeviceDoc): LoadedPlugin | null {
    return device.plugin ? (this.opts.plugins.get(device.plugin) ?? null) : null;
  }

  /**
   * Adds an unknown device complete, in one write: the request's facts, its plugin, a transient
   * config under the autocreate one, its remote state, and the address taken from others; the
   * lifecycle then configures it. A concurrent request for the same phone that added it first
   * wins: its device is returned instead (`created: false`).
   *
   * From the provisioning ports (not DHCP), a device is added only when a family recognises the
   * request (a plugin is associated, or an identification-only family named the vendor), and
   * within the creation rates; otherwise null (nothing written).
   */
  private async addDevice(req: ProvRequest, info: DeviceInfo, plugins: readonly LoadedPlugin[]): Promise<{ device: DeviceDoc; created: boolean } | null> {
    const { opts } = this;
    // association depends on the request alone: settled before taking the write lock
    const fresh = { added: 'auto', tenant_uuid: opts.provdTenant, configured: false } as Partial<DeviceDoc> as DeviceDoc;
    const complete = await updateDevice(fresh, info, plugins);
    const plugin = this.pluginOf(complete);
    const fromPort = req.kind !== 'dhcp';
    if (fromPort && !plugin && !info.vendor) return null;
    const source = info.ip ?? (req.kind === 'dhcp' ? '' : req.clientIp);
    let added: { device: DeviceDoc; created: boolean };
    try {
      added = await opts.devices.addIdentified(async (tx) => {
        const again = await retrieveDevice(tx, info, opts.profile);
        if (again) return { existing: again };
        // taken only for a device really added: a phone's concurrent first requests cost one token
        const verdict = fromPort && this.creation ? this.creation.take(source) : 'allowed';
        if (verdict !== 'allowed') throw new CreationRefused(verdict);
        return { insert: await this.newDevice(tx, complete, plugin, req, info) };
      });
    } catch (err) {
      if (!(err instanceof CreationRefused)) throw err;
      const refusals = this.refusals[err.verdict];
      refusals.count++;
      const now = performance.now();
      if (now - refusals.loggedAt >= REFUSAL_LOG_INTERVAL_MS) {
        opts.security.warn({ ip: source, mac: info.mac, limit: err.verdict, refused: refusals.count }, `Device creation refused from ${source}: ${err.verdict} rate exceeded`);
        refusals.loggedAt = now;
        refusals.count = 0;
      }
      return null;
    }
    if (added.created) opts.security.info({ ip: info.ip, device: added.device.id }, `New device created automatically from ${info.ip}: ${added.device.id}`);
    return added;
  }

  /** The device to insert for a new phone: its facts, a transient config, its remote state; the address taken from others. */
  private async newDevice(tx: TxStore, complete: DeviceDoc, plugin: LoadedPlugin | null, req: ProvRequest, info: DeviceInfo): Promise<DeviceDoc> {
    const { opts } = this;
    const doc = { ...complete };
    const config = await opts.configs.autocreate(tx);
    if (config) {
      doc.config = config.id;
      const username = plugin && isTrigger(doc, plugin, req) ? newSipUsername(doc, config) : null;
      if (username !== null) doc.remote_state_sip_username = username;
    }
    if (!opts.nat && info.ip) await removeIpFrom(tx, info.ip);
    return doc;
  }

  private async update(device: DeviceDoc, info: DeviceInfo, plugins: readonly LoadedPlugin[], req: ProvRequest): Promise<DeviceDoc> {
    const { opts } = this;
    if (!opts.nat && info.ip) await this.removeIpFromOthers(info.ip, device.id);
    const updated = await updateDevice(device, info, plugins);
    if (!updated.config) {
      const config = await this.autocreate();
      if (config) updated.config = config;
    }
    const plugin = this.pluginOf(updated);
    if (plugin) {
      const update = this.remoteStateUpdate(updated, plugin, req);
      const username = isPromise(update) ? await update : update;
      if (username !== null) updated.remote_state_sip_username = username;
    }
    if (isDeepStrictEqual(updated, device)) return device;
    return opts.devices.saveIdentified(device, updated);
  }

  /** Another device now has this address: the others lose it (reference RemoveOutdatedIp). */
  private async removeIpFromOthers(ip: string, deviceId: string): Promise<void> {
    const atAddress = await this.opts.store.devices.find({ ip }, { fields: ['id'] });
    if (atAddress.every((d) => d.id === deviceId)) return;
    await this.opts.store.transaction((tx) => removeIpFrom(tx, ip, deviceId));
  }

  /** A transient config under the autocreate one, when there is such a config. */
  private async autocreate(): Promise<string | null> {
    // a read first: the usual answer is "none", which needs no write transaction
    if (!(await this.opts.store.configs.findOne({ role: 'autocreate' }))) return null;
    return (await this.opts.configs.autocreate())?.id ?? null;
  }

  /** When the phone fetches its trigger file, remember which SIP account it was given. */
  private async refreshRemoteState(device: DeviceDoc, plugin: LoadedPlugin, req: ProvRequest): Promise<void> {
    const update = this.remoteStateUpdate(device, plugin, req);
    const username = isPromise(update) ? await update : update;
    if (username === null) return;
    await this.opts.devices.setComputed(device.id, { remote_state_sip_username: username });
  }

  /** The SIP username to record as the device's remote state, or null when there is nothing to record. */
  private remoteStateUpdate(device: DeviceDoc, plugin: LoadedPlugin, req: ProvRequest): string | null | Promise<string | null> {
    if (!device.config || !isTrigger(device, plugin, req)) return null;
    const config = this.cache.config(device.config);
    return isPromise(config) ? config.then((c) => newSipUsername(device, c)) : newSipUsername(device, config);
  }
}
