/**
 * The HTTP service: GET /0.1/files/<resource>/<filename>?cache=cached|invalidate, plus the driver
 * list and status. A stale answer is 200 with `Warning: 110` and `Confgend-Stale: <reason>`; an
 * error is JSON {code, message, driver?} with the status of its code.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { errors, isConfgendError } from './errors.js';
import type { CacheMode, Generator } from './generator.js';
import { checkFileName } from './names.js';
import type { Registry } from './registry.js';

export interface HttpDeps {
  readonly generator: Generator;
  readonly registry: Registry;
  readonly log: Logger;
  readonly status: () => Record<string, unknown>;
}

const errorSchema = {
  type: 'object',
  properties: { code: { type: 'string' }, message: { type: 'string' }, driver: { type: 'string' } },
  required: ['code', 'message'],
} as const;

export function buildHttp(deps: HttpDeps): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 1024 });

  app.setErrorHandler((err, _request, reply) => {
    const e = isConfgendError(err)
      ? err
      : (err as { validation?: unknown }).validation
        ? errors.badRequest((err as Error).message)
        : null;
    if (!e) {
      deps.log.error({ err }, 'internal error');
      return reply.code(500).header('Dialtone-Error-Code', 'DT_ERR_INTERNAL').send({ code: 'DT_ERR_INTERNAL', message: 'internal error' });
    }
    return reply
      .code(e.statusCode)
      .header('Dialtone-Error-Code', e.code)
      .send({ code: e.code, message: e.message, ...(e.driver ? { driver: e.driver } : {}) });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).header('Dialtone-Error-Code', 'DT_ERR_CONFGEND_NO_ROUTE').send({ code: 'DT_ERR_CONFGEND_NO_ROUTE', message: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );

  app.get<{ Params: { resource: string; filename: string }; Querystring: { cache?: 'cached' | 'invalidate' } }>('/0.1/files/:resource/:filename', {
    schema: {
      params: { type: 'object', properties: { resource: { type: 'string' }, filename: { type: 'string' } }, required: ['resource', 'filename'] },
      querystring: { type: 'object', properties: { cache: { type: 'string', enum: ['cached', 'invalidate'] } }, additionalProperties: false },
      response: { '4xx': errorSchema, '5xx': errorSchema },
    },
  }, async (request, reply) => {
    const file = checkFileName(request.params.resource, request.params.filename);
    const mode: CacheMode = request.query.cache ?? 'generate';
    const answer = await deps.generator.get(file, mode);
    if (!answer) return reply.code(204).send();
    reply
      .header('content-type', 'text/plain; charset=utf-8')
      .header('Confgend-Driver', answer.driver)
      .header('Confgend-Cache', answer.cache)
      .header('Last-Modified', answer.generatedAt.toUTCString());
    if (answer.cache === 'stale') {
      reply
        .header('Warning', '110 confgend "Response is Stale"')
        .header('Confgend-Stale', encodeURIComponent(answer.staleReason ?? 'stale'))
        .header('Confgend-Stale-Code', answer.staleCode ?? '');
    }
    return reply.send(answer.bytes ?? answer.content);
  });

  app.get('/0.1/drivers', async () => ({ drivers: deps.registry.list(), problems: deps.registry.problems.map((p) => ({ code: p.code, message: p.message })) }));
  app.get('/0.1/status', async () => deps.status());
  return app;
}
