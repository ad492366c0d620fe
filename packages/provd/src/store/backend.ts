/** What a storage engine provides to the shared store: reads, serialized write transactions. */
import type { ChangeListenerHandle, ListenerHandlers } from './postgres/listener.js';
import type { Dialect, SqlRunner } from './sql.js';

export interface Backend {
  readonly kind: 'sqlite' | 'postgres';
  readonly dialect: Dialect;
  /** Runs reads outside any transaction; they see committed data only. */
  readonly reader: SqlRunner;
  /**
   * Runs `fn` in a write transaction that no other writer (this process or another) interleaves
   * with; commits when `fn` resolves, rolls back when it throws.
   */
  withWriteTransaction<T>(fn: (runner: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * PostgreSQL: committed change records are also announced on `channel` (NOTIFY, sent in the
   * writing transaction so it is delivered at commit), and `listen` follows peers' announcements.
   */
  readonly crossNode?: {
    readonly channel: string;
    listen(handlers: ListenerHandlers): Promise<ChangeListenerHandle>;
  };
}

/** Statements (or their names) cached per SQL text, bounded so odd query shapes cannot grow it. */
export class BoundedCache<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max = 500) {}

  get(key: string, make: () => V): V {
    let value = this.map.get(key);
    if (value === undefined) {
      if (this.map.size >= this.max) this.map.clear();
      value = make();
      this.map.set(key, value);
    }
    return value;
  }
}
