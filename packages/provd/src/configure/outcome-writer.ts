import type { DeviceDoc } from '../documents/index.js';
import type { Store } from '../store/index.js';

export interface Outcome {
  id: string;
  configured: boolean;
  error: string | null;
}

interface Pending extends Outcome {
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Writes configure outcomes (`configured`, `configure_error`) on devices. The outcomes asked for
 * during one event-loop turn share one transaction and one change record: under a burst of
 * creates (bench/rest) each device would otherwise cost a transaction of its own for a flag.
 */
export class OutcomeWriter {
  private pending: Pending[] = [];

  constructor(
    private readonly store: Store,
    private readonly tag: string,
  ) {}

  /** Resolves once the outcome is committed (or found already there, or the device gone). */
  write(outcome: Outcome): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.pending.push({ ...outcome, resolve, reject }) === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    const failed = new Map<Pending, unknown>();
    this.store
      .transaction(async (tx) => {
        for (const p of batch) {
          // one statement per device: a device that fails leaves nothing half-written, and fails alone
          try {
            const current = await tx.devices.get(p.id);
            if (!current || (current.configured === p.configured && (current.configure_error ?? null) === p.error)) continue;
            const next: Record<string, unknown> = { ...current, configured: p.configured };
            if (p.error === null) delete next.configure_error;
            else next.configure_error = p.error;
            await tx.devices.update(next as DeviceDoc);
          } catch (err) {
            failed.set(p, err);
          }
        }
      }, { tag: this.tag })
      .then(
        () => batch.forEach((p) => (failed.has(p) ? p.reject(failed.get(p)) : p.resolve())),
        (err: unknown) => batch.forEach((p) => p.reject(err)),
      );
  }
}
