import type { Logger } from 'pino';
import type { PackageBackend } from '../backends/index.js';
import type { Market } from '../market/index.js';
import type { JobRegistry } from './jobs.js';
import type { LockTable } from './locks.js';

export interface Timeouts {
  download: number;
  build: number;
  package: number;
  install: number;
  hook: number;
  update: number;
}

/** What the install and uninstall pipelines need. */
export interface PipelineContext {
  dataDir: string;
  wazoVersion: string;
  timeouts: Timeouts;
  maxDownloadBytes: number;
  backend: PackageBackend;
  market: Market;
  jobs: JobRegistry;
  locks: LockTable;
  log: Logger;
}

/** An install request after validation: `POST /plugins` body plus `?reinstall`. */
export type InstallRequest =
  | { method: 'git'; options: { url: string; ref?: string | null; subdirectory?: string | null }; reinstall: boolean }
  | { method: 'url'; options: { url: string; subdirectory?: string | null; sha256?: string | null }; reinstall: boolean }
  | { method: 'market'; options: { namespace: string; name: string; version?: string | null }; reinstall: boolean };
