import type { FastifyPluginAsync } from 'fastify';
import { paramDefinitions } from '../params/index.js';
import type { ApiDeps } from './context.js';
import { bodyMember, locationOf, sendJson } from './media.js';
import { schemas } from './schemas.js';

interface ParamParams {
  param: string;
}

/** `/configure`: the configure parameters (reference §6). */
export function configureRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    app.get('/', { config: { acl: 'provd.configure.read' }, schema: { response: { 200: schemas.params } } }, async (request, reply) => {
      const tenant = request.identity!.tenant;
      const params = paramDefinitions.map((def) => ({
        id: def.id,
        description: def.description,
        value: deps.params.get(def.id, tenant),
        links: [{ rel: 'srv.configure.param', href: locationOf(request, def.id) }],
      }));
      return sendJson(reply, 200, { params });
    });

    app.get<{ Params: ParamParams }>(
      '/:param',
      { config: { acl: 'provd.configure.{tenant_uuid}.{param}.read' }, schema: { params: schemas.paramParams, response: { 200: schemas.param } } },
      async (request, reply) => sendJson(reply, 200, { param: { value: deps.params.get(request.params.param, request.identity!.tenant) } }),
    );

    app.put<{ Params: ParamParams }>(
      '/:param',
      { config: { acl: 'provd.configure.{tenant_uuid}.{param}.update' }, schema: { params: schemas.paramParams, body: schemas.paramBody, response: { 204: schemas.noContent } } },
      async (request, reply) => {
        const param = bodyMember(request, 'param') as { value: unknown };
        await deps.params.set(request.params.param, request.identity!.tenant, param.value);
        return reply.code(204).send();
      },
    );
  };
}
