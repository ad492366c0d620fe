import type { DeviceInfo } from '@dialtone/plugin-sdk';
import type { DeviceDoc } from '../documents/index.js';
import type { TxStore } from '../store/index.js';

export type IdentificationProfile = 'default' | 'secure';

/**
 * Finds the device a request comes from: by MAC, then serial number, then uuid (not in the
 * secure profile), then IP — the single device at that address whose known MAC, vendor and
 * model do not contradict the request.
 */
export async function retrieveDevice(reader: Pick<TxStore, 'devices'>, info: DeviceInfo, profile: IdentificationProfile): Promise<DeviceDoc | null> {
  const { devices } = reader;
  if (info.mac) {
    const found = await devices.findOne({ mac: info.mac });
    if (found) return found as DeviceDoc;
  }
  if (info.sn) {
    const found = await devices.findOne({ sn: info.sn });
    if (found) return found as DeviceDoc;
  }
  if (profile === 'default' && info.uuid) {
    const found = await devices.findOne({ uuid: info.uuid });
    if (found) return found as DeviceDoc;
  }
  if (info.ip) {
    const candidates = (await devices.find({ ip: info.ip })).filter((d) =>
      (['mac', 'vendor', 'model'] as const).every((key) => d[key] === undefined || info[key] === undefined || d[key] === info[key]),
    );
    if (candidates.length === 1) return candidates[0] as DeviceDoc;
  }
  return null;
}
