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
  private newSlice: NodeJS.Immediate | null = null;

  constructor(
    private readonly work: (id: string, checkpoint: () => Promise<void>) => Promise<boolean>,
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
      const ok = await this.work(next.value, this.checkpoint).catch(() => false);
      if (ok) this.done++;
      else this.failed++;
    }
  }

  /**
   * Waits for the event loop's next turn when the current slice of work is used up. Each waiter
   * wakes in its own callback of the next turn (Node drains promise continuations between two
   * callbacks) and checks the clock again: one shared wake-up would resume every waiter before
   * any of them ran its device, so all would pass the check and run back to back (32 renders in
   * one turn: the stall the slices are meant to prevent). A marker queued before the waiters
   * starts the new slice.
   */
  private async timeSlice(): Promise<void> {
    while (performance.now() - this.sliceStart >= this.sliceMs) {
      this.newSlice ??= setImmediate(() => {
        this.sliceStart = performance.now();
        this.newSlice = null;
      });
      await yieldToEventLoop();
    }
  }

  /**
   * For the work function: waits, when the slice is used up, before a CPU-heavy step of a device
   * already started (rendering), so that work resumed by I/O completions is sliced as well.
   */
  readonly checkpoint = (): Promise<void> => this.timeSlice();
}
