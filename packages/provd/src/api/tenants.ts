import type { FastifyPluginAsync } from 'fastify';
import { isTenantWithin } from '@dialtone/auth';
import { errors } from '../errors.js';
import type { ApiDeps } from './context.js';
import { bodyMember, sendJson } from './media.js';
import { schemas } from './schemas.js';
import { scopeOf } from './tenancy.js';

interface UuidParams {
  uuid: string;
}

const tenantBody = {
  type: 'object',
  properties: { tenant: { type: 'object', properties: { parent_uuid: { type: ['string', 'null'] } } } },
  required: ['tenant'],
} as const;
const uuidParams = { type: 'object', properties: { uuid: { type: 'string', pattern: '^[\\w-]{1,64}$' } }, required: ['uuid'] } as const;

/**
 * `/tenants` (Dialtone extension, built-in tenant tree): what wazo-auth's tenant list and its
 * "tenant deleted" event give the reference. A caller sees and edits its tenant's subtree only.
 */
export function tenantRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    const visibleTo = (tenant: string, other: string) => isTenantWithin(deps.tenants.tree(), other, tenant);

    app.get('/', { config: { acl: 'provd.tenants.read' }, schema: { response: { 200: schemas.tenants } } }, async (request, reply) => {
      const me = request.identity!.tenant;
      const all = deps.tenants.list();
      const tenants = Object.entries(all)
        .filter(([uuid]) => visibleTo(me, uuid))
        .map(([uuid, entry]) => ({ uuid, parent_uuid: entry.parent_uuid ?? deps.provdTenant }));
      return sendJson(reply, 200, { tenants, master: deps.provdTenant });
    });

    app.put<{ Params: UuidParams }>(
      '/:uuid',
      { config: { acl: 'provd.tenants.{uuid}.update' }, schema: { params: uuidParams, body: tenantBody, response: { 204: schemas.noContent } } },
      async (request, reply) => {
        const me = request.identity!.tenant;
        const { uuid } = request.params;
        if (uuid === deps.provdTenant) throw errors.badRequest('the provd (master) tenant has no parent');
        const parent = (bodyMember(request, 'tenant') as { parent_uuid?: string | null }).parent_uuid ?? deps.provdTenant;
        if (!visibleTo(me, parent)) throw errors.notFound(`no tenant ${JSON.stringify(parent)} visible to the caller`);
        const existing = deps.tenants.get(uuid);
        if (existing && !visibleTo(me, uuid)) throw errors.notFound(`no tenant ${JSON.stringify(uuid)}`);
        if (parent === uuid || isTenantWithin(deps.tenants.tree(), parent, uuid)) throw errors.badRequest(`tenant ${JSON.stringify(parent)} is below ${JSON.stringify(uuid)}: a cycle`);
        await deps.tenants.update(uuid, (entry) => {
          if (parent === deps.provdTenant) delete entry.parent_uuid;
          else entry.parent_uuid = parent;
          return entry;
        });
        return reply.code(204).send();
      },
    );

    /** Deletes the tenant's devices (each deconfigured, as the reference on auth_tenant_deleted), its configs and its entry. */
    app.delete<{ Params: UuidParams }>(
      '/:uuid',
      { config: { acl: 'provd.tenants.{uuid}.delete' }, schema: { params: uuidParams, response: { 204: schemas.noContent } } },
      async (request, reply) => {
        const me = request.identity!.tenant;
        const { uuid } = request.params;
        if (uuid === deps.provdTenant) throw errors.badRequest('the provd (master) tenant cannot be deleted');
        if (uuid === me || !visibleTo(me, uuid)) throw errors.notFound(`no tenant ${JSON.stringify(uuid)} below the caller's`);
        const children = Object.entries(deps.tenants.list()).filter(([, e]) => e.parent_uuid === uuid);
        if (children.length) throw errors.badRequest(`tenant ${JSON.stringify(uuid)} has subtenants (${children.map(([t]) => t).join(', ')}): delete them first`);
        const scope = scopeOf(request);
        for (const device of await deps.devices.find(scope, { tenant_uuid: uuid }, { fields: ['id', 'tenant_uuid'] })) {
          await deps.devices.delete(scope, device.id).catch((err: unknown) => {
            if (!(err instanceof Error && 'statusCode' in err && err.statusCode === 404)) throw err;
          });
        }
        // its configs go with it (a config it had made undeletable stays, shared by nobody but the master)
        for (const config of await deps.configs.find({ tenant_uuid: uuid }, { fields: ['id'] }, scope)) {
          await deps.configs.delete(config.id, scope).catch((err: unknown) => {
            if (!(err instanceof Error && 'statusCode' in err && (err.statusCode === 404 || err.statusCode === 403))) throw err;
          });
        }
        await deps.tenants.update(uuid, () => null);
        return reply.code(204).send();
      },
    );
  };
}
