import { TftpError, TftpErrorCode } from './errors.js';

/** RFC 2348 bounds. */
export const MIN_BLKSIZE = 8;
export const MAX_BLKSIZE = 65464;
export const DEFAULT_BLKSIZE = 512;
/** RFC 7440 bounds. */
export const MAX_WINDOWSIZE = 65535;

/** The options this server understands, parsed and range-checked. */
export interface RequestedOptions {
  blksize?: number;
  tsize?: number;
  timeout?: number;
  windowsize?: number;
}

export interface NegotiationLimits {
  /** Largest block this path can carry (see `maxBlksizeFor`). */
  maxBlksize: number;
  maxWindowsize: number;
  /** Caps windowsize × blksize: the bytes one transfer keeps unacknowledged. */
  maxWindowBytes: number;
}

export interface NegotiatedOptions {
  blksize: number;
  windowsize: number;
  /** Retransmission timeout the client asked for (RFC 2349), in ms; undefined = adaptive. */
  timeoutMs: number | undefined;
  /** The OACK to send, in the client's order; empty = no OACK, send data at once. */
  oack: Array<[string, string]>;
}

const known = new Set(['blksize', 'tsize', 'timeout', 'windowsize']);

function refuse(message: string): TftpError {
  return new TftpError(TftpErrorCode.OptionRefused, message);
}

function parseCount(name: string, value: string): number {
  if (!/^\d{1,10}$/.test(value)) throw refuse(`${name} must be a decimal number, got "${value.slice(0, 32)}"`);
  return Number(value);
}

/**
 * Reads the options of an RRQ. Unknown options are ignored (RFC 2347); a known
 * option sent twice or with a value no server could accept is refused with
 * ERROR 8 rather than silently dropped, so a broken client learns why.
 */
export function readRequestedOptions(options: ReadonlyArray<[string, string]>): RequestedOptions {
  const out: RequestedOptions = {};
  const seen = new Set<string>();
  for (const [name, value] of options) {
    if (!known.has(name)) continue;
    if (seen.has(name)) throw refuse(`option ${name} sent twice`);
    seen.add(name);
    const n = parseCount(name, value);
    switch (name) {
      case 'blksize':
        if (n < MIN_BLKSIZE) throw refuse(`blksize ${n} is below ${MIN_BLKSIZE}`);
        out.blksize = Math.min(n, MAX_BLKSIZE);
        break;
      case 'tsize':
        out.tsize = n;
        break;
      case 'timeout':
        if (n < 1 || n > 255) throw refuse(`timeout ${n} is outside 1-255 seconds`);
        out.timeout = n;
        break;
      case 'windowsize':
        if (n < 1 || n > MAX_WINDOWSIZE) throw refuse(`windowsize ${n} is outside 1-${MAX_WINDOWSIZE}`);
        out.windowsize = n;
        break;
    }
  }
  return out;
}

/**
 * Decides the transfer parameters and the OACK. `size` is the exact number of
 * bytes that will be sent, or undefined when unknown (netascii), in which
 * case tsize is left out of the OACK.
 */
export function negotiate(
  sentOrder: ReadonlyArray<[string, string]>,
  requested: RequestedOptions,
  limits: NegotiationLimits,
  size: number | undefined,
): NegotiatedOptions {
  const blksize = requested.blksize === undefined ? DEFAULT_BLKSIZE : Math.min(requested.blksize, limits.maxBlksize);
  const windowCap = Math.max(1, Math.min(limits.maxWindowsize, Math.floor(limits.maxWindowBytes / blksize)));
  const windowsize = requested.windowsize === undefined ? 1 : Math.min(requested.windowsize, windowCap);
  const oack: Array<[string, string]> = [];
  const added = new Set<string>();
  for (const [name] of sentOrder) {
    if (added.has(name)) continue;
    added.add(name);
    if (name === 'blksize' && requested.blksize !== undefined) oack.push([name, String(blksize)]);
    else if (name === 'windowsize' && requested.windowsize !== undefined) oack.push([name, String(windowsize)]);
    else if (name === 'timeout' && requested.timeout !== undefined) oack.push([name, String(requested.timeout)]);
    // curl treats "tsize 0" in an OACK as an illegal operation, so an empty file gets no tsize.
    else if (name === 'tsize' && requested.tsize !== undefined && size !== undefined && size > 0) oack.push([name, String(size)]);
  }
  return {
    blksize,
    windowsize,
    timeoutMs: requested.timeout === undefined ? undefined : requested.timeout * 1000,
    oack,
  };
}

/**
 * The largest blksize a client's path can carry when the operator did not set
 * one: a loopback peer gets the RFC maximum, anyone else an Ethernet frame
 * (1500 bytes minus IP, UDP and TFTP headers) so blocks are never fragmented.
 */
export function maxBlksizeFor(address: string, family: 'IPv4' | 'IPv6'): number {
  if (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.')) return MAX_BLKSIZE;
  return family === 'IPv6' ? 1500 - 40 - 8 - 4 : 1500 - 20 - 8 - 4;
}
