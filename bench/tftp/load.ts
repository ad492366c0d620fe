import { performance } from 'node:perf_hooks';
import { tftpGet } from '@dialtone/tftp/testing';

export interface LoadOptions {
  host: string;
  port: number;
  filename: string;
  /** Expected size: a transfer with any other byte count is a failure. */
  size: number;
  /** Clients running at once. */
  concurrency: number;
  /** Transfers in all (the load is bounded by count, not time). */
  total: number;
  blksize?: number;
  windowsize?: number;
  /** Client retransmission timer; a client that hears nothing `retries` times in a row fails. */
  retransmitMs: number;
  retries: number;
}

export interface LoadResult {
  transfers: number;
  failures: number;
  seconds: number;
  bytes: number;
  transfersPerSecond: number;
  megabytesPerSecond: number;
  clientRetransmits: number;
  /** First few failure messages, for the report. */
  failureSamples: string[];
}

/**
 * `concurrency` clients, each running transfers back to back (a fresh socket,
 * hence a fresh port, per transfer as a booting phone would) until `total`
 * transfers have started.
 */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  let started = 0;
  let failures = 0;
  let bytes = 0;
  let retransmits = 0;
  const samples: string[] = [];
  const t0 = performance.now();
  async function client(): Promise<void> {
    while (started < o.total) {
      started++;
      try {
        const r = await tftpGet({
          host: o.host,
          port: o.port,
          filename: o.filename,
          ...(o.blksize !== undefined ? { blksize: o.blksize } : {}),
          ...(o.windowsize !== undefined ? { windowsize: o.windowsize } : {}),
          retransmitMs: o.retransmitMs,
          retries: o.retries,
          collect: false,
        });
        retransmits += r.retransmits;
        if (r.bytes !== o.size) throw new Error(`got ${r.bytes} bytes, expected ${o.size}`);
        bytes += r.bytes;
      } catch (err) {
        failures++;
        if (samples.length < 3) samples.push((err as Error).message);
      }
    }
  }
  await Promise.all(Array.from({ length: o.concurrency }, client));
  const seconds = (performance.now() - t0) / 1000;
  const transfers = started - failures;
  return {
    transfers,
    failures,
    seconds,
    bytes,
    transfersPerSecond: transfers / seconds,
    megabytesPerSecond: bytes / 1e6 / seconds,
    clientRetransmits: retransmits,
    failureSamples: samples,
  };
}
