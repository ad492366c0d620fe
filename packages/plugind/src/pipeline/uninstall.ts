import { errors } from '../errors.js';
import type { PipelineContext } from './context.js';
import { toJobError } from './install.js';
import type { Job, JobStatus } from './jobs.js';

/**
 * What removing `ns/name` takes: the plugins to remove, dependents before what they depend on.
 * Refuses (409) when other plugins depend on it, unless `cascade`.
 */
export async function planUninstall(ctx: PipelineContext, namespace: string, name: string, cascade: boolean): Promise<string[]> {
  const installed = await ctx.backend.list();
  const target = `${namespace}/${name}`;
  if (!installed.some((p) => `${p.metadata.namespace}/${p.metadata.name}` === target)) {
    throw errors.notFound(`plugin ${target} is not installed`);
  }
  const dependents = new Map<string, string[]>();
  for (const p of installed) {
    for (const d of p.metadata.depends ?? []) {
      const k = `${d.namespace}/${d.name}`;
      dependents.set(k, [...(dependents.get(k) ?? []), `${p.metadata.namespace}/${p.metadata.name}`]);
    }
  }
  const order: string[] = [];
  const visited = new Set<string>();
  const visit = (k: string) => {
    if (visited.has(k)) return;
    visited.add(k);
    for (const d of dependents.get(k) ?? []) visit(d);
    order.push(k);
  };
  visit(target);
  const others = order.filter((k) => k !== target);
  if (others.length && !cascade) {
    throw errors.dependedUpon(`${target} is needed by ${others.join(', ')}; remove them first or ask for cascade`, { dependents: others });
  }
  return order;
}

/** starting → removing → completed | error, removing each planned plugin in order. */
export async function runUninstall(ctx: PipelineContext, job: Job, plan: string[]): Promise<void> {
  let step: JobStatus = 'starting';
  const set = (s: JobStatus) => {
    step = s;
    ctx.jobs.setStatus(job, s);
  };
  const removed: string[] = [];
  try {
    set('starting');
    set('removing');
    for (const key of plan) {
      const [ns, name] = key.split('/') as [string, string];
      await ctx.backend.uninstall(ns, name, { onLog: (l) => job.logs.push(l), timeouts: { install: ctx.timeouts.install, hook: ctx.timeouts.hook, update: ctx.timeouts.update } });
      removed.push(key);
    }
    job.request.removed = removed;
    set('completed');
    ctx.log.info({ job: job.uuid, removed }, 'uninstalled');
  } catch (err) {
    job.request.removed = removed;
    ctx.jobs.setStatus(job, 'error', toJobError(err, step, job.request));
  } finally {
    ctx.locks.releaseAll(job.root);
  }
}
