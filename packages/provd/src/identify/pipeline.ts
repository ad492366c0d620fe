import { isDeepStrictEqual } from 'node:util';
import type { DeviceInfo, ProvRequest } from '@dialtone/plugin-sdk';
import type { Logger } from 'pino';
import type { DeviceDoc } from '../documents/index.js';
import type { PluginHost, LoadedPlugin } from '../plugins/host.js';
import type { ConfigService, DeviceService } from '../services/index.js';
import type { Store } from '../store/index.js';
import { extractDeviceInfo } from './extract.js';
import { retrieveDevice, type IdentificationProfile } from './retrieve.js';
import { updateDevice } from './update.js';

export interface IdentifierOptions {
  store: Store;
  devices: DeviceService;
  configs: ConfigService;
  plugins: PluginHost;
  profile: IdentificationProfile;
  nat: boolean;
  provdTenant: string;
  /** The security log: auto-added devices and sensitive files. */
  security: Logger;
}

export interface Identification {
  device: DeviceDoc | null;
  info: DeviceInfo;
  plugin: LoadedPlugin | null;
  created: boolean;
}

function basename(req: ProvRequest): string | null {
  if (req.kind === 'dhcp') return null;
  const name = req.kind === 'http' ? req.path : req.filename;
  return name.slice(name.lastIndexOf('/') + 1);
}

/**
 * extract → retrieve → update → route, for HTTP, TFTP and DHCP requests alike.
 * Concurrent first requests from one new phone create one device: the insert happens in a
 * serialized store transaction that looks the device up again first.
 */
export class Identifier {
  constructor(private readonly opts: IdentifierOptions) {}

  async identify(req: ProvRequest): Promise<Identification> {
    const { opts } = this;
    const plugins = opts.plugins.loaded();
    const info = await extractDeviceInfo(req, plugins);
    let device = await retrieveDevice(opts.store, info, opts.profile);
    let created = false;
    if (!device && opts.profile === 'default') {
      ({ device, created } = await this.addDevice(info));
    }
    if (!device) return { device: null, info, plugin: null, created };
    if (opts.profile === 'default') device = await this.update(device, info, plugins);
    const plugin = device.plugin ? (opts.plugins.get(device.plugin) ?? null) : null;
    if (plugin) await this.refreshRemoteState(device, plugin, req);
    return { device, info, plugin, created };
  }

  private async addDevice(info: DeviceInfo): Promise<{ device: DeviceDoc | null; created: boolean }> {
    const { opts } = this;
    return opts.store.transaction(async (tx) => {
      const again = await retrieveDevice(tx, info, opts.profile);
      if (again) return { device: again, created: false };
      const doc = { ...info, added: 'auto', tenant_uuid: opts.provdTenant, configured: false };
      const id = await tx.devices.insert(doc);
      opts.security.info({ ip: info.ip, device: id }, `New device created automatically from ${info.ip}: ${id}`);
      return { device: { ...doc, id } as DeviceDoc, created: true };
    });
  }

  private async update(device: DeviceDoc, info: DeviceInfo, plugins: readonly LoadedPlugin[]): Promise<DeviceDoc> {
    const { opts } = this;
    if (!opts.nat && info.ip) await opts.devices.removeIpFromOthers(info.ip, device.id);
    const updated = await updateDevice(device, info, plugins);
    if (!updated.config) {
      const config = await opts.configs.autocreate();
      if (config) updated.config = config;
    }
    if (isDeepStrictEqual(updated, device)) return device;
    return opts.devices.saveIdentified(device, updated);
  }

  /** When the phone fetches its trigger file, remember which SIP account it was given. */
  private async refreshRemoteState(device: DeviceDoc, plugin: LoadedPlugin, req: ProvRequest): Promise<void> {
    const name = basename(req);
    const trigger = plugin.plugin.getRemoteStateTriggerFilename;
    if (!name || !trigger || !device.config || trigger.call(plugin.plugin, device) !== name) return;
    const config = await this.opts.store.configs.get(device.config);
    const lines = (config?.raw_config as { sip_lines?: Record<string, { username?: string }> } | undefined)?.sip_lines;
    const username = lines?.['1']?.username;
    if (username && device.remote_state_sip_username !== username) {
      await this.opts.devices.setComputed(device.id, { remote_state_sip_username: username });
    }
  }
}
