import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

export interface BackgroundProgress {
  pending: number;
  done: number;
  failed: number;
  running: boolean;
}

/**
 * Reconfigures many devices without stalling serving: ids are deduplicated, processed in
 * small batches, and the event loop gets a turn between batches.
 */
export class BackgroundQueue {
  private readonly pending = new Set<string>();
  private running: Promise<void> | null = null;
  private done = 0;
  private failed = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly work: (id: string) => Promise<boolean>,
    private readonly batchSize = 64,
  ) {}

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
    while (this.pending.size) {
      const batch: string[] = [];
      for (const id of this.pending) {
        batch.push(id);
        this.pending.delete(id);
        if (batch.length >= this.batchSize) break;
      }
      const results = await Promise.all(batch.map((id) => this.work(id).catch(() => false)));
      for (const ok of results) {
        if (ok) this.done++;
        else this.failed++;
      }
      await yieldToEventLoop();
    }
    this.running = null;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
