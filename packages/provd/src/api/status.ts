import type { FastifyPluginAsync } from 'fastify';
import type { ApiDeps } from './context.js';
import { locationOf, sendJson } from './media.js';
import { schemas } from './schemas.js';

/**
 * `/0.2` (root links) and `/0.2/status`: the reference's `{rest_api: 'ok', bus_consumer: {status}}`
 * plus `status` and `plugins.status`, `starting` until the plugins are loaded, then `ok`.
 */
export function statusRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    app.get('/', { config: { acl: 'provd.read' }, schema: { response: { 200: schemas.links } } }, async (request, reply) => {
      const base = locationOf(request).replace(/\/$/, '');
      return sendJson(reply, 200, {
        links: [
          { rel: 'dev', href: `${base}/dev_mgr` },
          { rel: 'cfg', href: `${base}/cfg_mgr` },
          { rel: 'pg', href: `${base}/pg_mgr` },
          { rel: 'status', href: `${base}/status` },
          { rel: 'srv.configure', href: `${base}/configure` },
        ],
      });
    });
    app.get('/status', { config: { acl: 'provd.status.read' }, schema: { response: { 200: schemas.status } } }, async (_req, reply) => sendJson(reply, 200, deps.status()));
  };
}
