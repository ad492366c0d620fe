import type { FastifyPluginAsync } from 'fastify';
import { errors } from '../errors.js';
import type { ApiDeps, IdParams } from './context.js';
import { locationOf, sendJson } from './media.js';

/**
 * Plugin listing. Reference shape `{plugins: {id: {links}}}`, plus `state` and, for a plugin
 * that failed to load, `error: {code, message}` (so a broken plugin is visible, not silent).
 */
export function pluginRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    app.get('/', { config: { acl: 'provd.pg_mgr.read' } }, async (request, reply) =>
      sendJson(reply, 200, { links: [{ rel: 'pg.plugins', href: locationOf(request, 'plugins') }] }),
    );

    app.get('/plugins', { config: { acl: 'provd.pg_mgr.plugins.read' } }, async (request, reply) => {
      const plugins: Record<string, unknown> = {};
      for (const s of deps.plugins.states()) {
        plugins[s.id] = {
          links: [{ rel: 'pg.plugin', href: locationOf(request, s.id) }],
          state: s.state,
          ...(s.version ? { version: s.version } : {}),
          ...(s.error ? { error: s.error } : {}),
        };
      }
      return sendJson(reply, 200, { plugins });
    });

    app.get<{ Params: IdParams }>('/plugins/:id', { config: { acl: 'provd.pg_mgr.plugins.{id}.read' } }, async (request, reply) => {
      if (!deps.plugins.get(request.params.id)) throw errors.notFound(`no loaded plugin ${JSON.stringify(request.params.id)}`);
      return sendJson(reply, 200, { links: [{ rel: 'pg.info', href: locationOf(request, 'info') }] });
    });

    app.get<{ Params: IdParams }>('/plugins/:id/info', { config: { acl: 'provd.pg_mgr.plugins.{id}.info.read' } }, async (request, reply) => {
      const plugin = deps.plugins.get(request.params.id);
      if (!plugin) throw errors.notFound(`no loaded plugin ${JSON.stringify(request.params.id)}`);
      return sendJson(reply, 200, { plugin_info: plugin.info });
    });
  };
}
