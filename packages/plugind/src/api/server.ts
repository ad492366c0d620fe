import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { PlugindTokens } from '../auth/index.js';
import { errors, isPlugindError, PlugindError } from '../errors.js';
import type { MarketQuery } from '../market/index.js';
import type { Job, JobEvent } from '../pipeline/jobs.js';
import type { PlugindService } from '../service.js';

export interface ApiDeps {
  service: PlugindService;
  tokens: PlugindTokens;
  log: Logger;
  status(): Record<string, unknown>;
  config(): Record<string, unknown>;
}

type Params = { namespace: string; name: string; uuid: string; id: string };
type Acl = string | ((params: Params) => string);

function errorBody(err: PlugindError) {
  return { message: err.message, error_id: err.errorId, resource: 'plugins', details: err.details, timestamp: Date.now() / 1000, code: err.code };
}

/** A job as the API shows it. */
export function jobView(j: Job) {
  return {
    uuid: j.uuid,
    kind: j.kind,
    parent: j.parent,
    root: j.root,
    status: j.status,
    namespace: j.namespace,
    name: j.name,
    version: j.version,
    request: j.request,
    history: j.history,
    errors: j.errors ?? null,
    children: j.children,
    logs: j.logs,
    created_at: j.createdAt,
    finished_at: j.finishedAt,
  };
}

const nsParam = { type: 'string', pattern: '^[a-z0-9]+$' } as const;
const nameParam = { type: 'string', pattern: '^[a-z0-9-]+$' } as const;

/** The REST API under /0.2, every route but the OpenAPI-free ones ACL-checked with `X-Auth-Token`. */
export function buildApi(deps: ApiDeps): FastifyInstance {
  const app = Fastify({ loggerInstance: deps.log as FastifyBaseLogger, bodyLimit: 64 * 1024, forceCloseConnections: true, logController: new LogController({ disableRequestLogging: true }) });
  const { service, tokens } = deps;

  app.setErrorHandler((err: unknown, _req, reply) => {
    if (isPlugindError(err)) return reply.code(err.statusCode).send(errorBody(err));
    const e = err as { statusCode?: number; message?: string; validation?: unknown };
    if (e.statusCode && e.statusCode < 500) {
      return reply.code(e.statusCode).send(errorBody(errors.invalidData(e.message ?? 'invalid request', e.validation ? { validation: e.validation } : {})));
    }
    deps.log.error({ err }, 'unexpected error');
    return reply.code(500).send({ message: 'internal error', error_id: 'unexpected-error', resource: 'plugins', details: {}, timestamp: Date.now() / 1000 });
  });

  const guard = (acl: Acl) => async (req: FastifyRequest) => {
    const required = typeof acl === 'string' ? acl : acl(req.params as Params);
    const header = req.headers['x-auth-token'];
    const r = await tokens.check(Array.isArray(header) ? header[0] : header, required);
    if (!r.ok) {
      if (r.reason === 'forbidden') throw errors.forbidden(`this token may not ${required}`, { required_acl: required });
      throw errors.unauthorized(`${r.reason === 'missing' ? 'no X-Auth-Token' : `${r.reason} token`}`, { required_acl: required });
    }
  };

  app.get('/0.2/status', { preHandler: guard('plugind.status.read') }, async () => deps.status());
  app.get('/0.2/config', { preHandler: guard('plugind.config.read') }, async () => deps.config());

  app.get('/0.2/plugins', { preHandler: guard('plugind.plugins.read') }, async () => {
    const items = await service.list();
    return { items, total: items.length };
  });
  app.post<{ Querystring: { reinstall?: string } }>('/0.2/plugins', { preHandler: guard('plugind.plugins.create') }, async (req) => {
    const job = service.install(req.body, req.query.reinstall === 'true' || req.query.reinstall === '');
    return { uuid: job.uuid };
  });
  const pluginParams = { type: 'object', properties: { namespace: nsParam, name: nameParam }, required: ['namespace', 'name'] } as const;
  app.get<{ Params: Params }>(
    '/0.2/plugins/:namespace/:name',
    { schema: { params: pluginParams }, preHandler: guard((p) => `plugind.plugins.${p.namespace}.${p.name}.read`) },
    async (req) => service.get(req.params.namespace, req.params.name),
  );
  app.delete<{ Params: Params; Querystring: { cascade?: string } }>(
    '/0.2/plugins/:namespace/:name',
    { schema: { params: pluginParams }, preHandler: guard((p) => `plugind.plugins.${p.namespace}.${p.name}.delete`) },
    async (req) => {
      const job = await service.uninstall(req.params.namespace, req.params.name, req.query.cascade === 'true' || req.query.cascade === '');
      return { uuid: job.uuid };
    },
  );

  app.get<{ Querystring: Record<string, string> }>('/0.2/market', { preHandler: guard('plugind.market.read') }, async (req) => {
    const { limit, offset, order, direction, search, installed, ...filters } = req.query;
    const bad: Record<string, unknown> = {};
    const int = (k: string, v: string | undefined) => {
      if (v === undefined) return undefined;
      if (!/^\d+$/.test(v)) bad[k] = { constraint_id: 'range', constraint: { min: 0 }, message: 'Must be a non-negative integer.' };
      return Number(v);
    };
    const q: MarketQuery = { limit: int('limit', limit), offset: int('offset', offset), order, search, filters };
    if (direction !== undefined) {
      if (direction !== 'asc' && direction !== 'desc') bad.direction = { constraint_id: 'regex', constraint: '^(asc|desc)$', message: 'Must be asc or desc.' };
      else q.direction = direction;
    }
    if (installed !== undefined) q.installed = installed === 'true' || installed === '1';
    if (Object.keys(bad).length) throw errors.invalidData('invalid market query', bad);
    return service.marketList(q);
  });
  app.get<{ Params: Params }>('/0.2/market/:namespace/:name', { schema: { params: pluginParams }, preHandler: guard('plugind.market.read') }, async (req) =>
    service.marketGet(req.params.namespace, req.params.name),
  );

  app.get('/0.2/jobs', { preHandler: guard('plugind.jobs.read') }, async () => {
    const items = service.jobs.list().map(jobView);
    return { items, total: items.length };
  });
  const job = (uuid: string) => {
    const j = service.jobs.get(uuid);
    if (!j) throw errors.notFound(`no job ${uuid}`);
    return j;
  };
  app.get<{ Params: Params }>('/0.2/jobs/:uuid', { preHandler: guard('plugind.jobs.read') }, async (req) => jobView(job(req.params.uuid)));
  app.get<{ Params: Params }>('/0.2/jobs/:uuid/events', { preHandler: guard('plugind.jobs.read') }, async (req, reply) => {
    const j = job(req.params.uuid);
    const root = service.jobs.get(j.root)!;
    streamEvents(reply, service, (e) => e.root === root.uuid, root.events, () => root.finishedAt !== null);
  });
  app.get('/0.2/events', { preHandler: guard('plugind.jobs.read') }, async (_req, reply) => {
    streamEvents(reply, service, () => true, [], () => false);
  });

  app.post<{ Body: { acl?: unknown; expiration?: unknown } }>('/0.2/tokens', { preHandler: guard('plugind.tokens.create') }, async (req) => {
    const acl = req.body?.acl;
    if (!Array.isArray(acl) || !acl.every((a) => typeof a === 'string' && a.length > 0 && a.length < 256)) {
      throw errors.invalidData('acl must be a list of ACL strings', { acl: { constraint_id: 'type', constraint: 'list', message: 'Not a valid list of strings.' } });
    }
    const exp = req.body?.expiration;
    if (exp !== undefined && (typeof exp !== 'number' || !(exp > 0))) {
      throw errors.invalidData('expiration must be a positive number of seconds', { expiration: { constraint_id: 'range', constraint: { min: 1 }, message: 'Must be positive.' } });
    }
    const { secret, token } = await tokens.create(acl as string[], exp as number | undefined);
    return { token: secret, id: token.id, acl: token.acl, expires_at: token.expires_at };
  });
  app.delete<{ Params: Params }>('/0.2/tokens/:id', { preHandler: guard('plugind.tokens.delete') }, async (req, reply) => {
    if (!(await tokens.revoke(req.params.id))) throw errors.notFound(`no token ${req.params.id}`);
    return reply.code(204).send();
  });
  return app;
}

/**
 * Server-Sent Events: `event: progress` with the JobEvent as data. Replays `past`, then follows
 * live events until `done()`; a comment line every 15 s keeps proxies from closing it.
 */
function streamEvents(reply: FastifyReply, service: PlugindService, match: (e: JobEvent) => boolean, past: readonly JobEvent[], done: () => boolean): void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  const write = (e: JobEvent) => res.write(`event: progress\nid: ${e.uuid}:${e.status.replace(/ /g, '_')}\ndata: ${JSON.stringify(e)}\n\n`);
  for (const e of past) write(e);
  const end = () => {
    service.jobs.off('event', onEvent);
    clearInterval(beat);
    res.end();
  };
  const onEvent = (e: JobEvent) => {
    if (!match(e)) return;
    write(e);
    if (done()) end();
  };
  const beat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  res.on('close', end);
  if (done()) return end();
  service.jobs.on('event', onEvent);
}
