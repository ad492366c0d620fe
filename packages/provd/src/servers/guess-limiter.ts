/**
 * Slows down a source that asks for many files nobody has (guessing MAC addresses to collect
 * credentials). Each source has a bucket of `burst` tokens refilled at `perSecond`; a request
 * answered 404 takes a token only if it asks for a path this source has not failed on lately, so
 * a phone retrying the same missing file is never slowed. An empty bucket blocks the source,
 * for 1 s, then twice as long at each new offence (up to `maxBlockMs`); blocked requests get 429.
 */
export interface GuessLimits {
  burst: number;
  perSecond: number;
  maxBlockMs: number;
}

interface SourceState {
  tokens: number;
  refilledAt: number;
  blockedUntil: number;
  blockMs: number;
  recentPaths: Set<string>;
}

const RECENT_PATHS = 32;
const MAX_SOURCES = 100_000;

export class GuessLimiter {
  private readonly sources = new Map<string, SourceState>();

  constructor(private readonly limits: GuessLimits, private readonly now: () => number = () => performance.now()) {}

  /** Milliseconds the source must still wait, or 0 when it may be served. */
  blockedFor(source: string): number {
    const state = this.sources.get(source);
    if (!state) return 0;
    return Math.max(0, state.blockedUntil - this.now());
  }

  /** Records a request answered "not found"; returns true when this blocked the source. */
  recordMiss(source: string, path: string): boolean {
    const now = this.now();
    const state = this.stateOf(source, now);
    if (state.recentPaths.has(path)) return false;
    state.recentPaths.add(path);
    if (state.recentPaths.size > RECENT_PATHS) state.recentPaths.delete(state.recentPaths.values().next().value as string);
    state.tokens = Math.min(this.limits.burst, state.tokens + ((now - state.refilledAt) / 1000) * this.limits.perSecond);
    state.refilledAt = now;
    if (state.tokens >= 1) {
      state.tokens -= 1;
      return false;
    }
    state.blockMs = state.blockedUntil > now - state.blockMs * 2 ? Math.min(this.limits.maxBlockMs, Math.max(1000, state.blockMs * 2)) : 1000;
    state.blockedUntil = now + state.blockMs;
    return true;
  }

  private stateOf(source: string, now: number): SourceState {
    let state = this.sources.get(source);
    if (!state) {
      if (this.sources.size >= MAX_SOURCES) this.forgetIdle(now);
      state = { tokens: this.limits.burst, refilledAt: now, blockedUntil: 0, blockMs: 0, recentPaths: new Set() };
      this.sources.set(source, state);
    }
    return state;
  }

  /** Sources whose bucket is full again and who are not blocked carry no information. */
  private forgetIdle(now: number): void {
    const full = (this.limits.burst / this.limits.perSecond) * 1000;
    for (const [source, state] of this.sources) {
      if (state.blockedUntil < now && now - state.refilledAt > full) this.sources.delete(source);
    }
    if (this.sources.size >= MAX_SOURCES) this.sources.delete(this.sources.keys().next().value as string);
  }
}
