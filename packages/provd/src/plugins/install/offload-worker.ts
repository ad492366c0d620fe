/**
 * The worker side of offload.ts: runs the heavy install tasks (download with hashing, archive
 * extraction, unsign) on its own thread, so provd's event loop keeps serving phones meanwhile.
 * Messages in: `{id, task, args}` or `{id, cancel: true}`; out: `{id, progress}`, `{id, result}`
 * or `{id, error}`.
 */
import { parentPort } from 'node:worker_threads';
import { extractArchiveFile } from './archive-extract.js';
import { download, verifyFile } from './download.js';
import { extractTarFile } from './tar-extract.js';
import { unsignFile } from './unsign.js';
import type { OffloadTasks, SerializedError, TaskMessage, WorkerReply } from './offload-protocol.js';

type Runner = (args: never, progress: (current: number, end: number | null) => void, signal: AbortSignal) => Promise<unknown>;

const tasks: { [K in keyof OffloadTasks]: Runner } = {
  download: ({ source, dest, options }: OffloadTasks['download']['args'], progress, signal) => download(source, dest, { ...options, onProgress: progress, signal }),
  verifyFile: ({ file, options }: OffloadTasks['verifyFile']['args']) => verifyFile(file, options),
  extractTar: async ({ file, dest, limits }: OffloadTasks['extractTar']['args']) => (await extractTarFile(file, dest, limits)).length,
  extractArchive: async ({ file, dest, options }: OffloadTasks['extractArchive']['args']) => (await extractArchiveFile(file, dest, options)).length,
  unsign: ({ file, out }: OffloadTasks['unsign']['args']) => unsignFile(file, out),
};

function serialize(err: unknown): SerializedError {
  const e = err as Error & { code?: unknown; statusCode?: unknown };
  return {
    name: e?.name ?? 'Error',
    message: e?.message ?? String(err),
    code: typeof e?.code === 'string' ? e.code : undefined,
    statusCode: typeof e?.statusCode === 'number' ? e.statusCode : undefined,
  };
}

const port = parentPort!;
const running = new Map<number, AbortController>();
const post = (reply: WorkerReply) => port.postMessage(reply);

port.on('message', (message: TaskMessage) => {
  if ('cancel' in message) {
    running.get(message.id)?.abort();
    return;
  }
  const { id, task, args } = message;
  const controller = new AbortController();
  running.set(id, controller);
  // progress at most every 50 ms: a message per 64 KB chunk would cost more than it tells
  let last = 0;
  const progress = (current: number, end: number | null) => {
    const now = performance.now();
    if (now - last < 50 && current !== end) return;
    last = now;
    post({ id, progress: [current, end] });
  };
  tasks[task](args as never, progress, controller.signal).then(
    (result) => post({ id, result }),
    (err: unknown) => post({ id, error: serialize(err) }),
  ).finally(() => running.delete(id));
});
post({ ready: true });
