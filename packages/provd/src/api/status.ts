import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from './context.js';
import { sendJson } from './media.js';

export function registerStatusRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/0.2', async (_req, reply) =>
    sendJson(reply, 200, {
      links: [
        { rel: 'dev', href: '/0.2/dev_mgr' },
        { rel: 'cfg', href: '/0.2/cfg_mgr' },
        { rel: 'pg', href: '/0.2/pg_mgr' },
        { rel: 'status', href: '/0.2/status' },
      ],
    }),
  );
  app.get('/0.2/status', async (_req, reply) => sendJson(reply, 200, deps.status()));
}
