import type { FastifyPluginAsync } from 'fastify';
import type { ApiDeps } from './context.js';
import { sendJson } from './media.js';
import { schemas } from './schemas.js';

/**
 * `/operations` (Dialtone): every operation in progress, or finished and not yet deleted or
 * expired, oldest first, with the path to follow it (`GET`) and free it (`DELETE`).
 */
export function operationRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    app.get('/', { config: { acl: 'provd.operation.read' }, schema: { response: { 200: schemas.operations } } }, async (_request, reply) => {
      const operations = (deps.operations?.list() ?? []).map(({ location, operation }) => ({
        location,
        status: operation.format(),
        label: operation.label,
        state: operation.state,
        current: operation.current,
        end: operation.end,
      }));
      return sendJson(reply, 200, { operations });
    });
  };
}
