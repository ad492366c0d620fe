import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BuiltPlugin, StepContext } from '../backends/index.js';
import { errors, isPlugindError } from '../errors.js';
import { runCommand } from '../exec.js';
import { parsePluginYml, validateMetadata, type PluginMetadata } from '../metadata/index.js';
import { chooseVersion } from '../market/index.js';
import type { InstallRequest, PipelineContext } from './context.js';
import type { Job, JobError, JobStatus } from './jobs.js';
import { downloadGit, downloadUrl, locateSource } from './source.js';

interface Prepared {
  metadata: PluginMetadata;
  srcDir: string;
}

type SetStatus = (s: JobStatus) => void;

/** Turns whatever a step threw into the reference's error body, with `<step>-error` for the rest. */
export function toJobError(err: unknown, step: JobStatus, request: unknown): JobError {
  if (isPlugindError(err)) {
    const known: Record<string, string> = {
      DT_ERR_PLUGIND_INSTALL: 'install-error',
      DT_ERR_PLUGIND_VALIDATION: 'validation-error',
      DT_ERR_PLUGIND_DEPENDENCY: 'dependency-error',
      DT_ERR_PLUGIND_BUSY: 'plugin-busy',
    };
    const id = known[err.code];
    if (id) return { error_id: id, message: err.message, resource: 'plugins', details: { step, ...err.details }, code: err.code };
    return {
      error_id: `${step.replace(/ /g, '-')}-error`,
      message: err.message,
      resource: 'plugins',
      details: { ...err.details, step, install_options: (request as { options?: unknown })?.options ?? null },
      code: err.code,
    };
  }
  return {
    error_id: `${step.replace(/ /g, '-')}-error`,
    message: (err as Error)?.message ?? String(err),
    resource: 'plugins',
    details: { step, install_options: (request as { options?: unknown })?.options ?? null },
    code: 'DT_ERR_PLUGIND_STEP',
  };
}

function stepContext(ctx: PipelineContext, job: Job): StepContext {
  return { onLog: (l) => job.logs.push(l), timeouts: { install: ctx.timeouts.install, hook: ctx.timeouts.hook, update: ctx.timeouts.update } };
}

/** starting → downloading → extracting → validating; 'satisfied' when there is nothing to do. */
async function prepare(ctx: PipelineContext, job: Job, req: InstallRequest, ws: string, set: SetStatus): Promise<Prepared | 'satisfied'> {
  set('downloading');
  mkdirSync(ws, { recursive: true });
  const download = join(ws, 'download');
  const dl = { onLog: (l: Job['logs'][number]) => job.logs.push(l), timeoutMs: ctx.timeouts.download, maxBytes: ctx.maxDownloadBytes };
  let source: { method: string; options: Record<string, unknown> } = req;
  if (req.method === 'market') {
    const { namespace, name, version } = req.options;
    job.namespace = namespace;
    job.name = name;
    const item = await ctx.market.find(namespace, name);
    if (!item) throw errors.step(`${namespace}/${name} is not in the market`, { name: 'not-found' });
    const installed = await ctx.backend.get(namespace, name);
    if (!req.reinstall && installed && (!version || version === installed.metadata.version)) return 'satisfied';
    const chosen = chooseVersion(item, ctx.wazoVersion, installed?.metadata.version ?? null, version ?? undefined, req.reinstall);
    if (!chosen) {
      throw errors.step(
        `no installable version of ${namespace}/${name}${version ? ` ${version}` : ''} in the market (Wazo ${ctx.wazoVersion}, installed ${installed?.metadata.version ?? 'none'})`,
        { name: 'no-installable-version' },
      );
    }
    job.version = chosen.version;
    source = { method: chosen.method ?? 'git', options: chosen.options ?? {} };
  }
  const opts = source.options;
  if (source.method === 'git' && typeof opts.url === 'string') {
    await downloadGit({ url: opts.url, ref: opts.ref as string | undefined, subdirectory: null }, download, dl);
  } else if (source.method === 'url' && typeof opts.url === 'string') {
    await downloadUrl({ url: opts.url, sha256: opts.sha256 as string | undefined }, download, ws, dl);
  } else {
    throw errors.step(`cannot download with method ${source.method}`, { method: source.method });
  }

  set('extracting');
  const srcDir = locateSource(download, opts.subdirectory as string | undefined);
  const yml = join(srcDir, 'wazo', 'plugin.yml');
  if (!existsSync(yml)) throw errors.step('the download has no wazo/plugin.yml', { file: 'wazo/plugin.yml' });
  try {
    accessSync(join(srcDir, 'wazo', 'rules'), constants.X_OK);
  } catch {
    throw errors.step('the download has no executable wazo/rules', { file: 'wazo/rules' });
  }
  let raw: unknown;
  try {
    raw = parsePluginYml(readFileSync(yml, 'utf8'));
  } catch (err) {
    raw = err;
  }

  set('validating');
  if (raw instanceof Error) {
    throw errors.validation(`plugin.yml is not valid YAML: ${raw.message}`, { _schema: { constraint_id: 'type', constraint: 'yaml', message: raw.message } });
  }
  const checked = validateMetadata(raw, ctx.wazoVersion);
  if (!checked.ok) {
    throw errors.validation(`plugin.yml is invalid: ${Object.entries(checked.errors).map(([k, e]) => `${k}: ${e.message}`).join('; ')}`, checked.errors);
  }
  const m = checked.metadata;
  if (req.method === 'market' && (m.namespace !== req.options.namespace || m.name !== req.options.name)) {
    throw errors.validation(`the market entry ${req.options.namespace}/${req.options.name} downloads ${m.namespace}/${m.name}`, {
      name: { constraint_id: 'regex', constraint: req.options.name, message: 'does not match the market entry' },
    });
  }
  job.namespace = m.namespace;
  job.name = m.name;
  job.version = m.version;
  const key = `${m.namespace}/${m.name}`;
  const holder = ctx.locks.tryLock(key, job.root);
  if (holder) throw errors.busy(`${key} is already being installed or removed by job ${holder}`, { job: holder, plugin: key });
  const installed = await ctx.backend.get(m.namespace, m.name);
  if (installed && installed.metadata.version === m.version && !req.reinstall) return 'satisfied';
  return { metadata: m, srcDir };
}

/** building → packaging → updating → installing. */
async function buildAndInstall(ctx: PipelineContext, job: Job, p: Prepared, ws: string, set: SetStatus): Promise<void> {
  const sc = stepContext(ctx, job);
  const rules = join(p.srcDir, 'wazo', 'rules');
  const env = { ...process.env, PLUGIND_NAMESPACE: p.metadata.namespace, PLUGIND_NAME: p.metadata.name, PLUGIND_VERSION: p.metadata.version };
  set('building');
  await runCommand(rules, ['build'], { step: 'building', cwd: p.srcDir, env, timeoutMs: ctx.timeouts.build, onLog: sc.onLog });
  set('packaging');
  const pkgDir = join(ws, 'pkg');
  const workDir = join(ws, 'work');
  mkdirSync(pkgDir, { recursive: true });
  mkdirSync(workDir, { recursive: true });
  await runCommand(rules, ['package'], { step: 'packaging', cwd: p.srcDir, env: { ...env, pkgdir: pkgDir }, timeoutMs: ctx.timeouts.package, onLog: sc.onLog });
  const built: BuiltPlugin = { metadata: p.metadata, srcDir: p.srcDir, pkgDir, workDir };
  const artifact = await ctx.backend.package(built, sc);
  set('updating');
  await ctx.backend.update(p.metadata.debian_depends, sc);
  set('installing');
  await ctx.backend.install(built, artifact, sc);
}

/**
 * Resolves the whole dependency graph first (every dependency downloaded and validated, cycles
 * and missing plugins found before anything is installed), then installs dependencies leaves
 * first, each as a child job. Any failure fails the parent. Installed dependencies are kept as
 * they are (not upgraded), as the plugin format says.
 */
async function installDependencies(ctx: PipelineContext, parent: Job, meta: PluginMetadata, ws: string): Promise<void> {
  const plan: { job: Job; prepared: Prepared; ws: string; key: string; req: InstallRequest }[] = [];
  const seen = new Set<string>();
  const pending: Job[] = [];
  const visit = async (m: PluginMetadata, path: string[]): Promise<void> => {
    for (const dep of m.depends) {
      const key = `${dep.namespace}/${dep.name}`;
      if (path.includes(key)) throw errors.dependency(`dependency cycle: ${[...path, key].join(' -> ')}`, { cycle: [...path, key] });
      if (seen.has(key)) continue;
      if (await ctx.backend.get(dep.namespace, dep.name)) continue;
      seen.add(key);
      const req: InstallRequest = { method: 'market', options: { namespace: dep.namespace, name: dep.name, ...(dep.version ? { version: dep.version } : {}) }, reinstall: false };
      const child = ctx.jobs.create('install', req, parent);
      child.namespace = dep.namespace;
      child.name = dep.name;
      const cws = join(ws, 'deps', `${dep.namespace}-${dep.name}`);
      let step: JobStatus = 'starting';
      const set = (s: JobStatus) => {
        step = s;
        ctx.jobs.setStatus(child, s);
      };
      let prepared: Prepared | 'satisfied';
      try {
        set('starting');
        prepared = await prepare(ctx, child, req, cws, set);
      } catch (err) {
        ctx.jobs.setStatus(child, 'error', toJobError(err, step, req));
        throw errors.dependency(`${m.namespace}/${m.name} needs ${key}: ${(err as Error).message}`, { dependency: key, job: child.uuid });
      }
      if (prepared === 'satisfied') {
        ctx.jobs.setStatus(child, 'completed');
        continue;
      }
      pending.push(child);
      await visit(prepared.metadata, [...path, key]);
      plan.push({ job: child, prepared, ws: cws, key, req });
    }
  };
  try {
    await visit(meta, [`${meta.namespace}/${meta.name}`]);
  } catch (err) {
    for (const j of pending) {
      ctx.jobs.setStatus(j, 'error', toJobError(errors.dependency(`not installed: ${(err as Error).message}`), j.status, j.request));
    }
    throw err;
  }
  for (let i = 0; i < plan.length; i++) {
    const { job, prepared, ws: cws, key, req } = plan[i]!;
    let step: JobStatus = job.status;
    try {
      await buildAndInstall(ctx, job, prepared, cws, (s) => {
        step = s;
        ctx.jobs.setStatus(job, s);
      });
      rmSync(cws, { recursive: true, force: true });
      ctx.jobs.setStatus(job, 'completed');
    } catch (err) {
      ctx.jobs.setStatus(job, 'error', toJobError(err, step, req));
      for (const later of plan.slice(i + 1)) {
        ctx.jobs.setStatus(later.job, 'error', toJobError(errors.dependency(`not installed: ${key} failed`), later.job.status, later.req));
      }
      throw errors.dependency(`dependency ${key} failed: ${(err as Error).message}`, { dependency: key, job: job.uuid });
    }
  }
}

/** The whole install pipeline for one top-level job. The workspace is always removed. */
export async function runInstall(ctx: PipelineContext, job: Job, req: InstallRequest): Promise<void> {
  const ws = join(ctx.dataDir, 'work', job.uuid);
  let step: JobStatus = 'starting';
  const set = (s: JobStatus) => {
    step = s;
    ctx.jobs.setStatus(job, s);
  };
  try {
    set('starting');
    const prepared = await prepare(ctx, job, req, ws, set);
    if (prepared !== 'satisfied') {
      set('installing dependencies');
      await installDependencies(ctx, job, prepared.metadata, ws);
      await buildAndInstall(ctx, job, prepared, ws, set);
      set('cleaning');
    }
    rmSync(ws, { recursive: true, force: true });
    set('completed');
    ctx.log.info({ job: job.uuid, plugin: `${job.namespace}/${job.name}`, version: job.version }, prepared === 'satisfied' ? 'already installed' : 'installed');
  } catch (err) {
    rmSync(ws, { recursive: true, force: true });
    const e = toJobError(err, step, req);
    ctx.log.warn({ job: job.uuid, step, error_id: e.error_id, err: e.message }, 'install failed');
    ctx.jobs.setStatus(job, 'error', e);
  } finally {
    rmSync(ws, { recursive: true, force: true });
    ctx.locks.releaseAll(job.root);
  }
}
