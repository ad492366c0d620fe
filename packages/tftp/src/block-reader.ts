import { TftpError, TftpErrorCode } from './errors.js';
import { toNetascii } from './netascii.js';
import type { TftpSource } from './source.js';

/**
 * Cuts a source into numbered blocks (1-based, unbounded: the wire number is
 * the index modulo 65536). The final block is shorter than blksize, so a
 * file of an exact multiple of blksize (or of zero bytes) ends with an empty one.
 */
export interface BlockReader {
  /** Index of the final block once known (from the start in octet mode). */
  readonly lastBlock: number | undefined;
  /** Blocks `from`…`from+count-1`, fewer at the end. Netascii readers only go forward. */
  read(from: number, count: number): Buffer[] | Promise<Buffer[]>;
}

function sourceChanged(): TftpError {
  return new TftpError(TftpErrorCode.NotDefined, 'file changed during transfer');
}

function splitBlocks(data: Buffer, blksize: number, count: number): Buffer[] {
  const blocks: Buffer[] = [];
  for (let i = 0; i < count; i++) blocks.push(data.subarray(i * blksize, Math.min((i + 1) * blksize, data.length)));
  return blocks;
}

export function octetReader(source: TftpSource, blksize: number): BlockReader {
  const size = source.size;
  const lastBlock = Math.floor(size / blksize) + 1;
  return {
    lastBlock,
    read(from, count) {
      const to = Math.min(from + count - 1, lastBlock);
      if (to < from) return [];
      const offset = (from - 1) * blksize;
      const length = Math.min(to * blksize, size) - offset;
      const n = to - from + 1;
      if (length === 0) return splitBlocks(Buffer.alloc(0), blksize, n);
      const data = source.read(offset, length);
      if (data instanceof Promise) {
        return data.then((d) => {
          if (d.length !== length) throw sourceChanged();
          return splitBlocks(d, blksize, n);
        });
      }
      if (data.length !== length) throw sourceChanged();
      return splitBlocks(data, blksize, n);
    },
  };
}

/** Converts on the fly, so the wire size is unknown until the end (no tsize in netascii). */
export function netasciiReader(source: TftpSource, blksize: number): BlockReader {
  let sourceOffset = 0;
  let pending: Buffer = Buffer.alloc(0);
  let produced = 0;
  let lastBlock: number | undefined;
  return {
    get lastBlock() {
      return lastBlock;
    },
    async read(from, count) {
      if (from !== produced + 1) throw new Error(`netascii reader asked for block ${from} after ${produced}`);
      const want = count * blksize;
      while (pending.length < want && sourceOffset < source.size) {
        const length = Math.min(Math.max(want - pending.length, 8192), source.size - sourceOffset);
        const chunk = await source.read(sourceOffset, length);
        if (chunk.length !== length) throw sourceChanged();
        sourceOffset += length;
        pending = pending.length === 0 ? toNetascii(chunk) : Buffer.concat([pending, toNetascii(chunk)]);
      }
      const blocks: Buffer[] = [];
      while (blocks.length < count && lastBlock === undefined) {
        const block = pending.subarray(0, blksize);
        pending = pending.subarray(block.length);
        blocks.push(block);
        produced++;
        if (block.length < blksize) lastBlock = produced;
      }
      return blocks;
    },
  };
}
