/**
 * `POST /dev_mgr/synchronize {"id"}`: tells the phone to fetch its configuration again, as an
 * operation (201 + Location; GET it for the reference status string, `sync|success` or
 * `sync|fail` with the reason in `error`; DELETE frees it). An unknown device, or one of a tenant
 * the caller cannot see, is 404 before anything starts (reference).
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { errors } from '../errors.js';
import { Operation } from '../operations/index.js';
import type { ApiDeps } from './context.js';
import { bodyMember, sendJson } from './media.js';
import { schemas } from './schemas.js';
import { scopeOf } from './tenancy.js';

const OPERATION_PARAMS = { type: 'object', properties: { n: { type: 'integer', minimum: 1 } } } as const;

function basePath(request: FastifyRequest): string {
  return request.url.split('?')[0]!.replace(/\/$/, '');
}

export function synchronizeRoutes(deps: Pick<ApiDeps, 'synchronizer' | 'operations'>): FastifyPluginAsync {
  return async (app) => {
    const needs = () => {
      if (!deps.synchronizer || !deps.operations) throw errors.notFound('synchronize is not enabled');
      return { synchronizer: deps.synchronizer, operations: deps.operations };
    };

    app.post('/synchronize', { config: { acl: 'provd.dev_mgr.synchronize.create' }, schema: { body: schemas.idBody, response: { 201: schemas.operationStarted } } }, async (request, reply) => {
      const { synchronizer, operations } = needs();
      const device = await synchronizer.find(scopeOf(request), bodyMember(request, 'id') as string);
      const log = request.log;
      const started = operations.start(basePath(request), new Operation('sync'), async () => {
        try {
          await synchronizer.synchronize(device);
          log.info({ device: device.id, plugin: device.plugin }, 'synchronized');
        } catch (err) {
          log.warn({ device: device.id, plugin: device.plugin, err: (err as Error).message }, 'synchronize failed');
          throw err;
        }
      });
      return reply.code(201).header('location', started.location).send();
    });

    app.get<{ Params: { n: number } }>('/synchronize/:n', { schema: { params: OPERATION_PARAMS, response: { 200: schemas.operationStatus } }, config: { acl: 'provd.operation.read' } }, async (request, reply) => {
      const op = needs().operations.get(basePath(request).replace(/\/\d+$/, ''), request.params.n);
      if (!op) throw errors.notFound(`no operation ${request.params.n}`);
      return sendJson(reply, 200, { status: op.format(), ...(op.error ? { error: op.error } : {}) });
    });

    app.delete<{ Params: { n: number } }>('/synchronize/:n', { schema: { params: OPERATION_PARAMS, response: { 204: schemas.noContent } }, config: { acl: 'provd.operation.delete' } }, async (request, reply) => {
      if (!needs().operations.delete(basePath(request).replace(/\/\d+$/, ''), request.params.n)) throw errors.notFound(`no operation ${request.params.n}`);
      return reply.code(204).send();
    });
  };
}
