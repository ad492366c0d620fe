// Helpers of the bench scenarios: a bounded parallel loop and bench MAC addresses.
// (REST calls go through @dialtone/provd-client.)

/** Runs `task(i)` for i in [0, count) with at most `concurrency` at a time. */
export async function parallel(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** A MAC for bench phone `i` under a two-byte prefix, as 12 hex digits. */
export function macHex(prefix: number, i: number): string {
  return (prefix * 2 ** 32 + i).toString(16).padStart(12, '0');
}

export function withColons(hex: string): string {
  return hex.match(/../g)!.join(':');
}
