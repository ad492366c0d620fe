import type { FastifyInstance } from 'fastify';
import type { ApiDeps, IdParams } from './context.js';
import { parseFindQuery, type FindQuery } from './find-params.js';
import { bodyMember, sendCreated, sendJson } from './media.js';

export function registerDeviceRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/0.2/dev_mgr', async (_req, reply) =>
    sendJson(reply, 200, { links: [{ rel: 'dev.devices', href: '/0.2/dev_mgr/devices' }, { rel: 'dev.reconfigure', href: '/0.2/dev_mgr/reconfigure' }, { rel: 'dev.dhcpinfo', href: '/0.2/dev_mgr/dhcpinfo' }] }),
  );

  app.get<{ Querystring: FindQuery }>('/0.2/dev_mgr/devices', async (request, reply) => {
    const { selector, options } = parseFindQuery(request.query);
    const devices = await deps.devices.find(deps.scopeOf(request), selector, options);
    return sendJson(reply, 200, { devices });
  });

  app.post('/0.2/dev_mgr/devices', async (request, reply) => {
    const id = await deps.devices.create(deps.scopeOf(request), bodyMember(request, 'device'));
    return sendCreated(request, reply, id);
  });

  app.get<{ Params: IdParams }>('/0.2/dev_mgr/devices/:id', async (request, reply) => {
    const device = await deps.devices.get(deps.scopeOf(request), request.params.id);
    return sendJson(reply, 200, { device });
  });

  app.put<{ Params: IdParams }>('/0.2/dev_mgr/devices/:id', async (request, reply) => {
    await deps.devices.replace(deps.scopeOf(request), request.params.id, bodyMember(request, 'device'));
    return reply.code(204).send();
  });

  app.delete<{ Params: IdParams }>('/0.2/dev_mgr/devices/:id', async (request, reply) => {
    await deps.devices.delete(deps.scopeOf(request), request.params.id);
    return reply.code(204).send();
  });
}
