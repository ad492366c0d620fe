/**
 * Reads documents by id, merging the reads asked for within one event-loop turn into one query
 * (`id IN (…)`): bulk work that reads one document per device (a background reconfigure reads
 * each device and its own config) makes one round trip per batch instead of one per document,
 * which is what PostgreSQL's latency makes it worth. On SQLite a read is a local synchronous
 * lookup: `batchedReads(collection, kind)` then reads one by one, as before.
 */
import type { Collection, Doc } from './types.js';

const MAX_BATCH = 500;

interface Waiter {
  resolve(doc: Doc | null): void;
  reject(err: unknown): void;
}

export class BatchedReader {
  private pending = new Map<string, Waiter[]>();
  private scheduled = false;

  constructor(private readonly collection: Pick<Collection, 'find'>) {}

  get(id: string): Promise<Doc | null> {
    return new Promise((resolve, reject) => {
      let waiters = this.pending.get(id);
      if (!waiters) this.pending.set(id, (waiters = []));
      waiters.push({ resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    this.scheduled = false;
    const ids = [...batch.keys()];
    for (let i = 0; i < ids.length; i += MAX_BATCH) {
      const slice = ids.slice(i, i + MAX_BATCH);
      try {
        const found = new Map<string, Doc>();
        for (const doc of await this.collection.find({ id: { $in: slice } })) found.set(doc.id, doc);
        for (const id of slice) for (const w of batch.get(id)!) w.resolve(found.get(id) ?? null);
      } catch (err) {
        for (const id of slice) for (const w of batch.get(id)!) w.reject(err);
      }
    }
  }
}

/** Batched on PostgreSQL; on SQLite, plain `get` (cheaper than an `IN` list for one id). */
export function batchedReads(collection: Pick<Collection, 'find' | 'get'>, kind: 'sqlite' | 'postgres'): { get(id: string): Promise<Doc | null> } {
  return kind === 'postgres' ? new BatchedReader(collection) : { get: (id) => collection.get(id) };
}
