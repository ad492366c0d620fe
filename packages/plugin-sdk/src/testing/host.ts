/**
 * A fake provd host for plugin tests: loads a plugin folder the way provd does, then runs
 * extraction, association and configure on demand and shows the generated files.
 */
import { cloneOrdered } from '@dialtone/jinja';
import type { Device, DeviceInfo, RawConfig } from '../device.js';
import { loadPlugin } from '../load-plugin.js';
import type { PluginEntryKind } from '../loader.js';
import type { PluginInfo } from '../plugin-info.js';
import type { GeneralConfig, ProvdPlugin, SyncCapability } from '../plugin.js';
import type { ProvRequest } from '../requests.js';
import { applyRawConfigDefaults } from '../transforms/raw-defaults.js';
import { createTestContext, type TestContext } from './context.js';

export interface TestHostOptions {
  readonly id?: string;
  readonly general?: GeneralConfig;
  readonly pluginConfig?: Record<string, unknown>;
  readonly sync?: SyncCapability | false;
  /** Given to configureCommon (default: server keys of 10.0.0.1:8667). */
  readonly baseRawConfig?: RawConfig;
}

export interface TestHost extends TestContext {
  readonly info: PluginInfo;
  readonly kind: PluginEntryKind;
  readonly plugin: ProvdPlugin;
  /** Runs the plugin's extractor for the request's kind (null when it has none). */
  extract(req: ProvRequest): Promise<DeviceInfo | null>;
  /** The associator's score (NONE when the plugin has no associator). */
  associate(info: DeviceInfo): Promise<number>;
  /**
   * Configures the device as provd would: the raw config over the base raw config, then provd's
   * defaults (unless `defaults: false`, which passes `raw` as it is). Returns the files written, as text.
   */
  configure(device: Device, raw: RawConfig, options?: { defaults?: boolean }): Promise<Map<string, string>>;
  deconfigure(device: Device): Promise<void>;
  readFile(name: string, encoding?: BufferEncoding): string | null;
  close(): Promise<void>;
}

export const DEFAULT_BASE_RAW_CONFIG: RawConfig = Object.freeze({ ip: '10.0.0.1', http_port: 8667, tftp_port: 69, http_base_url: 'http://10.0.0.1:8667' });

export async function createTestHost(dir: string, options: TestHostOptions = {}): Promise<TestHost> {
  const test = createTestContext({ dir, id: options.id, general: options.general, pluginConfig: options.pluginConfig, sync: options.sync });
  const baseRawConfig = options.baseRawConfig ?? DEFAULT_BASE_RAW_CONFIG;
  const loaded = await loadPlugin(dir, test.ctx, { baseRawConfig });
  const { info, plugin } = loaded;
  return {
    ...test,
    info,
    kind: loaded.kind,
    plugin,
    async extract(req) {
      const extractor = plugin.extractors?.[req.kind] as { extract(r: ProvRequest): Promise<DeviceInfo | null | undefined> } | undefined;
      return (await extractor?.extract(req)) ?? null;
    },
    async associate(info) {
      return plugin.associator ? await plugin.associator.associate(info) : 0;
    },
    async configure(device, raw, configureOptions = {}) {
      const copy = configureOptions.defaults === false ? cloneOrdered(raw) : applyRawConfigDefaults(cloneOrdered({ ...baseRawConfig, ...raw }));
      const before = new Map(test.files.files);
      await plugin.configure?.(device, copy);
      const written = new Map<string, string>();
      for (const [name, content] of test.files.files) if (before.get(name) !== content) written.set(name, content.toString('utf8'));
      return written;
    },
    async deconfigure(device) {
      await plugin.deconfigure?.(device);
    },
    readFile(name, encoding) {
      return test.files.text(name, encoding);
    },
    async close() {
      await plugin.close?.();
    },
  };
}
