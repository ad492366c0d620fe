import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { createDebBackend, createDirBackend, type PackageBackend } from './backends/index.js';
import type { ResolvedConfig } from './config.js';
import { errors } from './errors.js';
import { createMarket, decorate, queryMarket, type Market, type MarketQuery } from './market/index.js';
import type { InstallRequest, PipelineContext } from './pipeline/context.js';
import { runInstall } from './pipeline/install.js';
import { JobRegistry, type Job } from './pipeline/jobs.js';
import { LockTable } from './pipeline/locks.js';
import { parseInstallRequest, sourceKey } from './pipeline/request.js';
import { planUninstall, runUninstall } from './pipeline/uninstall.js';

/** Runs at most `limit` tasks at once, the rest in arrival order. */
function createLimiter(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  const idle = new Set<() => void>();
  const next = () => {
    if (running >= limit) return;
    const task = waiting.shift();
    if (task) {
      running++;
      task();
    } else if (running === 0) for (const r of idle) r();
  };
  return {
    run(task: () => Promise<void>) {
      waiting.push(() => {
        void task().finally(() => {
          running--;
          next();
        });
      });
      next();
    },
    idle: () => (running === 0 && waiting.length === 0 ? Promise.resolve() : new Promise<void>((r) => idle.add(r))),
  };
}

export type PlugindService = ReturnType<typeof createService>;

/** The plugin manager behind the REST API: jobs, backend, market. */
export function createService(config: ResolvedConfig, log: Logger, backend?: PackageBackend) {
  const workDir = join(config.dataDir, 'work');
  rmSync(workDir, { recursive: true, force: true }); // workspaces of a previous run that died
  mkdirSync(workDir, { recursive: true });
  const be =
    backend ??
    (config.backend === 'deb'
      ? createDebBackend({ root: config.debRoot ?? undefined, packagePrefix: config.packagePrefix })
      : createDirBackend({ prefix: config.prefix, stateDir: join(config.dataDir, 'dir-backend'), packagePrefix: config.packagePrefix }));
  const market: Market = createMarket({ url: config.marketUrl ?? undefined, ttlMs: config.marketTtlMs });
  const jobs = new JobRegistry();
  const locks = new LockTable();
  const limiter = createLimiter(config.concurrency);
  const ctx: PipelineContext = {
    dataDir: config.dataDir,
    wazoVersion: config.wazoVersion,
    timeouts: config.timeouts,
    maxDownloadBytes: config.maxDownloadBytes,
    backend: be,
    market,
    jobs,
    locks,
    log,
  };

  const installedVersions = async () => new Map((await be.list()).map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p.metadata.version]));

  return {
    jobs,
    backend: be,
    market,
    /** Validates the request, refuses a second install of the same source, queues the job. */
    install(body: unknown, reinstall = false): Job {
      const req: InstallRequest = parseInstallRequest(body, reinstall);
      const job = jobs.create('install', req as unknown as Record<string, unknown>);
      const key = sourceKey(req);
      const holder = locks.tryLock(key, job.uuid);
      if (holder) {
        jobs.discard(job.uuid);
        throw errors.busy(`${key} is already being installed or removed by job ${holder}`, { job: holder });
      }
      if (req.method === 'market') {
        job.namespace = req.options.namespace;
        job.name = req.options.name;
      }
      limiter.run(() => runInstall(ctx, job, req));
      return job;
    },
    /** Checks that the plugin is installed and may go (404, 409), then queues the removal. */
    async uninstall(namespace: string, name: string, cascade = false): Promise<Job> {
      const plan = await planUninstall(ctx, namespace, name, cascade);
      const job = jobs.create('uninstall', { namespace, name, cascade, plan });
      job.namespace = namespace;
      job.name = name;
      for (const key of plan) {
        const holder = locks.tryLock(key, job.uuid);
        if (holder) {
          locks.releaseAll(job.uuid);
          jobs.discard(job.uuid);
          throw errors.busy(`${key} is being installed or removed by job ${holder}`, { job: holder });
        }
      }
      limiter.run(() => runUninstall(ctx, job, plan));
      return job;
    },
    async list() {
      return (await be.list()).map((p) => p.metadata);
    },
    async get(namespace: string, name: string) {
      const p = await be.get(namespace, name);
      if (!p) throw errors.notFound(`plugin ${namespace}/${name} is not installed`);
      return p.metadata;
    },
    async marketList(q: MarketQuery) {
      return queryMarket(await market.items(), await installedVersions(), config.wazoVersion, q);
    },
    async marketGet(namespace: string, name: string) {
      const item = await market.find(namespace, name);
      if (!item) throw errors.notFound(`${namespace}/${name} is not in the market`);
      return decorate(item, config.wazoVersion, (await installedVersions()).get(`${namespace}/${name}`) ?? null);
    },
    /** Resolves when no job runs or waits. */
    idle: () => limiter.idle(),
  };
}
