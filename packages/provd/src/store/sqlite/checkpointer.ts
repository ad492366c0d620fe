/**
 * WAL checkpoints on a worker thread. SQLite checkpoints by itself inside a COMMIT once the WAL
 * passes 1000 pages: copying the pages into the database file and an fsync, several
 * milliseconds during which provd's event loop serves nothing. With automatic checkpoints off on
 * the writer, this worker's own connection runs PASSIVE checkpoints (they never block readers or
 * the writer) shortly after commits.
 *
 * A PASSIVE checkpoint never shrinks the WAL file, and one that a long read keeps from finishing
 * lets it grow (to hundreds of MB under a flood of writes). When the file passes
 * `truncateAboveBytes` after a PASSIVE checkpoint, the worker runs a TRUNCATE one: it waits (on
 * its own thread) for readers to move on, then empties the file. The writer meanwhile waits
 * asynchronously for the lock (see the backend's begin), so serving is not blocked.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const walSize = () => {
  try {
    return statSync(workerData.file + '-wal').size;
  } catch {
    return 0;
  }
};
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    if (walSize() > workerData.truncateAboveBytes) db.pragma('wal_checkpoint(TRUNCATE)');
    parentPort.postMessage({ ok: true });
  } catch (err) {
    parentPort.postMessage({ ok: false, message: String(err && err.message) });
  }
});
`;

export interface CheckpointerOptions {
  /** Delay between a commit and the checkpoint it asks for; commits meanwhile share it. */
  delayMs?: number;
  /** A WAL file larger than this after a checkpoint is emptied (TRUNCATE). Default 16 MiB. */
  truncateAboveBytes?: number;
  onError?(message: string): void;
}

export class Checkpointer {
  private readonly worker: Worker;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private again = false;
  private closed = false;

  constructor(
    file: string,
    private readonly opts: CheckpointerOptions = {},
  ) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, truncateAboveBytes: opts.truncateAboveBytes ?? 16 * 1024 * 1024 } });
    this.worker.unref();
    this.worker.on('message', (reply: { ok: boolean; message?: string }) => {
      this.running = false;
      if (!reply.ok) opts.onError?.(reply.message ?? 'checkpoint failed');
      if (this.again) {
        this.again = false;
        this.committed();
      }
    });
    this.worker.on('error', (err) => opts.onError?.(err.message));
  }

  /** A write transaction committed: a checkpoint will follow. */
  committed(): void {
    if (this.closed || this.timer) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = true;
      this.worker.postMessage('check');
    }, this.opts.delayMs ?? 100);
    this.timer.unref();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    // an unreferenced worker would not keep the event loop alive until it has exited
    this.worker.ref();
    this.worker.postMessage('close');
    await exited;
  }
}
