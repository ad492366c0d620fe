/**
 * What a resolver hands back: the bytes of one file. `read` returns exactly
 * `length` bytes (fewer only at the end of the file) and may answer
 * synchronously, which keeps cached files off the promise path.
 */
export interface TftpSource {
  readonly size: number;
  read(offset: number, length: number): Buffer | Promise<Buffer>;
  /** Called once when the transfer ends, whatever the outcome. */
  close?(): void | Promise<void>;
}

/** A source over bytes already in memory (generated files, cache entries). */
export function bufferSource(buf: Buffer): TftpSource {
  return {
    size: buf.length,
    read: (offset, length) => buf.subarray(offset, offset + length),
  };
}

export function isTftpSource(value: unknown): value is TftpSource {
  return typeof value === 'object' && value !== null && typeof (value as TftpSource).read === 'function' && typeof (value as TftpSource).size === 'number';
}
