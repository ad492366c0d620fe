import { aclAllows, authErrors, fillAclTemplate, type Authenticator, type Identity } from '@dialtone/auth';
import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The ACL a caller's token must grant for this route, with the reference's names
     * (`provd.dev_mgr.devices.{id}.read`): `{name}` is filled from the route params, and
     * `{tenant_uuid}` with the request's tenant. `false`: a public route (the API document only).
     * Every route must declare one; a route without is refused (and fails the route-table test).
     */
    acl?: string | false;
  }
  interface FastifyRequest {
    /** Set by the auth hook on every authenticated request. */
    identity?: RequestIdentity;
  }
}

export interface RequestIdentity extends Identity {
  /** Tenants whose devices the request may see: `tenant` and its subtenants; null: all. */
  visible: readonly string[] | null;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The authentication hook: `X-Auth-Token` → identity (401 when missing or invalid), the route's
 * ACL template filled and matched against the token's ACLs (403 when not granted), the
 * `Wazo-Tenant` header honoured when the token may act for that tenant (else 401). The token is
 * never logged.
 */
export function registerAuth(app: FastifyInstance, authenticator: Authenticator): void {
  app.addHook('onRequest', async (request) => {
    const acl = request.routeOptions.config?.acl;
    if (acl === false) return;
    if (typeof acl !== 'string') {
      request.log.error({ route: request.routeOptions.url, method: request.method }, 'route declares no ACL: refused');
      throw authErrors.forbidden('this route declares no ACL and is refused');
    }
    const token = header(request, 'x-auth-token');
    if (!token) throw authErrors.missingToken('missing X-Auth-Token header');
    const requestedTenant = header(request, 'wazo-tenant') || undefined;
    const identity = await authenticator.authenticate(token, requestedTenant);
    const required = fillAclTemplate(acl, { ...(request.params as Record<string, string>), tenant_uuid: identity.tenant });
    if (!aclAllows(identity.acl, required)) throw authErrors.forbidden(`the token is not granted ${required}`);
    const visible = await authenticator.visibleTenants(token, identity.tenant);
    request.identity = { ...identity, visible };
  });
}
