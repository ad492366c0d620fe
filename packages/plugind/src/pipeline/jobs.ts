import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { StepLog } from '../exec.js';

export const INSTALL_STATUSES = [
  'starting', 'downloading', 'extracting', 'validating', 'installing dependencies',
  'building', 'packaging', 'updating', 'installing', 'cleaning', 'completed', 'error',
] as const;
export const UNINSTALL_STATUSES = ['starting', 'removing', 'completed', 'error'] as const;
export type JobStatus = (typeof INSTALL_STATUSES)[number] | (typeof UNINSTALL_STATUSES)[number];
export type JobKind = 'install' | 'uninstall';

/** The reference's error body. */
export interface JobError {
  error_id: string;
  message: string;
  resource: 'plugins';
  details: Record<string, unknown>;
  code: string;
}

/** One progress event, as published on SSE and the bus. */
export interface JobEvent {
  uuid: string;
  kind: JobKind;
  status: JobStatus;
  /** The job that started it all (itself for a top-level job). */
  root: string;
  parent: string | null;
  namespace: string | null;
  name: string | null;
  version: string | null;
  errors?: JobError;
  time: string;
}

export interface Job {
  uuid: string;
  kind: JobKind;
  root: string;
  parent: string | null;
  request: Record<string, unknown>;
  status: JobStatus;
  namespace: string | null;
  name: string | null;
  version: string | null;
  history: { status: JobStatus; time: string }[];
  errors?: JobError;
  logs: StepLog[];
  children: string[];
  /** Every event of this job and its descendants, in order (top-level jobs only). */
  events: JobEvent[];
  createdAt: string;
  finishedAt: string | null;
}

const MAX_JOBS = 500;

/** Jobs in memory (the last 500), their events, and an emitter the SSE stream and the bus listen to. */
export class JobRegistry extends EventEmitter<{ event: [JobEvent] }> {
  private readonly jobs = new Map<string, Job>();

  create(kind: JobKind, request: Record<string, unknown>, parent?: Job): Job {
    const uuid = randomUUID();
    const job: Job = {
      uuid,
      kind,
      root: parent?.root ?? uuid,
      parent: parent?.uuid ?? null,
      request,
      status: 'starting',
      namespace: null,
      name: null,
      version: null,
      history: [],
      logs: [],
      children: [],
      events: [],
      createdAt: new Date().toISOString(),
      finishedAt: null,
    };
    parent?.children.push(uuid);
    this.jobs.set(uuid, job);
    if (this.jobs.size > MAX_JOBS) {
      for (const [id, j] of this.jobs) {
        if (this.jobs.size <= MAX_JOBS) break;
        if (j.finishedAt && j.root === id) this.dropTree(j);
      }
    }
    return job;
  }

  private dropTree(j: Job): void {
    for (const c of j.children) {
      const child = this.jobs.get(c);
      if (child) this.dropTree(child);
    }
    this.jobs.delete(j.uuid);
  }

  /** Forgets a job that was refused before it ran. */
  discard(uuid: string): void {
    this.jobs.delete(uuid);
  }

  get(uuid: string): Job | undefined {
    return this.jobs.get(uuid);
  }

  list(): Job[] {
    return [...this.jobs.values()].reverse();
  }

  /** Records a status and publishes it. */
  setStatus(job: Job, status: JobStatus, error?: JobError): void {
    const time = new Date().toISOString();
    job.status = status;
    job.history.push({ status, time });
    if (error) job.errors = error;
    if (status === 'completed' || status === 'error') job.finishedAt = time;
    const event: JobEvent = {
      uuid: job.uuid,
      kind: job.kind,
      status,
      root: job.root,
      parent: job.parent,
      namespace: job.namespace,
      name: job.name,
      version: job.version,
      ...(error ? { errors: error } : {}),
      time,
    };
    this.jobs.get(job.root)?.events.push(event);
    this.emit('event', event);
  }

  /** Whether the top-level job and all it started are finished. */
  isDone(root: Job): boolean {
    return root.finishedAt !== null;
  }
}
