import type { DeviceInfo } from '@dialtone/plugin-sdk';
import type { DeviceDoc } from '../documents/index.js';
import type { Doc, Store } from '../store/index.js';

interface Entry<T> {
  readonly value: T;
  readonly generation: number;
  readonly at: number;
  /** For devices: the request facts besides the key that retrieveDevice looks at. */
  readonly facts?: readonly unknown[];
}

/** Besides the MAC (or, without one, the address), what retrieveDevice looks at. */
const FACT_KEYS = ['sn', 'uuid', 'ip', 'vendor', 'model'] as const;

function keyOf(info: DeviceInfo): string | null {
  if (typeof info.mac === 'string') return info.mac;
  if (info.mac === undefined && typeof info.ip === 'string') return `@${info.ip}`;
  return null;
}

/** Compared with ===: a fact that is not a string never matches, so it is never served from here. */
function sameFacts(facts: readonly unknown[], info: DeviceInfo): boolean {
  for (let i = 0; i < FACT_KEYS.length; i++) if (facts[i] !== info[FACT_KEYS[i]]) return false;
  return true;
}

/**
 * What identification and configuration reuse between requests and devices: the device a
 * request resolved to, and config documents.
 *
 * Correctness rests on a generation counter: every committed write to devices or configs made
 * by this process bumps it (`changed()`, called by the identifier and the configure lifecycle
 * right after the write), and an entry is used only while the generation it was read at is
 * still current. An entry is only stored when no write happened while it was being read
 * (`since` is the generation taken before the reads), so a read racing a write is never kept.
 *
 * Writes by other processes sharing the database (PostgreSQL with several provd nodes, or a
 * second process on the SQLite file) cannot bump it: entries also expire after `maxAgeMs`,
 * which bounds how long such a change can go unseen by this process.
 */
export class ProvisioningCache {
  private generation = 0;
  private readonly devices = new Map<string, Entry<DeviceDoc>>();
  private readonly configs = new Map<string, Entry<Doc>>();

  constructor(
    readonly maxAgeMs = 1000,
    private readonly maxEntries = 50_000,
  ) {}

  /** The current generation: take it before reading what you mean to remember. */
  get current(): number {
    return this.generation;
  }

  /** Something in devices or configs changed: forget everything. */
  changed(): void {
    this.generation++;
    this.devices.clear();
    this.configs.clear();
  }

  /** The device that requests with these facts resolved to, while nothing changed since. */
  device(info: DeviceInfo): DeviceDoc | undefined {
    const key = keyOf(info);
    if (key === null) return undefined;
    const entry = this.devices.get(key);
    if (!entry || !sameFacts(entry.facts!, info)) return undefined;
    return this.fresh(this.devices, key);
  }

  rememberDevice(info: DeviceInfo, device: DeviceDoc, since: number): void {
    const key = keyOf(info);
    if (key !== null) this.remember(this.devices, key, device, since, FACT_KEYS.map((k) => info[k]));
  }

  /** A config document (shared: never modify it), from the cache or else the store. */
  config(store: Store, id: string): Doc | null | Promise<Doc | null> {
    const cached = this.fresh(this.configs, id);
    if (cached) return cached;
    const since = this.generation;
    return store.configs.get(id).then((config) => {
      if (config) this.remember(this.configs, id, config, since);
      return config;
    });
  }

  private fresh<T>(map: Map<string, Entry<T>>, key: string): T | undefined {
    const entry = map.get(key);
    if (!entry) return undefined;
    if (entry.generation === this.generation && Date.now() - entry.at <= this.maxAgeMs) return entry.value;
    map.delete(key);
    return undefined;
  }

  private remember<T>(map: Map<string, Entry<T>>, key: string, value: T, since: number, facts?: unknown[]): void {
    if (since !== this.generation) return;
    map.delete(key);
    if (map.size >= this.maxEntries) map.delete(map.keys().next().value as string);
    map.set(key, { value, generation: since, at: Date.now(), facts });
  }
}

const caches = new WeakMap<Store, ProvisioningCache>();

/**
 * The cache of one store. Everything in this process that writes to that store through provd's
 * services reaches either the identifier or the configure lifecycle, which both get the store:
 * keyed by it, they share one cache without further wiring.
 */
export function provisioningCacheOf(store: Store): ProvisioningCache {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new ProvisioningCache()));
  return cache;
}
