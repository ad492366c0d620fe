/**
 * What a resolver hands back: the bytes of one file. `read` returns exactly
 * `length` bytes (fewer only at the end of the file) and may answer
 * synchronously, which keeps cached files off the promise path.
 */
export interface TftpSource {
  readonly size: number;
  read(offset: number, length: number): Buffer | Promise<Buffer>;
  /**
   * The whole file, when it is in memory and never modified afterwards: the
   * server may then frame its DATA packets once and share them between
   * transfers (see `packetCacheBytes`). Leave unset for bytes that may change.
   */
  readonly content?: Buffer;
  /** Called once when the transfer ends, whatever the outcome. */
  close?(): void | Promise<void>;
}

/**
 * A source over bytes already in memory (generated files, cache entries).
 * `immutable`: the caller never modifies `buf` again, so its framed packets
 * may be cached and shared between transfers.
 */
export function bufferSource(buf: Buffer, immutable = false): TftpSource {
  return {
    size: buf.length,
    read: (offset, length) => buf.subarray(offset, offset + length),
    ...(immutable ? { content: buf } : {}),
  };
}

export function isTftpSource(value: unknown): value is TftpSource {
  return typeof value === 'object' && value !== null && typeof (value as TftpSource).read === 'function' && typeof (value as TftpSource).size === 'number';
}
