import type { FastifyInstance } from 'fastify';
import { errors } from '../errors.js';
import type { ApiDeps, IdParams } from './context.js';
import { sendJson } from './media.js';

/**
 * Plugin listing. Reference shape `{plugins: {id: {links}}}`, plus `state` and, for a plugin
 * that failed to load, `error: {code, message}` (so a broken plugin is visible, not silent).
 */
export function registerPluginRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/0.2/pg_mgr', async (_req, reply) =>
    sendJson(reply, 200, { links: [{ rel: 'pg.plugins', href: '/0.2/pg_mgr/plugins' }] }),
  );

  app.get('/0.2/pg_mgr/plugins', async (_req, reply) => {
    const plugins: Record<string, unknown> = {};
    for (const s of deps.plugins.states()) {
      plugins[s.id] = {
        links: [{ rel: 'pg.plugin', href: `/0.2/pg_mgr/plugins/${encodeURIComponent(s.id)}` }],
        state: s.state,
        ...(s.version ? { version: s.version } : {}),
        ...(s.error ? { error: s.error } : {}),
      };
    }
    return sendJson(reply, 200, { plugins });
  });

  app.get<{ Params: IdParams }>('/0.2/pg_mgr/plugins/:id', async (request, reply) => {
    if (!deps.plugins.get(request.params.id)) throw errors.notFound(`no loaded plugin ${JSON.stringify(request.params.id)}`);
    return sendJson(reply, 200, { links: [{ rel: 'pg.info', href: `/0.2/pg_mgr/plugins/${encodeURIComponent(request.params.id)}/info` }] });
  });

  app.get<{ Params: IdParams }>('/0.2/pg_mgr/plugins/:id/info', async (request, reply) => {
    const plugin = deps.plugins.get(request.params.id);
    if (!plugin) throw errors.notFound(`no loaded plugin ${JSON.stringify(request.params.id)}`);
    return sendJson(reply, 200, { plugin_info: plugin.info });
  });
}
