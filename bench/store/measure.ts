/** Latency sampling and formatting for the store bench. */
import { performance } from 'node:perf_hooks';

export interface Latency {
  p50: number;
  p99: number;
  samples: number;
}

/** Runs `op` `warmup` times unmeasured, then `samples` times one after another. */
export async function latency(samples: number, op: (i: number) => Promise<unknown>, warmup = Math.ceil(samples / 10)): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await op(samples + i);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await op(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { p50: at(0.5), p99: at(0.99), samples };
}

export const ms = (v: number) => (v < 10 ? v.toFixed(3) : v.toFixed(0));
export const show = (l: Latency) => `p50 ${ms(l.p50)} ms, p99 ${ms(l.p99)} ms`;
export const check = (ok: boolean) => (ok ? '✔' : '✖');
