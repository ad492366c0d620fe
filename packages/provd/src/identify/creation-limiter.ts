/**
 * Bounds how fast unknown phones are added as devices from the provisioning ports. Each source
 * address has a bucket of `perSourceBurst` tokens refilled at `perSourcePerSecond`, and all
 * sources share one of `burst` tokens refilled at `perSecond`. One token is taken per device
 * actually added (a phone's concurrent first requests add one device, so take one token), and
 * only once both buckets have one: a refused source does not drain the shared bucket.
 */
export interface CreationLimits {
  perSourceBurst: number;
  perSourcePerSecond: number;
  burst: number;
  perSecond: number;
}

export type CreationVerdict = 'allowed' | 'source' | 'global';

class Bucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly size: number,
    private readonly perSecond: number,
    now: number,
  ) {
    this.tokens = size;
    this.refilledAt = now;
  }

  refill(now: number): number {
    this.tokens = Math.min(this.size, this.tokens + ((now - this.refilledAt) / 1000) * this.perSecond);
    this.refilledAt = now;
    return this.tokens;
  }

  take(): void {
    this.tokens -= 1;
  }

  /** Full again: nothing to remember about this source. */
  isFull(now: number): boolean {
    return this.refill(now) >= this.size;
  }
}

const MAX_SOURCES = 100_000;

export class CreationLimiter {
  private readonly global: Bucket;
  private readonly sources = new Map<string, Bucket>();

  constructor(
    private readonly limits: CreationLimits,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.global = new Bucket(limits.burst, limits.perSecond, now());
  }

  /** Takes a token for adding a device for `source`, or says which bucket is empty. */
  take(source: string): CreationVerdict {
    const now = this.now();
    const bucket = this.bucketOf(source, now);
    if (bucket.refill(now) < 1) return 'source';
    if (this.global.refill(now) < 1) return 'global';
    bucket.take();
    this.global.take();
    return 'allowed';
  }

  private bucketOf(source: string, now: number): Bucket {
    let bucket = this.sources.get(source);
    if (!bucket) {
      if (this.sources.size >= MAX_SOURCES) this.forgetFull(now);
      bucket = new Bucket(this.limits.perSourceBurst, this.limits.perSourcePerSecond, now);
      this.sources.set(source, bucket);
    }
    return bucket;
  }

  private forgetFull(now: number): void {
    for (const [source, bucket] of this.sources) if (bucket.isFull(now)) this.sources.delete(source);
    // still full of busy sources: forget the oldest (a spoofer cycling addresses gains one burst)
    if (this.sources.size >= MAX_SOURCES) this.sources.delete(this.sources.keys().next().value as string);
  }
}
