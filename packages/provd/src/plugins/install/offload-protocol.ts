/** The messages between offload.ts (provd's thread) and offload-worker.ts (the install thread). */
import type { ExtractLimits } from './tar-extract.js';
import type { DownloadOptions } from './download.js';

export type PlainDownloadOptions = Omit<DownloadOptions, 'onProgress' | 'signal'>;
export type ChecksumOptions = Pick<DownloadOptions, 'size' | 'sha1' | 'sha256'>;

export interface OffloadTasks {
  download: { args: { source: string; dest: string; options: PlainDownloadOptions }; result: void };
  verifyFile: { args: { file: string; options: ChecksumOptions }; result: boolean };
  /** Result: the number of entries written. */
  extractTar: { args: { file: string; dest: string; limits: ExtractLimits }; result: number };
  extractArchive: { args: { file: string; dest: string; options: ExtractLimits & { flatten?: boolean } }; result: number };
  unsign: { args: { file: string; out: string }; result: void };
}

export type TaskName = keyof OffloadTasks;

export type TaskMessage = { id: number; task: TaskName; args: OffloadTasks[TaskName]['args'] } | { id: number; cancel: true };

export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  statusCode?: number;
}

export type WorkerReply =
  | { ready: true }
  | { id: number; progress: [number, number | null] }
  | { id: number; result: unknown }
  | { id: number; error: SerializedError };
