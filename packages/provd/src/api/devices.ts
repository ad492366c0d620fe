import type { FastifyPluginAsync } from 'fastify';
import type { ApiDeps, IdParams } from './context.js';
import { parseFindQuery, type FindQuery } from './find-params.js';
import { bodyMember, locationOf, sendCreated, sendJson } from './media.js';
import { schemas } from './schemas.js';
import { scopeOf, withTenantCondition } from './tenancy.js';

/** A device's tenant is never taken from a body (the reference's PUT trusts it: a bug). */
function withoutTenant(device: unknown): unknown {
  if (device === null || typeof device !== 'object' || Array.isArray(device)) return device;
  const { tenant_uuid: _t, is_new: _n, ...rest } = device as Record<string, unknown>;
  return rest;
}

/** `/dev_mgr`: devices (tenant-scoped), plus the DHCP and reconfigure entry points (dhcp.ts). */
export function deviceRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    app.get('/', { config: { acl: 'provd.dev_mgr.read' }, schema: { response: { 200: schemas.links } } }, async (request, reply) =>
      sendJson(reply, 200, {
        links: [
          { rel: 'dev.devices', href: locationOf(request, 'devices') },
          { rel: 'dev.synchronize', href: locationOf(request, 'synchronize') },
          { rel: 'dev.reconfigure', href: locationOf(request, 'reconfigure') },
          { rel: 'dev.dhcpinfo', href: locationOf(request, 'dhcpinfo') },
        ],
      }),
    );

    app.get<{ Querystring: FindQuery }>(
      '/devices',
      { config: { acl: 'provd.dev_mgr.devices.read' }, schema: { querystring: schemas.findQuery, response: { 200: schemas.devices } } },
      async (request, reply) => {
        const { selector, options } = parseFindQuery(request.query);
        const scoped = withTenantCondition(request, selector, request.query.recurse === 'true');
        // The tenant condition is in the query; the service's own after-the-fact filter would
        // drop projected documents that lack tenant_uuid (fields=…), so it is given a pass.
        const devices = await deps.devices.find({ tenant: request.identity!.tenant, canSee: () => true }, scoped, options);
        return sendJson(reply, 200, { devices });
      },
    );

    app.post('/devices', { config: { acl: 'provd.dev_mgr.devices.create' }, schema: { body: schemas.deviceBody, response: { 201: schemas.created } } }, async (request, reply) => {
      const id = await deps.devices.create(scopeOf(request), withoutTenant(bodyMember(request, 'device')));
      return sendCreated(request, reply, id);
    });

    app.get<{ Params: IdParams }>(
      '/devices/:id',
      { config: { acl: 'provd.dev_mgr.devices.{id}.read' }, schema: { params: schemas.idParams, response: { 200: schemas.device } } },
      async (request, reply) => sendJson(reply, 200, { device: await deps.devices.get(scopeOf(request), request.params.id) }),
    );

    /** Dialtone: the files the device is served, with masked previews (the web page's device view). */
    app.get<{ Params: IdParams }>(
      '/devices/:id/files',
      { config: { acl: 'provd.dev_mgr.devices.{id}.files.read' }, schema: { params: schemas.idParams, response: { 200: schemas.deviceFiles } } },
      async (request, reply) => sendJson(reply, 200, { files: await deps.deviceFiles(scopeOf(request), request.params.id) }),
    );

    app.put<{ Params: IdParams }>(
      '/devices/:id',
      { config: { acl: 'provd.dev_mgr.devices.{id}.update' }, schema: { params: schemas.idParams, body: schemas.deviceBody, response: { 204: schemas.noContent } } },
      async (request, reply) => {
        // Claiming (reference): a device still in the provd tenant (is_new) may be PUT by any
        // tenant, which then owns it.
        const scope = scopeOf(request);
        const claiming = { tenant: scope.tenant, canSee: (t: string | undefined) => t === deps.provdTenant || scope.canSee(t) };
        await deps.devices.replace(claiming, request.params.id, withoutTenant(bodyMember(request, 'device')));
        return reply.code(204).send();
      },
    );

    app.delete<{ Params: IdParams }>(
      '/devices/:id',
      { config: { acl: 'provd.dev_mgr.devices.{id}.delete' }, schema: { params: schemas.idParams, response: { 204: schemas.noContent } } },
      async (request, reply) => {
        await deps.devices.delete(scopeOf(request), request.params.id);
        return reply.code(204).send();
      },
    );
  };
}
