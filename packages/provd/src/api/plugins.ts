/**
 * `/pg_mgr`: plugins (listing, info), the plugin manager (update, install, upgrade, uninstall,
 * reload, installed, installable) and each plugin's package service, with the reference shapes
 * the official client (wazo-provd-client) uses. Long work answers 201 with a path-only
 * Location of an operation: GET it for `{status}`, DELETE it when done.
 * Each route names its reference ACL in `config.acl`.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { PackageService } from '@dialtone/plugin-sdk';
import { errors } from '../errors.js';
import { Operation, type OperationRegistry } from '../operations/index.js';
import type { PluginHost } from '../plugins/host.js';
import type { PluginManager } from '../plugins/manager.js';
import { sendJson } from './media.js';
import { schemas } from './schemas.js';

export interface PluginRouteDeps {
  plugins: PluginHost;
  pluginManager?: PluginManager;
  operations?: OperationRegistry;
  /** The package service of a loaded plugin (its own, or the host's pkgs.db installer); null when none. */
  packagesOf?(pluginId: string): PackageService | null;
}

const ID_BODY = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 256 } } } as const;
const OPERATION_PARAMS = { type: 'object', properties: { n: { type: 'integer', minimum: 1 } } } as const;

type IdBody = { id: string };
type PluginParams = { id: string };

function links(base: string, rels: Array<[string, string]>) {
  return { links: rels.map(([rel, path]) => ({ rel, href: `${base}/${path}` })) };
}

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0]!.replace(/\/$/, '');
}

/** 201 + Location, no body (reference respond_created_no_content). */
function created(reply: FastifyReply, location: string): FastifyReply {
  return reply.code(201).header('location', location).send();
}

/** The `/pg_mgr` routes, as a Fastify plugin registered with that prefix under `/0.2`. */
export function pluginRoutes(deps: PluginRouteDeps): FastifyPluginAsync {
  return async (app) => registerPluginRoutes(app, deps);
}

function registerPluginRoutes(app: FastifyInstance, deps: PluginRouteDeps): void {
  const { plugins } = deps;
  const manager = () => {
    if (!deps.pluginManager || !deps.operations) throw errors.notFound('the plugin manager is not enabled');
    return { manager: deps.pluginManager, operations: deps.operations };
  };
  const operations = () => {
    if (!deps.operations) throw errors.notFound('no operations');
    return deps.operations;
  };

  /** GET and DELETE of the operations started under `base` (e.g. /0.2/pg_mgr/install/install). */
  const operationRoutes = (base: string) => {
    app.get<{ Params: { n: number } & Record<string, string> }>(`${base}/:n`, { schema: { params: OPERATION_PARAMS, response: { 200: schemas.operationStatus } }, config: { acl: 'provd.operation.read' } }, async (request, reply) => {
      const op = operations().get(parentPath(request), request.params.n);
      if (!op) throw errors.notFound(`no operation ${request.params.n}`);
      return sendJson(reply, 200, { status: op.format(), ...(op.error ? { error: op.error } : {}) });
    });
    app.delete<{ Params: { n: number } & Record<string, string> }>(`${base}/:n`, { schema: { params: OPERATION_PARAMS, response: { 204: schemas.noContent } }, config: { acl: 'provd.operation.delete' } }, async (request, reply) => {
      if (!operations().delete(parentPath(request), request.params.n)) throw errors.notFound(`no operation ${request.params.n}`);
      return reply.code(204).send();
    });
  };

  app.get('/', { config: { acl: 'provd.pg_mgr.read' }, schema: { response: { 200: schemas.links } } }, async (request, reply) =>
    sendJson(reply, 200, links(pathOf(request), [['pg.install', 'install'], ['pg.plugins', 'plugins'], ['pg.reload', 'reload']])),
  );

  app.get('/install', { config: { acl: 'provd.pg_mgr.install.read' }, schema: { response: { 200: schemas.links } } }, async (request, reply) =>
    sendJson(reply, 200, links(pathOf(request), [['srv.install.install', 'install'], ['srv.install.uninstall', 'uninstall'], ['srv.install.installed', 'installed'], ['srv.install.installable', 'installable'], ['srv.install.upgrade', 'upgrade'], ['srv.install.update', 'update']])),
  );

  app.post(`/install/update`, { config: { acl: 'provd.pg_mgr.install.update.create' }, schema: { response: { 201: schemas.operationStarted } } }, async (request, reply) => {
    const { manager: m, operations: ops } = manager();
    m.checkUpdate();
    const started = ops.start(pathOf(request), new Operation('update'), (op) => m.update(op));
    return created(reply, started.location);
  });
  operationRoutes(`/install/update`);

  for (const mode of ['install', 'upgrade'] as const) {
    app.post<{ Body: IdBody }>(`/install/${mode}`, { schema: { body: ID_BODY, response: { 201: schemas.operationStarted } }, config: { acl: `provd.pg_mgr.install.${mode}.create` } }, async (request, reply) => {
      const { manager: m, operations: ops } = manager();
      const { id } = request.body;
      m.checkInstall(id, mode); // unknown, installed/not installed, busy: 400 now, not a failed operation
      const started = ops.start(pathOf(request), new Operation(mode), (op) => m[mode](id, op));
      return created(reply, started.location);
    });
    operationRoutes(`/install/${mode}`);
  }

  app.post<{ Body: IdBody }>(`/install/uninstall`, { schema: { body: ID_BODY, response: { 204: schemas.noContent } }, config: { acl: 'provd.pg_mgr.install.uninstall.create' } }, async (request, reply) => {
    await manager().manager.uninstall(request.body.id);
    return reply.code(204).send();
  });

  app.get(`/install/installed`, { config: { acl: 'provd.pg_mgr.install.installed.read' }, schema: { response: { 200: schemas.pkgs } } }, async (_req, reply) =>
    sendJson(reply, 200, { pkgs: await manager().manager.installed() }),
  );

  app.get(`/install/installable`, { config: { acl: 'provd.pg_mgr.install.installable.read' }, schema: { response: { 200: schemas.pkgs } } }, async (_req, reply) =>
    sendJson(reply, 200, { pkgs: manager().manager.installable() }),
  );

  app.post<{ Body: IdBody }>(`/reload`, { schema: { body: ID_BODY, response: { 204: schemas.noContent } }, config: { acl: 'provd.pg_mgr.reload.create' } }, async (request, reply) => {
    await manager().manager.reload(request.body.id);
    return reply.code(204).send();
  });

  /**
   * Reference shape `{plugins: {id: {links}}}`, plus `state` and, for a plugin that failed to
   * load, `error: {code, message}` (so a broken plugin is visible, not silent).
   */
  app.get('/plugins', { config: { acl: 'provd.pg_mgr.plugins.read' }, schema: { response: { 200: schemas.plugins } } }, async (request, reply) => {
    const out: Record<string, unknown> = {};
    for (const s of plugins.states()) {
      out[s.id] = {
        links: [{ rel: 'pg.plugin', href: `${pathOf(request)}/${encodeURIComponent(s.id)}` }],
        state: s.state,
        ...(s.version ? { version: s.version } : {}),
        ...(s.error ? { error: s.error } : {}),
      };
    }
    return sendJson(reply, 200, { plugins: out });
  });

  const loaded = (id: string) => {
    const plugin = plugins.get(id);
    if (!plugin) throw errors.notFound(`no loaded plugin ${JSON.stringify(id)}`);
    return plugin;
  };

  app.get<{ Params: PluginParams }>(`/plugins/:id`, { config: { acl: 'provd.pg_mgr.plugins.{id}.read' }, schema: { response: { 200: schemas.links } } }, async (request, reply) => {
    loaded(request.params.id);
    const base = pathOf(request);
    return sendJson(reply, 200, links(base, [['pg.info', 'info'], ['srv.install', 'install']]));
  });

  app.get<{ Params: PluginParams }>(`/plugins/:id/info`, { config: { acl: 'provd.pg_mgr.plugins.{id}.info.read' }, schema: { response: { 200: schemas.pluginInfo } } }, async (request, reply) =>
    sendJson(reply, 200, { plugin_info: loaded(request.params.id).info }),
  );

  // the plugin's package service (firmware, language files)
  const packages = (id: string): PackageService => {
    loaded(id);
    const service = deps.packagesOf?.(id) ?? null;
    if (!service) throw errors.notFound(`plugin ${JSON.stringify(id)} has no package service`);
    return service;
  };
  const pkgBase = `/plugins/:id/install`;

  app.get<{ Params: PluginParams }>(pkgBase, { config: { acl: 'provd.pg_mgr.plugins.{id}.install.read' }, schema: { response: { 200: schemas.links } } }, async (request, reply) => {
    packages(request.params.id);
    return sendJson(reply, 200, links(pathOf(request), [['srv.install.install', 'install'], ['srv.install.uninstall', 'uninstall'], ['srv.install.installed', 'installed'], ['srv.install.installable', 'installable'], ['srv.install.upgrade', 'upgrade']]));
  });
  app.get<{ Params: PluginParams }>(`${pkgBase}/installed`, { config: { acl: 'provd.pg_mgr.plugins.{id}.install.installed.read' }, schema: { response: { 200: schemas.pkgs } } }, async (request, reply) =>
    sendJson(reply, 200, { pkgs: await packages(request.params.id).installed() }),
  );
  app.get<{ Params: PluginParams }>(`${pkgBase}/installable`, { config: { acl: 'provd.pg_mgr.plugins.{id}.install.installable.read' }, schema: { response: { 200: schemas.pkgs } } }, async (request, reply) =>
    sendJson(reply, 200, { pkgs: await packages(request.params.id).installable() }),
  );
  for (const mode of ['install', 'upgrade'] as const) {
    app.post<{ Params: PluginParams; Body: IdBody }>(`${pkgBase}/${mode}`, { schema: { body: ID_BODY, response: { 201: schemas.operationStarted } }, config: { acl: `provd.pg_mgr.plugins.{id}.install.${mode}.create` } }, async (request, reply) => {
      const service = packages(request.params.id);
      const pkg = request.body.id;
      const installable = await service.installable();
      if (!(pkg in installable)) throw errors.badRequest(`plugin ${request.params.id} has no package ${JSON.stringify(pkg)}`);
      if (mode === 'upgrade' && !(pkg in (await service.installed()))) throw errors.badRequest(`package ${JSON.stringify(pkg)} is not installed`);
      const started = operations().start(pathOf(request), new Operation(`${mode}_pkg`), async (op) => {
        const download = op.sub('download');
        const install = op.sub('install');
        await service.install(pkg, (step, current, end) => (step === 'download' ? download : install).progress(current, end));
        download.succeed();
        install.succeed();
      });
      return created(reply, started.location);
    });
    operationRoutes(`${pkgBase}/${mode}`);
  }
  app.post<{ Params: PluginParams; Body: IdBody }>(`${pkgBase}/uninstall`, { schema: { body: ID_BODY, response: { 204: schemas.noContent } }, config: { acl: 'provd.pg_mgr.plugins.{id}.install.uninstall.create' } }, async (request, reply) => {
    await packages(request.params.id).uninstall(request.body.id);
    return reply.code(204).send();
  });
}

/** The operation's parent path: the request path without its last segment. */
function parentPath(request: FastifyRequest): string {
  const path = pathOf(request);
  return path.slice(0, path.lastIndexOf('/'));
}
