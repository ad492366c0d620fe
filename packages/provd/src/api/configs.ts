import type { FastifyPluginAsync } from 'fastify';
import type { ApiDeps, IdParams } from './context.js';
import { errors } from '../errors.js';
import { parseFindQuery, type FindQuery } from './find-params.js';
import { bodyMember, locationOf, sendCreated, sendJson } from './media.js';
import { schemas } from './schemas.js';
import { scopeOf } from './tenancy.js';

/** `/cfg_mgr`: configs (scoped to tenants: services/configs.ts) and autocreate. */
export function configRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    app.get('/', { config: { acl: 'provd.cfg_mgr.read' }, schema: { response: { 200: schemas.links } } }, async (request, reply) =>
      sendJson(reply, 200, { links: [{ rel: 'cfg.configs', href: locationOf(request, 'configs') }, { rel: 'cfg.autocreate', href: locationOf(request, 'autocreate') }] }),
    );

    app.get<{ Querystring: FindQuery }>(
      '/configs',
      { config: { acl: 'provd.cfg_mgr.configs.read' }, schema: { querystring: schemas.findQuery, response: { 200: schemas.configs } } },
      async (request, reply) => {
        const { selector, options } = parseFindQuery(request.query);
        return sendJson(reply, 200, { configs: await deps.configs.find(selector, options, scopeOf(request)) });
      },
    );

    app.post('/configs', { config: { acl: 'provd.cfg_mgr.configs.create' }, schema: { body: schemas.configBody, response: { 201: schemas.created } } }, async (request, reply) => {
      const id = await deps.configs.create(bodyMember(request, 'config'), scopeOf(request));
      return sendCreated(request, reply, id);
    });

    app.get<{ Params: IdParams }>(
      '/configs/:id',
      { config: { acl: 'provd.cfg_mgr.configs.{id}.read' }, schema: { params: schemas.idParams, response: { 200: schemas.config } } },
      async (request, reply) => sendJson(reply, 200, { config: await deps.configs.get(request.params.id, scopeOf(request)) }),
    );

    app.put<{ Params: IdParams }>(
      '/configs/:id',
      { config: { acl: 'provd.cfg_mgr.configs.{id}.update' }, schema: { params: schemas.idParams, body: schemas.configBody, response: { 204: schemas.noContent } } },
      async (request, reply) => {
        await deps.configs.replace(request.params.id, bodyMember(request, 'config'), scopeOf(request));
        return reply.code(204).send();
      },
    );

    app.delete<{ Params: IdParams }>(
      '/configs/:id',
      { config: { acl: 'provd.cfg_mgr.configs.{id}.delete' }, schema: { params: schemas.idParams, response: { 204: schemas.noContent } } },
      async (request, reply) => {
        await deps.configs.delete(request.params.id, scopeOf(request));
        return reply.code(204).send();
      },
    );

    app.get<{ Params: IdParams }>(
      '/configs/:id/raw',
      { config: { acl: 'provd.cfg_mgr.configs.{id}.raw.read' }, schema: { params: schemas.idParams, response: { 200: schemas.rawConfig } } },
      async (request, reply) => sendJson(reply, 200, { raw_config: await deps.configs.rawConfig(request.params.id, scopeOf(request)) }),
    );

    app.post('/autocreate', { config: { acl: 'provd.cfg_mgr.autocreate.create' }, schema: { response: { 201: schemas.created } } }, async (request, reply) => {
      const id = (await deps.configs.autocreate(undefined, scopeOf(request)))?.id ?? null;
      if (id === null) throw errors.badRequest('no config with role "autocreate" and a SIP line 1 to create a config from');
      reply.header('location', locationOf(request).replace(/\/autocreate$/, `/configs/${encodeURIComponent(id)}`));
      return sendJson(reply, 201, { id });
    });
  };
}
