import { authErrors } from './errors.js';
import type { TokenStore } from './token-store.js';

/** Who a valid token speaks for. */
export interface Identity {
  /** The token's own tenant. */
  tokenTenant: string;
  /** The tenant the request acts for: `Wazo-Tenant` when the token may use it, else the token's. */
  tenant: string;
  /** ACLs the token is granted (may hold `*`, `#`, `!`). */
  acl: readonly string[];
}

/** Turns a token into an identity. Two implementations: the built-in store and wazo-auth. */
export interface Authenticator {
  /**
   * Throws `invalidToken` (unknown, revoked, expired), `invalidTenant` (the requested tenant is
   * not the token's nor one of its subtenants) or `unavailable` (external service down).
   */
  authenticate(token: string, requestedTenant?: string): Promise<Identity>;
  /** `tenant` and every tenant below it; null when everything is visible (the master tenant). */
  visibleTenants(token: string, tenant: string): Promise<readonly string[] | null>;
}

/** The tenant tree the built-in authenticator uses. Tenants it does not know sit under the master. */
export interface TenantTree {
  readonly master: string;
  /** Parent of a known tenant; undefined for the master and for tenants not in the tree. */
  parentOf(tenant: string): string | undefined;
  /** Every tenant in the tree. */
  all(): Iterable<string>;
}

/** Whether `tenant` is `ancestor` or below it. Cycles in the tree end the walk. */
export function isTenantWithin(tree: TenantTree, tenant: string, ancestor: string): boolean {
  if (ancestor === tree.master || tenant === ancestor) return true;
  const seen = new Set<string>();
  let current: string | undefined = tenant;
  while (current !== undefined && !seen.has(current)) {
    if (current === ancestor) return true;
    seen.add(current);
    current = tree.parentOf(current);
  }
  return false;
}

/** Authenticates against a TokenStore, with tenants from a TenantTree. */
export function createBuiltinAuthenticator(tokens: TokenStore, tree: () => TenantTree): Authenticator {
  return {
    async authenticate(token, requestedTenant) {
      const record = await tokens.lookup(token);
      if (!record) throw authErrors.invalidToken('invalid or expired token');
      let tenant = record.tenant_uuid;
      if (requestedTenant !== undefined && requestedTenant !== tenant) {
        if (!isTenantWithin(tree(), requestedTenant, tenant)) throw authErrors.invalidTenant(`tenant ${JSON.stringify(requestedTenant)} is not visible to this token`);
        tenant = requestedTenant;
      }
      return { tokenTenant: record.tenant_uuid, tenant, acl: record.acl };
    },
    async visibleTenants(_token, tenant) {
      const t = tree();
      if (tenant === t.master) return null;
      const out = [tenant];
      for (const other of t.all()) if (other !== tenant && isTenantWithin(t, other, tenant)) out.push(other);
      return out;
    },
  };
}
