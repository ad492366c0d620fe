// A small seeded PRNG (mulberry32) so a fuzz run is reproducible from its seed.
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** Calls one of the weighted alternatives. */
  weighted<T>(alternatives: readonly [number, () => T][]): T {
    const total = alternatives.reduce((n, [w]) => n + w, 0);
    let r = this.next() * total;
    for (const [w, f] of alternatives) {
      r -= w;
      if (r < 0) return f();
    }
    return alternatives[alternatives.length - 1][1]();
  }
}
