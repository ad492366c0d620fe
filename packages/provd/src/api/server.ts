import Fastify, { LogController, type FastifyError, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { isProvdError } from '../errors.js';
import type { ApiDeps } from './context.js';
import { registerConfigRoutes } from './configs.js';
import { registerDeviceRoutes } from './devices.js';
import { registerDhcpRoutes } from './dhcp.js';
import { registerDhcpConfigRoutes } from './dhcp-config.js';
import { registerPluginRoutes } from './plugins.js';
import { registerMediaType } from './media.js';
import { registerStatusRoutes } from './status.js';
import { registerUiRoutes } from './ui.js';

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'access-control-allow-headers': 'Content-Type, Accept, X-Auth-Token, Wazo-Tenant',
};

/** Builds the REST API (no socket is opened until listen). Errors are text/plain, as in the reference. */
export function createRestApp(deps: ApiDeps, log: Logger): FastifyInstance {
  const app = Fastify({ loggerInstance: log.child({ component: 'rest' }), logController: new LogController({ disableRequestLogging: true }), bodyLimit: 4 * 1024 * 1024 }) as unknown as FastifyInstance;
  registerMediaType(app);
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(CORS_HEADERS);
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info({ method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 100) / 100 }, 'rest request');
  });
  app.options('/*', async (_req, reply) => reply.code(200).send());
  app.setErrorHandler((err: FastifyError, request, reply) => {
    let status = 500;
    let message = 'Internal error';
    let code = 'DT_ERR_INTERNAL';
    if (isProvdError(err)) {
      status = err.statusCode;
      message = err.message;
      code = err.code;
    } else if (err.statusCode && err.statusCode < 500) {
      status = err.statusCode;
      message = err.message;
      code = err.code ?? code;
    } else {
      request.log.error({ err }, 'unexpected error');
    }
    return reply.code(status).header('dialtone-error-code', code).type('text/plain; charset=utf-8').send(message);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).header('dialtone-error-code', 'DT_ERR_NO_ROUTE').type('text/plain; charset=utf-8').send(`no route for ${request.method} ${request.url.split('?')[0]}`),
  );
  registerStatusRoutes(app, deps);
  registerDeviceRoutes(app, deps);
  registerConfigRoutes(app, deps);
  registerDhcpRoutes(app, deps);
  registerDhcpConfigRoutes(app, deps);
  registerPluginRoutes(app, deps);
  registerUiRoutes(app);
  return app;
}
