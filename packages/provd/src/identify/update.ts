import type { DeviceInfo } from '@dialtone/plugin-sdk';
import type { DeviceDoc } from '../documents/index.js';
import type { LoadedPlugin } from '../plugins/host.js';
import { associatePlugin } from './associate.js';

const DYNAMIC_KEYS = ['ip', 'version'] as const;

const known = (value: unknown) => value !== undefined && value !== null;

/**
 * The reference updaters that only touch the device itself: add missing facts (never
 * overwrite), refresh the dynamic ones (ip, version), and associate a plugin when the device
 * has none (sticky: never re-associated). Returns the updated copy.
 */
export async function updateDevice(device: DeviceDoc, info: DeviceInfo, plugins: readonly LoadedPlugin[]): Promise<DeviceDoc> {
  const updated: DeviceDoc = { ...device };
  for (const [key, value] of Object.entries(info)) {
    if (known(value) && updated[key] === undefined) updated[key] = value;
  }
  for (const key of DYNAMIC_KEYS) {
    if (known(info[key]) && updated[key] !== info[key]) updated[key] = info[key];
  }
  if (!updated.plugin) {
    const plugin = await associatePlugin(info, plugins);
    if (plugin) updated.plugin = plugin;
  }
  return updated;
}

/**
 * Whether updateDevice would change anything but the plugin (a device without one always goes
 * through updateDevice): the cheap test the identification fast path makes on every request.
 */
export function infoChangesDevice(device: DeviceDoc, info: DeviceInfo): boolean {
  for (const key in info) {
    if (known(info[key]) && device[key] === undefined) return true;
  }
  for (const key of DYNAMIC_KEYS) {
    if (known(info[key]) && device[key] !== info[key]) return true;
  }
  return false;
}
