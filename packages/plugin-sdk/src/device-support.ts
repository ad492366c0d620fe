/**
 * How well a plugin supports a device, as its associator scores it (reference provd.md §3).
 * The host picks the best plugin scoring at least PROBABLE.
 */
export const DeviceSupport = {
  NONE: 0,
  IMPROBABLE: 100,
  UNKNOWN: 200,
  PROBABLE: 300,
  INCOMPLETE: 400,
  COMPLETE: 500,
  EXACT: 600,
} as const;
export type DeviceSupport = (typeof DeviceSupport)[keyof typeof DeviceSupport];
export type DeviceSupportName = keyof typeof DeviceSupport;

/** The lowest score that lets a plugin be associated with a device. */
export const MIN_ASSOCIATION_SUPPORT: DeviceSupport = DeviceSupport.PROBABLE;

const NAMES = new Map<number, DeviceSupportName>(
  Object.entries(DeviceSupport).map(([name, value]) => [value, name as DeviceSupportName]),
);

export function isDeviceSupportName(name: string): name is DeviceSupportName {
  return Object.hasOwn(DeviceSupport, name);
}

/** `600` → `'EXACT'`; undefined for a number that is not on the scale. */
export function deviceSupportName(value: number): DeviceSupportName | undefined {
  return NAMES.get(value);
}

export interface ScoredPlugin {
  readonly id: string;
  readonly support: number;
}

/**
 * The reference choice: the highest score wins if it reaches PROBABLE; among equal scores the
 * lexicographically greatest plugin id wins (so `…-v86` beats `…-v85`). Null when nobody qualifies.
 */
export function chooseBestPlugin(scores: Iterable<ScoredPlugin>): string | null {
  let best: ScoredPlugin | null = null;
  for (const s of scores) {
    if (!Number.isFinite(s.support) || s.support < MIN_ASSOCIATION_SUPPORT) continue;
    if (best === null || s.support > best.support || (s.support === best.support && s.id > best.id)) best = s;
  }
  return best === null ? null : best.id;
}
