import type { FastifyInstance } from 'fastify';
import type { ApiDeps, IdParams } from './context.js';
import { errors } from '../errors.js';
import { parseFindQuery, type FindQuery } from './find-params.js';
import { bodyMember, sendCreated, sendJson } from './media.js';

export function registerConfigRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/0.2/cfg_mgr', async (_req, reply) =>
    sendJson(reply, 200, { links: [{ rel: 'cfg.configs', href: '/0.2/cfg_mgr/configs' }, { rel: 'cfg.autocreate', href: '/0.2/cfg_mgr/autocreate' }] }),
  );

  app.get<{ Querystring: FindQuery }>('/0.2/cfg_mgr/configs', async (request, reply) => {
    const { selector, options } = parseFindQuery(request.query);
    return sendJson(reply, 200, { configs: await deps.configs.find(selector, options) });
  });

  app.post('/0.2/cfg_mgr/configs', async (request, reply) => {
    const id = await deps.configs.create(bodyMember(request, 'config'));
    return sendCreated(request, reply, id);
  });

  app.get<{ Params: IdParams }>('/0.2/cfg_mgr/configs/:id', async (request, reply) =>
    sendJson(reply, 200, { config: await deps.configs.get(request.params.id) }),
  );

  app.put<{ Params: IdParams }>('/0.2/cfg_mgr/configs/:id', async (request, reply) => {
    await deps.configs.replace(request.params.id, bodyMember(request, 'config'));
    return reply.code(204).send();
  });

  app.delete<{ Params: IdParams }>('/0.2/cfg_mgr/configs/:id', async (request, reply) => {
    await deps.configs.delete(request.params.id);
    return reply.code(204).send();
  });

  app.get<{ Params: IdParams }>('/0.2/cfg_mgr/configs/:id/raw', async (request, reply) =>
    sendJson(reply, 200, { raw_config: await deps.configs.rawConfig(request.params.id) }),
  );

  app.post('/0.2/cfg_mgr/autocreate', async (request, reply) => {
    const id = (await deps.configs.autocreate())?.id ?? null;
    if (id === null) throw errors.badRequest('no config with role "autocreate" and a SIP line 1 to create a config from');
    reply.header('location', `/0.2/cfg_mgr/configs/${encodeURIComponent(id)}`);
    return sendJson(reply, 201, { id });
  });
}
