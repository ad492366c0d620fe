import type { DeviceInfo } from '@dialtone/plugin-sdk';
import type { DeviceDoc } from '../documents/index.js';
import { batchedReads, touches, type Doc, type Store } from '../store/index.js';

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
 * Entries read from the store, valid while their generation is current and they are younger
 * than `maxAgeMs`. `changed()` makes every entry stale; `remember()` ignores an entry read
 * while a change happened (`since` is the generation taken before the read).
 */
class GuardedMap<T> {
  private generation = 0;
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly maxEntries: number,
  ) {}

  get current(): number {
    return this.generation;
  }

  changed(): void {
    this.generation++;
    this.entries.clear();
  }

  entry(key: string): Entry<T> | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.generation === this.generation && Date.now() - entry.at <= this.maxAgeMs) return entry;
    this.entries.delete(key);
    return undefined;
  }

  remember(key: string, value: T, since: number, facts?: unknown[]): void {
    if (since !== this.generation) return;
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, generation: since, at: Date.now(), facts });
  }
}

/**
 * What identification and configuration reuse between requests and devices: the device a
 * request resolved to, and config documents. A read-through layer over the store that keeps
 * itself correct from the change feed; nothing else clears it.
 *
 * Correctness rests on generation counters, one for devices and one for configs: every change
 * record that touches devices (configs) bumps that generation, on this node and, through the
 * cross-node feed, on every node sharing the database. Records are handed to the cache right
 * after their commit, before the writer's own code resumes. An entry is used only while the
 * generation it was read at is still current, and is only stored when no change arrived while
 * it was being read, so a read racing a write is never kept.
 *
 * Entries also expire after `maxAgeMs`: a bound on staleness should a record ever be missed (a
 * second process writing the same SQLite file has no cross-process feed).
 */
export class ProvisioningCache {
  private readonly devices: GuardedMap<DeviceDoc>;
  private readonly configs: GuardedMap<Doc>;
  private readonly unsubscribe: () => void;
  /** Config misses of one event-loop turn are read in one query (a reconfiguration misses many). */
  private readonly configReader: { get(id: string): Promise<Doc | null> };

  constructor(
    store: Pick<Store, 'configs' | 'changes' | 'kind'>,
    readonly maxAgeMs = 5000,
    maxEntries = 10_000,
  ) {
    this.devices = new GuardedMap(maxAgeMs, maxEntries);
    this.configs = new GuardedMap(maxAgeMs, maxEntries);
    this.configReader = batchedReads(store.configs, store.kind);
    this.unsubscribe = store.changes.subscribe((record) => {
      if (touches(record, 'devices')) this.devices.changed();
      // a new config cannot be referred to by anything cached
      if (record.resync || record.changes.some((c) => c.collection === 'configs' && c.kind !== 'insert')) this.configs.changed();
    });
  }

  /** Stops following the feed (the cache then only expires). */
  close(): void {
    this.unsubscribe();
  }

  /** The devices generation: take it before reading what you mean to remember. */
  get devicesGeneration(): number {
    return this.devices.current;
  }

  /** The device that requests with these facts resolved to, while no device changed since. */
  device(info: DeviceInfo): DeviceDoc | undefined {
    const key = keyOf(info);
    if (key === null) return undefined;
    const entry = this.devices.entry(key);
    return entry && sameFacts(entry.facts!, info) ? entry.value : undefined;
  }

  rememberDevice(info: DeviceInfo, device: DeviceDoc, since: number): void {
    const key = keyOf(info);
    if (key !== null) this.devices.remember(key, device, since, FACT_KEYS.map((k) => info[k]));
  }

  /** A config document (shared: never modify it), from the cache or else the store. */
  config(id: string): Doc | null | Promise<Doc | null> {
    const cached = this.configs.entry(id);
    if (cached) return cached.value;
    const since = this.configs.current;
    return this.configReader.get(id).then((config) => {
      if (config) this.configs.remember(id, config, since);
      return config;
    });
  }
}
