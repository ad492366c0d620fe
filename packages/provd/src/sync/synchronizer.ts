/**
 * `POST /dev_mgr/synchronize`: asks a configured device's plugin to make the phone fetch its
 * configuration again (the plugin's synchronize, usually a SIP NOTIFY with the family's event).
 */
import type { Device, RawConfig } from '@dialtone/plugin-sdk';
import type { DeviceDoc } from '../documents/index.js';
import { errors } from '../errors.js';
import type { PluginHost } from '../plugins/host.js';
import type { DeviceService, TenantScope } from '../services/index.js';
import type { SyncTransport } from './transport.js';

export interface SynchronizerOptions {
  devices: DeviceService;
  plugins: PluginHost;
  transport: SyncTransport;
  /** The device's flattened raw config (what configure got), or null when its config is gone. */
  rawConfigOf(device: DeviceDoc): Promise<RawConfig | null>;
}

export class Synchronizer {
  constructor(private readonly opts: SynchronizerOptions) {}

  /** The device, as the caller may see it (404 otherwise): checked before the operation starts. */
  async find(scope: TenantScope, id: string): Promise<DeviceDoc> {
    return this.opts.devices.get(scope, id);
  }

  /** Runs the plugin's synchronize; throws a coded error saying why it could not. */
  async synchronize(device: DeviceDoc): Promise<void> {
    if (!device.configured) throw errors.syncUnsupported(`device ${device.id} is not configured`);
    const loaded = device.plugin ? this.opts.plugins.get(device.plugin) : undefined;
    if (!loaded) throw errors.syncUnsupported(`device ${device.id}: plugin ${JSON.stringify(device.plugin ?? null)} is not loaded`);
    const synchronize = loaded.plugin.synchronize;
    if (!synchronize) throw errors.syncUnsupported(`plugin ${device.plugin} cannot synchronize its devices`);
    const raw = await this.opts.rawConfigOf(device);
    if (!raw) throw errors.syncUnsupported(`device ${device.id}: config ${JSON.stringify(device.config ?? null)} does not exist`);
    await this.opts.transport.run(device as Device, raw, async () => {
      await synchronize.call(loaded.plugin, device as Device, raw);
    });
  }
}
