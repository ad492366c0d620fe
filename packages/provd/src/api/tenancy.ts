import type { FastifyRequest } from 'fastify';
import type { TenantScope } from '../services/index.js';
import type { Selector } from '../store/index.js';

/** The caller's tenant scope, from the identity the auth hook set. */
export function scopeOf(request: FastifyRequest): TenantScope {
  const identity = request.identity;
  if (!identity) throw new Error('scopeOf: no identity on this request (route without ACL?)');
  const visible = identity.visible;
  const set = visible === null ? null : new Set(visible);
  return { tenant: identity.tenant, canSee: (t) => set === null || (t !== undefined && set.has(t)), all: set === null };
}

/**
 * Adds the tenant condition to a device selector, so `skip`/`limit`/`sort` apply to what the
 * caller may see. Without `recurse` only the request's tenant is listed (as in the reference);
 * with it, the tenant and its subtenants (no condition for the master tenant).
 */
export function withTenantCondition(request: FastifyRequest, selector: Selector, recurse: boolean): Selector {
  const identity = request.identity;
  if (!identity) throw new Error('withTenantCondition: no identity on this request');
  const allowed = recurse ? identity.visible : [identity.tenant];
  if (allowed === null) return selector;
  const own = selector.tenant_uuid;
  if (own === undefined) return { ...selector, tenant_uuid: { $in: [...allowed] } };
  if (own !== null && typeof own === 'object' && !Array.isArray(own)) {
    const ops = { ...(own as Record<string, unknown>) };
    const inList = Array.isArray(ops.$in) ? (ops.$in as unknown[]).filter((t) => allowed.includes(t as string)) : [...allowed];
    return { ...selector, tenant_uuid: { ...ops, $in: inList } };
  }
  // A plain value: kept when visible, else nothing can match.
  return { ...selector, tenant_uuid: allowed.includes(own as string) ? own : { $in: [] } };
}
