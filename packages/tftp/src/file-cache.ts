import { open } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface FileCacheOptions {
  /** Total bytes kept (least recently used files go first). Default 64 MiB. */
  maxBytes?: number;
  /** Larger files are streamed from disk by offset, never cached whole. Default 4 MiB. */
  maxFileBytes?: number;
  /**
   * How long a resolved name (its real path and stat) is trusted before the
   * file system is asked again. A replaced file is noticed within this delay.
   * Default 1000 ms; 0 checks on every request.
   */
  revalidateMs?: number;
}

/** A name already checked and found to be this regular file. */
export interface ResolvedName {
  real: string;
  stats: Stats;
}

export interface FileCacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
}

/** Hot small files shared by every transfer, keyed by real path and checked against the file's identity. */
export interface FileCache {
  readonly maxBytes: number;
  readonly maxFileBytes: number;
  readonly revalidateMs: number;
  /** The content of `path` whose stat was `stats`; read once even under concurrent misses. */
  get(path: string, stats: Stats): Promise<Buffer>;
  /** A resolution remembered by `rememberName`, while still fresh. */
  lookupName(key: string): ResolvedName | undefined;
  rememberName(key: string, resolved: ResolvedName): void;
  clear(): void;
  stats(): FileCacheStats;
}

interface Entry {
  identity: string;
  data: Buffer;
}

function identityOf(st: Stats): string {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}

async function readWhole(path: string): Promise<{ data: Buffer; identity: string }> {
  const handle = await open(path, 'r');
  try {
    const st = await handle.stat();
    const data = Buffer.allocUnsafe(st.size);
    let filled = 0;
    while (filled < st.size) {
      const { bytesRead } = await handle.read(data, filled, st.size - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return { data: filled === st.size ? data : data.subarray(0, filled), identity: filled === st.size ? identityOf(st) : '' };
  } finally {
    await handle.close();
  }
}

export function createFileCache(options: FileCacheOptions = {}): FileCache {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const maxFileBytes = Math.min(options.maxFileBytes ?? 4 * 1024 * 1024, maxBytes);
  const revalidateMs = options.revalidateMs ?? 1000;
  const names = new Map<string, ResolvedName & { until: number }>();
  const maxNames = 10_000;
  const entries = new Map<string, Entry>();
  const loading = new Map<string, Promise<Buffer>>();
  let bytes = 0;
  let hits = 0;
  let misses = 0;

  function remove(path: string): void {
    const old = entries.get(path);
    if (old === undefined) return;
    entries.delete(path);
    bytes -= old.data.length;
  }

  function store(path: string, entry: Entry): void {
    remove(path);
    if (entry.data.length > maxFileBytes) return;
    entries.set(path, entry);
    bytes += entry.data.length;
    for (const [key, e] of entries) {
      if (bytes <= maxBytes) break;
      entries.delete(key);
      bytes -= e.data.length;
    }
  }

  return {
    maxBytes,
    maxFileBytes,
    revalidateMs,
    lookupName(key) {
      const hit = names.get(key);
      if (hit === undefined) return undefined;
      if (hit.until < performance.now()) {
        names.delete(key);
        return undefined;
      }
      return hit;
    },
    rememberName(key, resolved) {
      if (revalidateMs <= 0) return;
      names.delete(key);
      if (names.size >= maxNames) names.delete(names.keys().next().value as string);
      names.set(key, { ...resolved, until: performance.now() + revalidateMs });
    },
    get(path, st) {
      const identity = identityOf(st);
      const hit = entries.get(path);
      if (hit !== undefined && hit.identity === identity) {
        hits++;
        // Re-insert to mark it most recently used.
        entries.delete(path);
        entries.set(path, hit);
        return Promise.resolve(hit.data);
      }
      const key = `${path}\0${identity}`;
      const pending = loading.get(key);
      if (pending !== undefined) {
        hits++;
        return pending;
      }
      misses++;
      const promise = readWhole(path)
        .then(({ data, identity: readIdentity }) => {
          // A file that changed between stat and read is served but not cached.
          if (readIdentity === identity) store(path, { identity, data });
          return data;
        })
        .finally(() => loading.delete(key));
      loading.set(key, promise);
      return promise;
    },
    clear() {
      names.clear();
      entries.clear();
      bytes = 0;
    },
    stats: () => ({ entries: entries.size, bytes, hits, misses }),
  };
}

/** The cache `fileSource` uses unless given another. */
export const defaultFileCache: FileCache = createFileCache();
