/**
 * Runs the install work that costs CPU (download with sha1/sha256 hashing, tar/zip/7z/rar
 * extraction, unsign) on one worker thread, started on first use and stopped after a minute
 * idle, so provd's event loop keeps serving phones while a 100 MB firmware installs. External
 * tools (bsdtar, bzip2, xz) run as child processes of that thread. Same signatures as the
 * in-thread functions, errors keep their `code` and HTTP status.
 */
import { Worker } from 'node:worker_threads';
import { ProvdError } from '../../errors.js';
import type { DownloadOptions } from './download.js';
import type { ChecksumOptions, OffloadTasks, SerializedError, TaskMessage, TaskName, WorkerReply } from './offload-protocol.js';
import type { ExtractLimits } from './tar-extract.js';

const IDLE_MS = 60_000;

// The worker runs TypeScript like the rest of provd: tsx is registered in it first (resolved
// from this package, as the bin launchers do) unless the entry is already JavaScript.
const BOOT = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  await import(workerData.entry);
})().catch((err) => { setImmediate(() => { throw err; }); });
`;

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
  progress?(current: number, end: number | null): void;
}

let worker: Worker | null = null;
let ready: Promise<Worker> | null = null;
let idleTimer: NodeJS.Timeout | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function revive(e: SerializedError): Error {
  if (e.code?.startsWith('DT_ERR_')) return new ProvdError(e.code, e.message, e.statusCode ?? 500);
  const err = new Error(e.message) as Error & { code?: string };
  err.name = e.name;
  if (e.code) err.code = e.code;
  return err;
}

function failAll(err: Error): void {
  for (const p of pending.values()) p.reject(err);
  pending.clear();
}

function start(): Promise<Worker> {
  const entry = new URL(import.meta.url.endsWith('.ts') ? './offload-worker.ts' : './offload-worker.js', import.meta.url).href;
  const w = new Worker(BOOT, { eval: true, workerData: { entry, tsx: entry.endsWith('.ts') ? import.meta.resolve('tsx/esm/api') : null } });
  worker = w;
  return new Promise((resolve, reject) => {
    w.on('message', (reply: WorkerReply) => {
      if ('ready' in reply) return resolve(w);
      const p = pending.get(reply.id);
      if (!p) return;
      if ('progress' in reply) return p.progress?.(...reply.progress);
      pending.delete(reply.id);
      if ('error' in reply) p.reject(revive(reply.error));
      else p.resolve(reply.result);
      if (pending.size === 0) idle();
    });
    w.on('error', (err) => {
      reject(err);
      failAll(new Error(`install worker failed: ${err.message}`));
    });
    w.on('exit', (code) => {
      if (worker === w) {
        worker = null;
        ready = null;
      }
      reject(new Error(`install worker exited (${code})`));
      failAll(new Error(`install worker exited (${code})`));
    });
  });
}

function idle(): void {
  worker?.unref();
  idleTimer = setTimeout(() => void stopInstallWorker(), IDLE_MS);
  idleTimer.unref();
}

async function run<T extends TaskName>(task: T, args: OffloadTasks[T]['args'], progress?: Pending['progress'], signal?: AbortSignal): Promise<OffloadTasks[T]['result']> {
  signal?.throwIfAborted();
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  ready ??= start();
  const w = await ready;
  w.ref();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject, progress });
    signal?.addEventListener('abort', () => w.postMessage({ id, cancel: true } satisfies TaskMessage), { once: true });
    w.postMessage({ id, task, args } satisfies TaskMessage);
  });
}

/** Stops the worker (provd's close; it also stops by itself after a minute idle). */
export async function stopInstallWorker(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const w = worker;
  worker = null;
  ready = null;
  if (w) await w.terminate();
}

export function download(source: string, dest: string, options: DownloadOptions = {}): Promise<void> {
  const { onProgress, signal, ...plain } = options;
  return run('download', { source, dest, options: plain }, onProgress, signal);
}

export function verifyFile(file: string, options: ChecksumOptions): Promise<boolean> {
  return run('verifyFile', { file, options });
}

/** Returns the number of entries written. */
export function extractTarFile(file: string, dest: string, limits: ExtractLimits = {}): Promise<number> {
  return run('extractTar', { file, dest, limits });
}

/** zip, 7z, rar (see archive-extract.ts). Returns the number of files written. */
export function extractArchiveFile(file: string, dest: string, options: ExtractLimits & { flatten?: boolean } = {}): Promise<number> {
  return run('extractArchive', { file, dest, options });
}

export function unsignFile(file: string, out: string): Promise<void> {
  return run('unsign', { file, out });
}
