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

/** Bytes fetched at once from a source that answers asynchronously (a file on disk). */
const READ_AHEAD = 64 * 1024;

/**
 * Blocks by offset, read ahead in 64 KiB chunks (or a whole window if
 * larger): a lock-step transfer from disk makes one read per 128 blocks of
 * 512 bytes and serves the others without a promise. For a source in memory
 * the chunk is only a view.
 */
export function octetReader(source: TftpSource, blksize: number): BlockReader {
  const size = source.size;
  const lastBlock = Math.floor(size / blksize) + 1;
  let chunkOffset = 0;
  let chunk: Buffer | undefined;
  return {
    lastBlock,
    read(from, count) {
      const to = Math.min(from + count - 1, lastBlock);
      if (to < from) return [];
      const offset = (from - 1) * blksize;
      const length = Math.min(to * blksize, size) - offset;
      const n = to - from + 1;
      if (length === 0) return splitBlocks(Buffer.alloc(0), blksize, n);
      if (chunk !== undefined && offset >= chunkOffset && offset + length <= chunkOffset + chunk.length) {
        return splitBlocks(chunk.subarray(offset - chunkOffset, offset - chunkOffset + length), blksize, n);
      }
      const ahead = Math.min(Math.max(length, READ_AHEAD), size - offset);
      const take = (d: Buffer): Buffer[] => {
        if (d.length !== ahead) throw sourceChanged();
        chunk = d;
        chunkOffset = offset;
        return splitBlocks(d.subarray(0, length), blksize, n);
      };
      const data = source.read(offset, ahead);
      return data instanceof Promise ? data.then(take) : take(data);
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
