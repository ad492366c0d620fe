import { isAuthError } from '@dialtone/auth';
import Fastify, { LogController, type FastifyError, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { isProvdError } from '../errors.js';
import { registerAuth } from './auth.js';
import { configRoutes } from './configs.js';
import { configureRoutes } from './configure.js';
import type { ApiDeps, RestOptions } from './context.js';
import { deviceRoutes } from './devices.js';
import { dhcpRoutes } from './dhcp.js';
import { synchronizeRoutes } from './synchronize.js';
import { registerMediaType } from './media.js';
import { apiDocRoutes, routeCollector, type RouteEntry } from './openapi.js';
import { operationRoutes } from './operations.js';
import { pluginRoutes } from './plugins.js';
import { registerSecurity } from './security.js';
import { tokenRoutes } from './tokens.js';
import { statusRoutes } from './status.js';
import { tenantRoutes } from './tenants.js';
import { dhcpConfigRoutes } from './dhcp-config.js';
import { uiRoutes } from './ui.js';

export interface RestApp {
  app: FastifyInstance;
  /** Every route registered (method, full path, ACL, schema): the API document and its tests read it. */
  routes: readonly RouteEntry[];
}

/**
 * Builds the REST API (no socket is opened until listen). Route groups are Fastify plugins
 * registered with their prefix under `/0.2`, the whole tree under `prefix`. Errors are
 * text/plain, as in the reference, with the code in a `Dialtone-Error-Code` header.
 */
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export function createRestApp(deps: ApiDeps, log: Logger, options: RestOptions): RestApp {
  const app = Fastify({
    loggerInstance: log.child({ component: 'rest' }),
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
  }) as unknown as FastifyInstance;
  const routes: RouteEntry[] = [];
  app.decorate('checkReplies', options.checkReplies ?? process.env.NODE_ENV !== 'production');
  const mount = options.prefix ?? '';
  app.addHook('onRoute', routeCollector(routes));
  registerSecurity(app, { corsOrigins: options.corsOrigins, allowedHosts: options.allowedHosts });
  app.addHook('onResponse', (request, reply, done) => {
    // The URL only: headers (X-Auth-Token) are never logged.
    request.log.info({ method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 100) / 100 }, 'rest request');
    done();
  });
  app.setErrorHandler((err: FastifyError, request, reply) => {
    let status = 500;
    let message = 'Internal error';
    let code = 'DT_ERR_INTERNAL';
    if (isProvdError(err) || isAuthError(err)) {
      status = err.statusCode;
      message = err.message;
      code = err.code;
      if (status >= 500) request.log.error({ err }, 'request failed');
    } else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      // one document is never this big: the limit keeps lists and memory bounded (rest_api.max_body_bytes)
      status = 413;
      message = `request body larger than ${options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES} bytes (rest_api.max_body_bytes)`;
      code = 'DT_ERR_BODY_TOO_LARGE';
    } else if (err.validation) {
      status = 400;
      message = `invalid request: ${err.message}`;
      code = 'DT_ERR_BAD_REQUEST';
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
  // Reference: OPTIONS answers 200 everywhere (CORS headers only for allowed origins).
  app.options('*', { config: { acl: false } }, async (_req, reply) => reply.code(200).send());

  void app.register(
    async (tree) => {
      await tree.register(apiDocRoutes(routes, mount), { prefix: '/0.2/api' });
      await tree.register(uiRoutes());
      await tree.register(
        async (api) => {
          registerAuth(api, deps.authenticator);
          registerMediaType(api);
          await api.register(statusRoutes(deps));
          await api.register(deviceRoutes(deps), { prefix: '/dev_mgr' });
          await api.register(dhcpRoutes(deps), { prefix: '/dev_mgr' });
          await api.register(synchronizeRoutes(deps), { prefix: '/dev_mgr' });
          await api.register(configRoutes(deps), { prefix: '/cfg_mgr' });
          await api.register(configureRoutes(deps), { prefix: '/configure' });
          await api.register(pluginRoutes(deps), { prefix: '/pg_mgr' });
          await api.register(tenantRoutes(deps), { prefix: '/tenants' });
          await api.register(operationRoutes(deps), { prefix: '/operations' });
          await api.register(dhcpConfigRoutes(deps), { prefix: '/dhcp_mgr' });
          await api.register(tokenRoutes(deps), { prefix: '/tokens' });
        },
        { prefix: '/0.2' },
      );
    },
    { prefix: mount },
  );
  return { app, routes };
}
