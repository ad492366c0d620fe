import { DeviceSupport, chooseBestPlugin, type DeviceInfo } from '@dialtone/plugin-sdk';
import type { LoadedPlugin } from '../plugins/host.js';

/**
 * Picks the plugin for a device from this request's facts: every associator scores it (a
 * device without a vendor scores UNKNOWN); the SDK's rule picks the winner (at least PROBABLE,
 * ties to the greatest id). Associators that throw are skipped.
 */
export async function associatePlugin(info: DeviceInfo, plugins: readonly LoadedPlugin[]): Promise<string | null> {
  const scores: { id: string; support: number }[] = [];
  for (const p of plugins) {
    const associator = p.plugin.associator;
    if (!associator) continue;
    try {
      scores.push({ id: p.id, support: info.vendor ? await associator.associate(info) : DeviceSupport.UNKNOWN });
    } catch {
      continue;
    }
  }
  return chooseBestPlugin(scores);
}
