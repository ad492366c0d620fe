import { encodeDataRun } from './packet.js';

/** Below this blksize a file is too many tiny packets to keep framed (one Buffer object each). */
export const MIN_CACHED_BLKSIZE = 512;

/**
 * The DATA packets of one immutable content at one blksize, framed on first
 * use and then shared by every transfer of it: sending a block is handing
 * the socket a ready buffer, with no copy and no allocation.
 */
export class FramedContent {
  readonly lastBlock: number;
  /** Bytes held once every packet is framed (content and headers). */
  readonly bytes: number;
  /** Transfers using it; only unused entries are evicted. */
  refs = 0;
  private readonly packets: Array<Buffer | undefined>;

  constructor(
    private readonly content: Buffer,
    private readonly blksize: number,
  ) {
    this.lastBlock = Math.floor(content.length / blksize) + 1;
    this.bytes = content.length + 4 * this.lastBlock;
    this.packets = new Array<Buffer | undefined>(this.lastBlock).fill(undefined);
  }

  /** Appends the packets of blocks `from`…`from+count-1` (fewer at the end) to `out`. */
  take(from: number, count: number, out: Buffer[]): void {
    const to = Math.min(from + count - 1, this.lastBlock);
    for (let index = from; index <= to; index++) {
      let packet = this.packets[index - 1];
      if (packet === undefined) {
        this.frame(index, to);
        packet = this.packets[index - 1] as Buffer;
      }
      out.push(packet);
    }
  }

  /** Frames the run of unframed blocks starting at `from`, up to `to`, in one allocation. */
  private frame(from: number, to: number): void {
    const blocks: Buffer[] = [];
    for (let index = from; index <= to && this.packets[index - 1] === undefined; index++) {
      const start = (index - 1) * this.blksize;
      blocks.push(this.content.subarray(start, Math.min(start + this.blksize, this.content.length)));
    }
    const packets = encodeDataRun(from, blocks);
    for (let i = 0; i < packets.length; i++) this.packets[from - 1 + i] = packets[i];
  }
}

export interface PacketCacheStats {
  entries: number;
  /** Bytes reserved by the entries (each counted as if fully framed). */
  bytes: number;
}

/**
 * Framed contents by (content buffer, blksize), least recently used evicted
 * first, bounded by `maxBytes` (an entry reserves its fully framed size).
 * Only unused entries are evicted; when the budget is taken by entries in
 * use, `acquire` returns undefined and the transfer frames its own windows.
 */
export class PacketCache {
  private readonly entries = new Map<Buffer, Map<number, FramedContent>>();
  /** Every entry, least recently acquired first. */
  private readonly lru = new Map<FramedContent, Buffer>();
  private used = 0;

  constructor(readonly maxBytes: number) {}

  acquire(content: Buffer, blksize: number): FramedContent | undefined {
    if (blksize < MIN_CACHED_BLKSIZE) return undefined;
    let byBlksize = this.entries.get(content);
    let entry = byBlksize?.get(blksize);
    if (entry === undefined) {
      const bytes = content.length + 4 * (Math.floor(content.length / blksize) + 1);
      if (!this.makeRoom(bytes)) return undefined;
      entry = new FramedContent(content, blksize);
      if (byBlksize === undefined) {
        byBlksize = new Map();
        this.entries.set(content, byBlksize);
      }
      byBlksize.set(blksize, entry);
      this.used += entry.bytes;
    } else {
      this.lru.delete(entry);
    }
    this.lru.set(entry, content);
    entry.refs++;
    return entry;
  }

  release(entry: FramedContent): void {
    if (entry.refs > 0) entry.refs--;
  }

  stats(): PacketCacheStats {
    return { entries: this.lru.size, bytes: this.used };
  }

  private makeRoom(bytes: number): boolean {
    if (bytes > this.maxBytes) return false;
    for (const [entry, content] of this.lru) {
      if (this.used + bytes <= this.maxBytes) break;
      if (entry.refs > 0) continue;
      this.lru.delete(entry);
      const byBlksize = this.entries.get(content);
      for (const [blksize, e] of byBlksize ?? []) {
        if (e === entry) byBlksize!.delete(blksize);
      }
      if (byBlksize?.size === 0) this.entries.delete(content);
      this.used -= entry.bytes;
    }
    return this.used + bytes <= this.maxBytes;
  }
}
