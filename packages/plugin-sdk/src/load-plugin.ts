/**
 * The one plugin loader, used by provd's PluginHost and by the SDK's test host: read and
 * validate plugin-info, check the interface version, import the module (or build the plugin
 * from family.yml), give it its context, check its members against the contract, and run
 * configureCommon. Any failure closes what was opened and throws a coded SdkError.
 */
import type { RawConfig } from './device.js';
import { isSdkError, SdkError, SdkErrorCode } from './errors.js';
import { loadPluginModule, type PluginEntryKind } from './loader.js';
import { checkPluginMembers } from './plugin-members.js';
import { checkIfaceVersion, readPluginInfo, type PluginInfo } from './plugin-info.js';
import { PLUGIN_IFACE_VERSION, type PluginContext, type ProvdPlugin } from './plugin.js';

export interface LoadPluginOptions {
  /** Given (as a copy) to configureCommon once the plugin is built; omitted → not called. */
  readonly baseRawConfig?: Readonly<RawConfig>;
  /** The interface version the host implements (default PLUGIN_IFACE_VERSION). */
  readonly ifaceVersion?: number;
}

export interface LoadedPluginResult {
  readonly info: PluginInfo;
  readonly kind: PluginEntryKind;
  /** The file the plugin came from (entry.* or family.yml). */
  readonly file: string;
  readonly plugin: ProvdPlugin;
}

/**
 * Loads the plugin in `dir` with the given context (its `dir` should be `dir`). Throws
 * DT_ERR_PLUGIN_INFO_MISSING/INVALID, DT_ERR_PLUGIN_IFACE_MISMATCH, DT_ERR_PLUGIN_ENTRY_MISSING/
 * INVALID, the family loader's errors, DT_ERR_PLUGIN_MEMBERS_INVALID, or DT_ERR_PLUGIN_INIT_FAILED
 * (the factory or configureCommon threw; the cause is kept).
 */
export async function loadPlugin(dir: string, context: PluginContext, options: LoadPluginOptions = {}): Promise<LoadedPluginResult> {
  const info = await readPluginInfo(dir);
  checkIfaceVersion(info, options.ifaceVersion ?? PLUGIN_IFACE_VERSION);
  const loaded = await loadPluginModule(dir);
  let plugin: ProvdPlugin;
  try {
    plugin = await loaded.factory(context);
  } catch (err) {
    throw initFailed(context.id, 'the plugin factory', err);
  }
  try {
    checkPluginMembers(plugin, `${context.id} (${loaded.file})`);
  } catch (err) {
    await closeQuietly(plugin);
    throw err;
  }
  if (options.baseRawConfig) {
    try {
      await plugin.configureCommon?.(structuredClone(options.baseRawConfig) as RawConfig);
    } catch (err) {
      await closeQuietly(plugin);
      throw initFailed(context.id, 'configureCommon', err);
    }
  }
  return { info, kind: loaded.kind, file: loaded.file, plugin };
}

function initFailed(id: string, what: string, err: unknown): SdkError {
  const message = err instanceof Error ? err.message : String(err);
  const code = isSdkError(err) ? err.code : undefined;
  return new SdkError(SdkErrorCode.PLUGIN_INIT_FAILED, `${id}: ${what} failed: ${message}`, { plugin: id, ...(code ? { causeCode: code } : {}) }, { cause: err });
}

async function closeQuietly(plugin: unknown): Promise<void> {
  try {
    const close = (plugin as { close?: unknown } | null)?.close;
    if (typeof close === 'function') await (close as () => unknown).call(plugin);
  } catch {
    // the load error is what the caller needs; a failing close adds nothing
  }
}
