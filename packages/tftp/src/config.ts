import { TftpConfigError } from './errors.js';
import { MAX_BLKSIZE, MAX_WINDOWSIZE, MIN_BLKSIZE } from './options.js';
import type { TftpSource } from './source.js';
import type { TransferOutcome } from './transfer.js';

/** What the server tells the resolver about one read request. */
export interface TftpReadRequest {
  /** The filename exactly as sent (UTF-8 when valid, else Latin-1). */
  filename: string;
  mode: 'octet' | 'netascii';
  /** Every option sent, names lower-cased, values as sent (including ones the server ignores). */
  options: Record<string, string>;
  /** Client address; IPv4-mapped IPv6 addresses are given as plain IPv4. */
  address: string;
  port: number;
  family: 'IPv4' | 'IPv6';
}

export type TftpResolver = (request: TftpReadRequest) => TftpSource | Buffer | Promise<TftpSource | Buffer>;

/** One per read request that got an answer (or was dropped as busy). */
export interface TftpTransferRecord {
  client: { address: string; port: number; family: 'IPv4' | 'IPv6' };
  filename: string;
  mode: string;
  options: Record<string, string>;
  /** Set once the request was accepted and options negotiated. */
  negotiated?: { blksize: number; windowsize: number; timeoutMs?: number };
  /** Source size in bytes, when a source was resolved. */
  size?: number;
  bytes: number;
  blocks: number;
  retransmits: number;
  ms: number;
  outcome: TransferOutcome;
  errorCode?: number;
  message?: string;
  error?: unknown;
}

export interface TftpServerOptions {
  /** Address to listen on. Default `::` (IPv6 and IPv4-mapped), falling back to `0.0.0.0` without IPv6. */
  host?: string;
  /** UDP port; 0 picks an ephemeral one. Default 69. */
  port?: number;
  resolve: TftpResolver;
  /** Transfers running at once, all clients together. Default 1000. */
  maxTransfers?: number;
  /** Transfers running at once from one IP address (phones behind NAT share one). Default 64. */
  maxTransfersPerClient?: number;
  /**
   * Transfers from one IP address whose client has not acknowledged anything yet. A flood of
   * spoofed read requests fills only this, never the slots of real transfers. Default 8.
   */
  maxUnconfirmedPerClient?: number;
  /** Retransmissions of a transfer's first packet before it is given up. Default 1. */
  maxRetriesUnconfirmed?: number;
  /**
   * What to do with a request over a limit: `drop` it (the client retransmits
   * its RRQ later, which queues boot storms without failing them) or answer
   * ERROR 0 at once. Default `drop`.
   */
  whenBusy?: 'drop' | 'error';
  /**
   * Consecutive timeouts before a transfer is abandoned. Default 7: with the
   * doubling timer that is about 20 s of patience, and the last gaps exceed
   * the 5 s timer of clients that ignore duplicate blocks instead of
   * re-acknowledging them (atftp), so those get a chance to resend their ACK.
   */
  maxRetries?: number;
  /** Retransmission timeout before any round trip was measured. Default 1000 ms. */
  initialTimeoutMs?: number;
  /** Bounds of the adaptive retransmission timeout. Defaults 100 ms and 8000 ms. */
  minTimeoutMs?: number;
  maxTimeoutMs?: number;
  /** Largest blksize granted, or `auto`: 65464 to loopback, else an unfragmented Ethernet frame (1468 IPv4, 1448 IPv6). */
  maxBlksize?: number | 'auto';
  /** Largest windowsize granted (RFC 7440). Default 64. */
  maxWindowsize?: number;
  /** Caps windowsize × blksize, the unacknowledged bytes a transfer holds. Default 1 MiB. */
  maxWindowBytes?: number;
  /** Time allowed to the resolver before the request fails with ERROR 0. Default 10000 ms. */
  resolveTimeoutMs?: number;
  /** Receive buffer of the listening socket, for bursts of requests. Default 4 MiB (the kernel may cap it). */
  recvBufferSize?: number;
  /**
   * Bytes of DATA packets kept framed for sources that declare their content
   * immutable (`fileSource`'s cached files): a hot file sent to many phones at
   * the same blksize is framed once, not per transfer. Each (file, blksize)
   * reserves its file size plus 4 bytes a block; blksize below 512 is never
   * cached. Default 32 MiB; 0 disables.
   */
  packetCacheBytes?: number;
  /**
   * Answer a datagram from another address or port on a transfer's port with
   * ERROR 5 (RFC 1350 says it "should"). Default false: each transfer socket
   * is `connect()`ed to its client, so the kernel drops everyone else's
   * datagrams before the server sees them (and answers ICMP port unreachable),
   * and every DATA packet costs less CPU (no per-packet address, route
   * lookup cached). true keeps transfer sockets unconnected.
   */
  answerStrangers?: boolean;
  onTransfer?: (record: TftpTransferRecord) => void;
  /** Errors that have nowhere else to go: the listening socket after listen, a throwing onTransfer. */
  onError?: (err: unknown) => void;
}

export type ResolvedTftpServerConfig = Readonly<Required<Omit<TftpServerOptions, 'host' | 'onTransfer' | 'onError'>>> & {
  readonly host: string | undefined;
  readonly onTransfer: ((record: TftpTransferRecord) => void) | undefined;
  readonly onError: ((err: unknown) => void) | undefined;
};

function integer(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max) throw new TftpConfigError(`${name} must be an integer in ${min}-${max}, got ${String(value)}`);
  return v;
}

export function resolveTftpServerConfig(options: TftpServerOptions): ResolvedTftpServerConfig {
  if (typeof options?.resolve !== 'function') throw new TftpConfigError('resolve must be a function');
  if (options.whenBusy !== undefined && options.whenBusy !== 'drop' && options.whenBusy !== 'error') {
    throw new TftpConfigError(`whenBusy must be "drop" or "error", got ${String(options.whenBusy)}`);
  }
  if (options.answerStrangers !== undefined && typeof options.answerStrangers !== 'boolean') {
    throw new TftpConfigError(`answerStrangers must be a boolean, got ${String(options.answerStrangers)}`);
  }
  const minTimeoutMs = integer('minTimeoutMs', options.minTimeoutMs, 100, 1, 600_000);
  const config: ResolvedTftpServerConfig = {
    host: options.host,
    port: integer('port', options.port, 69, 0, 65535),
    resolve: options.resolve,
    maxTransfers: integer('maxTransfers', options.maxTransfers, 1000, 1, 1_000_000),
    maxTransfersPerClient: integer('maxTransfersPerClient', options.maxTransfersPerClient, 64, 1, 1_000_000),
    maxUnconfirmedPerClient: integer('maxUnconfirmedPerClient', options.maxUnconfirmedPerClient, 8, 1, 1_000_000),
    maxRetriesUnconfirmed: integer('maxRetriesUnconfirmed', options.maxRetriesUnconfirmed, 1, 0, 100),
    whenBusy: options.whenBusy ?? 'drop',
    maxRetries: integer('maxRetries', options.maxRetries, 7, 0, 100),
    initialTimeoutMs: integer('initialTimeoutMs', options.initialTimeoutMs, 1000, 1, 600_000),
    minTimeoutMs,
    maxTimeoutMs: integer('maxTimeoutMs', options.maxTimeoutMs, 8000, minTimeoutMs, 600_000),
    maxBlksize: options.maxBlksize === 'auto' || options.maxBlksize === undefined ? 'auto' : integer('maxBlksize', options.maxBlksize, 0, MIN_BLKSIZE, MAX_BLKSIZE),
    maxWindowsize: integer('maxWindowsize', options.maxWindowsize, 64, 1, Math.min(MAX_WINDOWSIZE, 32768)),
    maxWindowBytes: integer('maxWindowBytes', options.maxWindowBytes, 1024 * 1024, MIN_BLKSIZE, 256 * 1024 * 1024),
    resolveTimeoutMs: integer('resolveTimeoutMs', options.resolveTimeoutMs, 10_000, 1, 600_000),
    recvBufferSize: integer('recvBufferSize', options.recvBufferSize, 4 * 1024 * 1024, 0, 1024 * 1024 * 1024),
    packetCacheBytes: integer('packetCacheBytes', options.packetCacheBytes, 32 * 1024 * 1024, 0, 4 * 1024 * 1024 * 1024),
    answerStrangers: options.answerStrangers ?? false,
    onTransfer: options.onTransfer,
    onError: options.onError,
  };
  return Object.freeze(config);
}
