/**
 * Operations in progress, by REST path: `start()` runs the work and numbers it under its path
 * (1, 2, … per path, as the reference), the route answers 201 with a path-only Location,
 * `GET <path>/<n>` gives the status string and `DELETE` frees it. Finished operations are
 * also dropped `ttlMs` after they finish, so a client that never deletes leaks nothing.
 */
import { Operation } from './operation.js';

export interface OperationRegistryOptions {
  /** How long a finished operation stays readable (default 10 minutes). */
  ttlMs?: number;
  /** Operations kept at most (finished ones are dropped first; default 1000). */
  maxOperations?: number;
}

export interface StartedOperation {
  readonly id: number;
  /** `<path>/<id>`, path only: what the Location header carries. */
  readonly location: string;
  readonly operation: Operation;
  /** Settles when the work is done (never rejects: a failure is in operation.state). */
  readonly done: Promise<void>;
}

interface Entry {
  operation: Operation;
  finishedAt: number | null;
}

export class OperationRegistry {
  private readonly byPath = new Map<string, { next: number; entries: Map<number, Entry> }>();
  private readonly ttlMs: number;
  private readonly maxOperations: number;
  private count = 0;

  constructor(options: OperationRegistryOptions = {}) {
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.maxOperations = options.maxOperations ?? 1000;
  }

  /**
   * Registers an operation under `path` and runs `work` with it. The operation is marked
   * success when work resolves and fail (with the error's code) when it throws.
   */
  start(path: string, operation: Operation, work: (op: Operation) => Promise<void>): StartedOperation {
    this.expire(true);
    let slot = this.byPath.get(path);
    if (!slot) this.byPath.set(path, (slot = { next: 1, entries: new Map() }));
    const id = slot.next++;
    const entry: Entry = { operation, finishedAt: null };
    slot.entries.set(id, entry);
    this.count++;
    const done = (async () => {
      try {
        if (operation.state === 'waiting') operation.progress();
        await work(operation);
        if (!operation.finished) operation.succeed();
      } catch (err) {
        operation.fail(err);
      } finally {
        entry.finishedAt = Date.now();
      }
    })();
    return { id, location: `${path.replace(/\/$/, '')}/${id}`, operation, done };
  }

  get(path: string, id: number): Operation | undefined {
    this.expire();
    return this.byPath.get(path)?.entries.get(id)?.operation;
  }

  /** Frees the operation (the work, if still running, goes on); false when unknown. */
  delete(path: string, id: number): boolean {
    const slot = this.byPath.get(path);
    if (!slot?.entries.delete(id)) return false;
    this.count--;
    return true;
  }

  /** Every operation kept, oldest first: those running and those finished less than ttlMs ago. */
  list(): { location: string; operation: Operation; finished: boolean }[] {
    this.expire();
    const out: { location: string; operation: Operation; finished: boolean }[] = [];
    for (const [path, slot] of this.byPath) {
      for (const [id, entry] of slot.entries) out.push({ location: `${path.replace(/\/$/, '')}/${id}`, operation: entry.operation, finished: entry.finishedAt !== null });
    }
    return out;
  }

  size(): number {
    return this.count;
  }

  private expire(makeRoom = false): void {
    const now = Date.now();
    const finished: Array<[Map<number, Entry>, number, number]> = [];
    for (const slot of this.byPath.values()) {
      for (const [id, entry] of slot.entries) {
        if (entry.finishedAt === null) continue;
        if (now - entry.finishedAt >= this.ttlMs) {
          slot.entries.delete(id);
          this.count--;
        } else finished.push([slot.entries, id, entry.finishedAt]);
      }
    }
    if (!makeRoom || this.count < this.maxOperations) return;
    finished.sort((a, b) => a[2] - b[2]);
    for (const [entries, id] of finished) {
      if (this.count < this.maxOperations) break;
      entries.delete(id);
      this.count--;
    }
  }
}
