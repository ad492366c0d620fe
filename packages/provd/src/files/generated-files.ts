import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkFileName, type FileSink } from '@dialtone/plugin-sdk';
import { Journal, recordSize } from './journal.js';
import type { JournalRecord } from './journal-format.js';

export interface GeneratedFile {
  readonly content: Buffer;
  readonly etag: string;
  readonly mtime: Date;
}

export interface GeneratedFilesOptions {
  /** Journal size past which a compaction is considered (default 8 MiB). */
  compactAfterBytes?: number;
  /** Problems with nowhere else to go (a torn journal tail cut off, a failed compaction). */
  warn?(message: string, err?: Error): void;
}

function etagOf(content: Buffer): string {
  return `"${createHash('sha1').update(content).digest('base64url').slice(0, 22)}"`;
}

interface PendingRemoval {
  plugin: string;
  name: string;
  /** What the journal holds for the name (null: unknown), so a rewrite of the same bytes can cancel the removal. */
  held: GeneratedFile | null;
}

/**
 * The files plugins generate, per plugin. They are served from memory; the journal under
 * `<root>/journal` makes them survive a restart (see journal.ts for why not a file each).
 * A write resolves once its record is in the journal, and only then shows in memory.
 *
 * A reconfiguration removes a device's files then writes them again, mostly with the same
 * bytes: removals reach the journal at the end of the event-loop turn, and a write of the same
 * bytes before then cancels the removal instead of journaling both.
 */
export class GeneratedFiles {
  private readonly byPlugin = new Map<string, Map<string, GeneratedFile>>();
  private readonly journal: Journal;
  private liveBytes = 0;
  /** Removed from memory, not yet from the journal; keyed by plugin + NUL + name. */
  private readonly pendingRemovals = new Map<string, PendingRemoval>();
  private flushScheduled = false;
  /**
   * Names with journal writes under way: how many, and the sequence number of the latest write
   * or removal of the name, so that a write finishing after a later call leaves memory alone.
   */
  private readonly inFlight = new Map<string, { count: number; latest: number }>();
  private seq = 0;
  /** While a sweep runs: the files written since it began (same bytes count), keyed by plugin + NUL + name. */
  private sweepTouched: Set<string> | null = null;

  constructor(root: string, opts: GeneratedFilesOptions = {}) {
    mkdirSync(root, { recursive: true });
    this.journal = new Journal(join(root, 'journal'), {
      replay: (record) => {
        if (record.op === 'write') this.set(record.plugin, record.name, { content: record.content, etag: etagOf(record.content), mtime: new Date(record.mtime) });
        else this.delete(record.plugin, record.name);
      },
      snapshot: () => this.snapshot(),
      liveBytes: () => this.liveBytes,
      compactAfterBytes: opts.compactAfterBytes,
      onTruncated: ({ path, validLength, fileLength }) =>
        opts.warn?.(`${path}: cut off ${fileLength - validLength} bytes of a torn or corrupt tail (the last writes before a crash)`),
      onCompactionError: (err) => opts.warn?.('compacting the generated-files journal failed; retrying later', err),
    });
  }

  get(pluginId: string, name: string): GeneratedFile | undefined {
    return this.byPlugin.get(pluginId)?.get(name);
  }

  /** The names of a plugin's files, as served now. */
  names(pluginId: string): string[] {
    return [...(this.byPlugin.get(pluginId)?.keys() ?? [])];
  }

  /** Resolves once every write and removal asked for so far is in the journal. */
  async flush(): Promise<void> {
    this.flushRemovals();
    await this.journal.settled();
  }

  async close(): Promise<void> {
    this.flushRemovals();
    await this.journal.close();
  }

  /**
   * Starts a sweep: every file not written (even with the same bytes) between now and
   * `endSweep()` is removed then. At start-up, files journaled before a restart whose device was
   * deleted meanwhile (by another node) are gone once every device has been rendered again.
   */
  beginSweep(): void {
    this.sweepTouched = new Set();
  }

  /** Removes what was not written since beginSweep(); returns how many files. */
  endSweep(): number {
    const touched = this.sweepTouched;
    this.sweepTouched = null;
    if (!touched) return 0;
    let removed = 0;
    for (const [plugin, files] of this.byPlugin) {
      for (const name of [...files.keys()]) {
        if (touched.has(`${plugin}\0${name}`)) continue;
        void this.sinkFor(plugin).remove(name);
        removed++;
      }
    }
    return removed;
  }

  sinkFor(pluginId: string): FileSink {
    const files = () => this.byPlugin.get(pluginId);
    return {
      write: async (name, content) => {
        checkFileName(name);
        const buf = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
        const key = `${pluginId}\0${name}`;
        this.sweepTouched?.add(key);
        // a journaled write supersedes a removal not journaled yet
        const removal = this.pendingRemovals.get(key);
        this.pendingRemovals.delete(key);
        let flight = this.inFlight.get(key);
        if (!flight) {
          // with no write of this name under way, memory is what the journal holds
          const current = removal ? removal.held : (files()?.get(name) ?? null);
          if (current?.content.equals(buf)) return this.set(pluginId, name, current);
          this.inFlight.set(key, (flight = { count: 0, latest: 0 }));
        }
        const seq = ++this.seq;
        flight.count++;
        flight.latest = seq;
        const mtime = Date.now();
        try {
          await this.journal.append({ op: 'write', plugin: pluginId, name, mtime, content: buf });
        } finally {
          if (--flight.count === 0) this.inFlight.delete(key);
        }
        if (flight.latest === seq) this.set(pluginId, name, { content: buf, etag: etagOf(buf), mtime: new Date(mtime) });
      },
      remove: async (name) => {
        checkFileName(name);
        const key = `${pluginId}\0${name}`;
        const flight = this.inFlight.get(key);
        // writes under way must not show once they finish; and the journal will hold what they wrote
        if (flight) flight.latest = ++this.seq;
        const held = flight ? null : (files()?.get(name) ?? null);
        this.delete(pluginId, name);
        if (!this.pendingRemovals.has(key)) this.pendingRemovals.set(key, { plugin: pluginId, name, held });
        if (!this.flushScheduled) {
          this.flushScheduled = true;
          setImmediate(() => this.flushRemovals());
        }
      },
      read: async (name) => {
        checkFileName(name);
        return files()?.get(name)?.content ?? null;
      },
      list: async () => [...(files()?.keys() ?? [])].sort(),
    };
  }

  private set(pluginId: string, name: string, file: GeneratedFile): void {
    let files = this.byPlugin.get(pluginId);
    if (!files) this.byPlugin.set(pluginId, (files = new Map()));
    const before = files.get(name);
    if (before) this.liveBytes -= recordSize(pluginId, name, before.content);
    files.set(name, file);
    this.liveBytes += recordSize(pluginId, name, file.content);
  }

  private delete(pluginId: string, name: string): void {
    const files = this.byPlugin.get(pluginId);
    const before = files?.get(name);
    if (!files || !before) return;
    files.delete(name);
    this.liveBytes -= recordSize(pluginId, name, before.content);
  }

  private flushRemovals(): void {
    this.flushScheduled = false;
    const mtime = Date.now();
    for (const { plugin, name } of this.pendingRemovals.values()) {
      // a failed append leaves the file to come back at the next start, which a reconfigure fixes
      void this.journal.append({ op: 'remove', plugin, name, mtime }).catch(() => undefined);
    }
    this.pendingRemovals.clear();
  }

  /** Everything live, for a compaction; pending removals then no longer have anything held in the journal. */
  private snapshot(): JournalRecord[] {
    for (const removal of this.pendingRemovals.values()) removal.held = null;
    const records: JournalRecord[] = [];
    for (const [plugin, files] of this.byPlugin) {
      for (const [name, file] of files) records.push({ op: 'write', plugin, name, mtime: file.mtime.getTime(), content: file.content });
    }
    return records;
  }
}
