import type { DeviceInfo } from '@dialtone/plugin-sdk';
import type { DeviceDoc } from '../documents/index.js';
import type { LoadedPlugin } from '../plugins/host.js';
import { associatePlugin } from './associate.js';

const DYNAMIC_KEYS = ['ip', 'version'] as const;

/**
 * The reference updaters that only touch the device itself: add missing facts (never
 * overwrite), refresh the dynamic ones (ip, version), and associate a plugin when the device
 * has none (sticky: never re-associated). Returns the updated copy.
 */
export async function updateDevice(device: DeviceDoc, info: DeviceInfo, plugins: readonly LoadedPlugin[]): Promise<DeviceDoc> {
  const updated: DeviceDoc = { ...device };
  for (const [key, value] of Object.entries(info)) {
    if (value !== undefined && value !== null && updated[key] === undefined) updated[key] = value;
  }
  for (const key of DYNAMIC_KEYS) {
    if (info[key] !== undefined && info[key] !== null && updated[key] !== info[key]) updated[key] = info[key];
  }
  if (!updated.plugin) {
    const plugin = await associatePlugin(info, plugins);
    if (plugin) updated.plugin = plugin;
  }
  return updated;
}
