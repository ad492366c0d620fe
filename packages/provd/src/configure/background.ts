import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

export interface BackgroundProgress {
  pending: number;
  done: number;
  failed: number;
  running: boolean;
}

export interface BackgroundOptions {
  /** Devices being reconfigured at once (their file writes overlap). */
  concurrency?: number;
  /** Longest stretch of reconfiguration work before serving gets the event loop back. */
  sliceMs?: number;
}

/**
 * Reconfigures many devices without stalling serving: ids are deduplicated and processed by
 * concurrent workers, which hand the event loop back once `sliceMs` of work is used up, so
 * requests wait at most about that long behind a reconfiguration (plus one device per worker
 * that started before the slice ended: with SQLite, a device's part is mostly synchronous).
 */
export class BackgroundQueue {
  private readonly pending = new Set<string>();
  private running: Promise<void> | null = null;
  private done = 0;
  private failed = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly concurrency: number;
  private readonly sliceMs: number;
  private sliceStart = 0;
  private yielding: Promise<void> | null = null;

  constructor(
    private readonly work: (id: string) => Promise<boolean>,
    options: BackgroundOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 64;
    this.sliceMs = options.sliceMs ?? 4;
  }

  add(ids: Iterable<string>): void {
    for (const id of ids) this.pending.add(id);
    if (!this.running && this.pending.size) this.running = this.drain();
  }

  progress(): BackgroundProgress {
    return { pending: this.pending.size, done: this.done, failed: this.failed, running: this.running !== null };
  }

  /** Resolves when nothing is pending. */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async drain(): Promise<void> {
    this.sliceStart = performance.now();
    await Promise.all(Array.from({ length: this.concurrency }, () => this.worker()));
    this.running = null;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private async worker(): Promise<void> {
    for (;;) {
      await this.timeSlice();
      const next = this.pending.values().next();
      if (next.done) return;
      this.pending.delete(next.value);
      const ok = await this.work(next.value).catch(() => false);
      if (ok) this.done++;
      else this.failed++;
    }
  }

  /** Waits for the event loop's next turn when the current slice of work is used up. */
  private async timeSlice(): Promise<void> {
    if (performance.now() - this.sliceStart < this.sliceMs) return;
    this.yielding ??= yieldToEventLoop().then(() => {
      this.sliceStart = performance.now();
      this.yielding = null;
    });
    await this.yielding;
  }
}
