/**
 * The change feed: every committed write transaction that touched devices, configs, plugins or
 * parameters publishes one change record, after its commit and never before. Records carry a
 * sequence number given under the write lock (one more than the last committed one), so they are
 * dense and in commit order, on every node sharing the database: a node that sees seq 12 after 10
 * knows it missed 11 and reads it back from the `changes` table.
 *
 * Listeners run in sequence order. A listener may return a promise (work it started because of the
 * record); `settled(seq)` resolves once every listener's work for the records up to `seq` is done,
 * which is how a writer waits for the consequences of its own write without knowing who reacts.
 */

export type ChangeCollection = 'devices' | 'configs' | 'plugins' | 'parameters';
export type ChangeKind = 'insert' | 'update' | 'delete';

/** What one transaction did to one collection, with one kind of write. */
export interface Change {
  readonly collection: ChangeCollection;
  readonly kind: ChangeKind;
  /** Document ids (configs, devices), plugin ids, or parameter (meta) keys; each once. */
  readonly ids: readonly string[];
}

export interface ChangeRecord {
  /** Dense and increasing in commit order across every node sharing the database. */
  readonly seq: number;
  /** The store instance (node) that committed it. */
  readonly node: string;
  readonly changes: readonly Change[];
  /**
   * What kind of write this was, when the writer said (`transaction(fn, {tag})`). The configurator
   * tags the outcome it records on devices (`configure-outcome`): no node needs to render for it.
   */
  readonly tag?: string;
  /**
   * Set on a record the feed makes up itself when it cannot tell what changed (records it missed
   * were pruned from the `changes` table): every cache must be dropped and every file checked.
   */
  readonly resync?: true;
}

export type ChangeListener = (record: ChangeRecord) => void | Promise<unknown>;

/** Where missed records are read back from (the `changes` table). */
export interface ChangeSource {
  /** Records with seq > `after`, in order, at most `limit`. */
  since(after: number, limit: number): Promise<ChangeRecord[]>;
  /** The last committed seq (0 when none). */
  head(): Promise<number>;
}

/** The part of the feed other writers and readers use. */
export interface Changes {
  /** Calls `listener` for every record from now on, in seq order; returns the unsubscribe. */
  subscribe(listener: ChangeListener): () => void;
  /** The last seq handed to listeners. */
  readonly seq: number;
  /** Resolves once listeners' work for every record up to `seq` (default: the last one) is done. */
  settled(seq?: number): Promise<void>;
  /** Async iteration over the records from now on (for writers outside the core, and tools). */
  records(signal?: AbortSignal): AsyncIterableIterator<ChangeRecord>;
}

/** Whether a record touches a collection. */
export function touches(record: ChangeRecord, collection: ChangeCollection): boolean {
  if (record.resync) return true;
  for (const change of record.changes) if (change.collection === collection) return true;
  return false;
}

/** The ids a record names in a collection (all kinds), each once. */
export function idsIn(record: ChangeRecord, collection: ChangeCollection, kind?: ChangeKind): string[] {
  const ids = new Set<string>();
  for (const change of record.changes) {
    if (change.collection === collection && (kind === undefined || change.kind === kind)) for (const id of change.ids) ids.add(id);
  }
  return [...ids];
}

/** Collects what a transaction writes, grouped per collection and kind. */
export class ChangeSet {
  private readonly groups = new Map<string, { collection: ChangeCollection; kind: ChangeKind; ids: Set<string> }>();

  add(collection: ChangeCollection, kind: ChangeKind, id: string): void {
    const key = `${collection}:${kind}`;
    let group = this.groups.get(key);
    if (!group) this.groups.set(key, (group = { collection, kind, ids: new Set() }));
    group.ids.add(id);
  }

  get empty(): boolean {
    return this.groups.size === 0;
  }

  toChanges(): Change[] {
    return [...this.groups.values()].map((g) => ({ collection: g.collection, kind: g.kind, ids: [...g.ids] }));
  }
}

const PAGE = 1000;

export interface ChangeFeedOptions {
  /** A listener threw or its promise rejected. */
  onError?(err: unknown, record: ChangeRecord): void;
}

/**
 * Orders records (local commits and peers' notifications alike) by seq, fills gaps from the
 * source, and hands each record to the listeners once.
 */
export class ChangeFeed implements Changes {
  private readonly listeners: ChangeListener[] = [];
  private applied: number;
  private readonly buffered = new Map<number, ChangeRecord>();
  private chain: Promise<void> = Promise.resolve();
  private gapScheduled = false;
  /** Listeners' work per seq, removed once done. */
  private readonly work = new Map<number, Promise<void>>();
  private dispatchWaiters: { seq: number; resolve: () => void }[] = [];
  private closed = false;

  constructor(
    private readonly source: ChangeSource,
    start: number,
    private readonly opts: ChangeFeedOptions = {},
  ) {
    this.applied = start;
  }

  get seq(): number {
    return this.applied;
  }

  /** Records whose listeners' work is not done yet. */
  get pending(): number {
    return this.work.size + this.buffered.size;
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** A committed record, from this process or a peer; older or repeated ones are ignored. */
  receive(record: ChangeRecord): void {
    if (this.closed || record.seq <= this.applied) return;
    this.buffered.set(record.seq, record);
    this.drain();
    if (this.buffered.size) this.scheduleGapFill();
  }

  /** Reads and applies every record committed after the last one applied (after a reconnect). */
  catchUp(): Promise<void> {
    return this.enqueueFill(false);
  }

  async settled(seq?: number): Promise<void> {
    const target = seq ?? this.applied;
    if (target > this.applied) await new Promise<void>((resolve) => this.dispatchWaiters.push({ seq: target, resolve }));
    const waits: Promise<void>[] = [];
    for (const [s, w] of this.work) if (s <= target) waits.push(w);
    await Promise.all(waits);
  }

  async *records(signal?: AbortSignal): AsyncIterableIterator<ChangeRecord> {
    const queue: ChangeRecord[] = [];
    let wake: (() => void) | null = null;
    const stop = this.subscribe((record) => {
      queue.push(record);
      wake?.();
    });
    const onAbort = () => wake?.();
    signal?.addEventListener('abort', onAbort);
    try {
      while (!signal?.aborted && !this.closed) {
        const next = queue.shift();
        if (next) {
          yield next;
          continue;
        }
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
    } finally {
      stop();
      signal?.removeEventListener('abort', onAbort);
    }
  }

  close(): void {
    this.closed = true;
    for (const w of this.dispatchWaiters) w.resolve();
    this.dispatchWaiters = [];
  }

  private drain(): void {
    for (;;) {
      const next = this.buffered.get(this.applied + 1);
      if (!next) return;
      this.buffered.delete(next.seq);
      this.dispatch(next);
    }
  }

  private dispatch(record: ChangeRecord): void {
    this.applied = record.seq;
    if (this.buffered.size) for (const seq of this.buffered.keys()) if (seq <= record.seq) this.buffered.delete(seq);
    const promises: Promise<unknown>[] = [];
    for (const listener of [...this.listeners]) {
      try {
        const result = listener(record);
        if (result instanceof Promise) promises.push(result.catch((err: unknown) => this.opts.onError?.(err, record)));
      } catch (err) {
        this.opts.onError?.(err, record);
      }
    }
    if (promises.length) {
      const done = Promise.all(promises).then(() => {
        this.work.delete(record.seq);
      });
      this.work.set(record.seq, done);
    }
    if (this.dispatchWaiters.length) {
      const ready = this.dispatchWaiters.filter((w) => w.seq <= this.applied);
      this.dispatchWaiters = this.dispatchWaiters.filter((w) => w.seq > this.applied);
      for (const w of ready) w.resolve();
    }
  }

  /** A gap: the missing records usually arrive within a turn (a group's writers resolve together); else read them. */
  private scheduleGapFill(): void {
    if (this.gapScheduled) return;
    this.gapScheduled = true;
    void this.enqueueFill(true);
  }

  private enqueueFill(afterATurn: boolean): Promise<void> {
    const run = async () => {
      if (afterATurn) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        this.gapScheduled = false;
        if (!this.buffered.size) return;
      }
      await this.fill();
    };
    const next = this.chain.then(run);
    this.chain = next.catch((err: unknown) => this.opts.onError?.(err, { seq: this.applied, node: '', changes: [] }));
    return next;
  }

  private async fill(): Promise<void> {
    for (;;) {
      if (this.closed) return;
      const rows = await this.source.since(this.applied, PAGE);
      if (rows.length === 0) return;
      // the records in between were pruned: nobody can tell what they changed
      if (rows[0].seq > this.applied + 1) this.dispatch({ seq: rows[0].seq - 1, node: '', changes: [], resync: true });
      for (const row of rows) this.receive(row);
      if (rows.length < PAGE) return;
    }
  }
}
