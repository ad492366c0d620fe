/**
 * Whether this node's generated files (and caches) can be trusted to be current. A node holds
 * freshness while it knows it may be behind: its cross-node feed connection was lost, and until
 * it has read back what it missed and re-rendered what that changed. Provisioning requests wait
 * while it is held (at most `maxWaitMs`, then they fail): serving a stale file is worse than
 * answering a moment later.
 */
export class Freshness {
  private readonly holds = new Set<symbol>();
  private waiters: { resolve: () => void; reject: (err: Error) => void; timer: NodeJS.Timeout }[] = [];

  constructor(private readonly maxWaitMs = 10_000) {}

  get fresh(): boolean {
    return this.holds.size === 0;
  }

  /** Marks the node as possibly behind; returns the release. Releasing twice is harmless. */
  hold(): () => void {
    const token = Symbol('hold');
    this.holds.add(token);
    return () => {
      if (!this.holds.delete(token) || this.holds.size) return;
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) {
        clearTimeout(w.timer);
        w.resolve();
      }
    };
  }

  /** Resolves once nothing holds freshness; rejects after maxWaitMs. */
  whenFresh(): Promise<void> {
    if (this.fresh) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new Error(`this node is catching up with changes made on other nodes (waited ${this.maxWaitMs} ms)`));
        }, this.maxWaitMs),
      };
      this.waiters.push(waiter);
    });
  }
}
