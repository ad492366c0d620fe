/**
 * An append-only journal of generated-file writes and removals, replayed at start-up. Records
 * asked for during one event-loop turn reach the file in one `write()`; when the journal has
 * grown past twice what is live, it is rewritten from a snapshot (temp file, fsync, rename).
 *
 * Why not one file per generated file: on the volumes provd runs on, creating and renaming a
 * small file costs the kernel 100–800 µs, more than everything else a phone's first contact
 * costs; an append costs a few µs per record.
 */
import fs, { closeSync, existsSync, ftruncateSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { open as openFile, rename, unlink } from 'node:fs/promises';
import { decodeJournal, encodeRecord, MAGIC, type JournalRecord } from './journal-format.js';

export interface JournalOptions {
  /** Called with each record the file holds, in order, while the journal opens. */
  replay(record: JournalRecord): void;
  /** The live records, for a compaction; called when no append is under way. */
  snapshot(): JournalRecord[];
  /** Encoded size of what is live (see recordSize). */
  liveBytes(): number;
  /** Compaction is considered past this size only. */
  compactAfterBytes?: number;
  /** A torn tail was cut off at start-up. */
  onTruncated?(info: { path: string; validLength: number; fileLength: number }): void;
  /** A compaction failed; the journal goes on growing and tries again later. */
  onCompactionError?(err: Error): void;
}

const DEFAULT_COMPACT_AFTER = 8 * 1024 * 1024;

/** Encoded size of a write record, for liveBytes(). */
export function recordSize(plugin: string, name: string, content: Buffer): number {
  return 21 + Buffer.byteLength(plugin) + Buffer.byteLength(name) + content.length;
}

interface Pending {
  data: Buffer;
  resolve(): void;
  reject(err: Error): void;
}

function writeAll(fd: number, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const from = (offset: number): void =>
      fs.write(fd, data, offset, data.length - offset, null, (err, written) => {
        if (err) return reject(err);
        if (offset + written < data.length) return from(offset + written);
        resolve();
      });
    from(0);
  });
}

export class Journal {
  private fd: number;
  private bytes: number;
  private pending: Pending[] = [];
  private running: Promise<void> | null = null;
  private compactDue = false;
  private closed = false;

  constructor(
    private readonly path: string,
    private readonly opts: JournalOptions,
  ) {
    // an empty file is a journal whose creation was cut short
    if (!existsSync(path) || statSync(path).size === 0) writeFileSync(path, MAGIC);
    const data = readFileSync(path);
    const { records, validLength } = decodeJournal(data);
    this.fd = openSync(path, 'a');
    if (validLength < data.length) {
      ftruncateSync(this.fd, validLength);
      opts.onTruncated?.({ path, validLength, fileLength: data.length });
    }
    records.forEach((record) => opts.replay(record));
    this.bytes = validLength;
  }

  /** Resolves once the record is in the file (not fsynced: a crash loses at most the last turn's records). */
  append(record: JournalRecord): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the generated-files journal is closed'));
    return new Promise((resolve, reject) => {
      this.pending.push({ data: encodeRecord(record), resolve, reject });
      this.running ??= new Promise<void>((started) => setImmediate(started)).then(() => this.drain());
    });
  }

  /** Resolves once every record asked for so far is in the file. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  async close(): Promise<void> {
    await this.settled();
    this.closed = true;
    closeSync(this.fd);
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length) {
        if (this.compactDue) await this.compact();
        await this.writeBatch(this.pending.splice(0));
        // compact on the next round: the writers just resolved update the live set first
        const limit = this.opts.compactAfterBytes ?? DEFAULT_COMPACT_AFTER;
        if (this.bytes > limit && this.bytes > 2 * (MAGIC.length + this.opts.liveBytes())) {
          this.compactDue = true;
          await new Promise<void>((resolve) => setImmediate(resolve));
          if (!this.pending.length) await this.compact();
        }
      }
    } finally {
      this.running = null;
    }
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    const data = batch.length === 1 ? batch[0].data : Buffer.concat(batch.map((p) => p.data));
    try {
      await writeAll(this.fd, data);
      this.bytes += data.length;
      for (const p of batch) p.resolve();
    } catch (err) {
      // a partial record would hide every later one at the next start: cut it off
      try {
        ftruncateSync(this.fd, this.bytes);
      } catch {
        // the next start-up cuts the torn tail instead
      }
      for (const p of batch) p.reject(err as Error);
    }
  }

  private async compact(): Promise<void> {
    this.compactDue = false;
    const data = Buffer.concat([MAGIC, ...this.opts.snapshot().map(encodeRecord)]);
    const tmp = `${this.path}.tmp`;
    try {
      const handle = await openFile(tmp, 'w');
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, this.path);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      this.opts.onCompactionError?.(err as Error);
      return;
    }
    closeSync(this.fd);
    this.fd = openSync(this.path, 'a');
    this.bytes = data.length;
  }
}
