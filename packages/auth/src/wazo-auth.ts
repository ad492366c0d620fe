import { type Authenticator, type Identity } from './authenticator.js';
import { authErrors } from './errors.js';

export interface WazoAuthOptions {
  /** Base URL of wazo-auth's API, up to and including its version: `https://host:9497/0.1`. */
  url: string;
  /** How long a positive answer is reused (ms). 0: ask every time. Default 5000. */
  cacheMs?: number;
  /** Request timeout (ms). Default 5000. */
  timeoutMs?: number;
}

interface Cached<T> {
  value: T;
  until: number;
}

const MAX_CACHED = 10_000;

function remember<T>(cache: Map<string, Cached<T>>, key: string, value: T, ttl: number): void {
  if (ttl <= 0) return;
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, { value, until: Date.now() + ttl });
}

function recall<T>(cache: Map<string, Cached<T>>, key: string): T | undefined {
  const hit = cache.get(key);
  if (!hit) return undefined;
  if (hit.until <= Date.now()) {
    cache.delete(key);
    return undefined;
  }
  return hit.value;
}

/**
 * Validates tokens with a wazo-auth compatible service: `GET <url>/token/<token>?tenant=<t>`
 * (200 with `data.acl` and `data.metadata.tenant_uuid`; 404 unknown token; 403 tenant not
 * visible), and `GET <url>/tenants` with `Wazo-Tenant` for a tenant's subtenants
 * (`items[].uuid`). ACLs are matched locally, with the same rules as the built-in store.
 */
export function createWazoAuthAuthenticator(options: WazoAuthOptions): Authenticator {
  const base = options.url.replace(/\/+$/, '');
  const ttl = options.cacheMs ?? 5000;
  const timeout = options.timeoutMs ?? 5000;
  const identities = new Map<string, Cached<Identity>>();
  const tenantLists = new Map<string, Cached<string[]>>();

  async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, { headers: { accept: 'application/json', ...headers }, signal: AbortSignal.timeout(timeout) });
    } catch (err) {
      throw authErrors.unavailable(`token service unreachable: ${(err as Error).message}`, { cause: err });
    }
    const text = await res.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    return { status: res.status, body };
  }

  return {
    async authenticate(token, requestedTenant) {
      if (token.length > 1024) throw authErrors.invalidToken('invalid or expired token');
      const key = `${requestedTenant ?? ''}\0${token}`;
      const cached = recall(identities, key);
      if (cached) return cached;
      const query = requestedTenant === undefined ? '' : `?tenant=${encodeURIComponent(requestedTenant)}`;
      const { status, body } = await get(`/token/${encodeURIComponent(token)}${query}`);
      if (status === 404 || status === 401) throw authErrors.invalidToken('invalid or expired token');
      if (status === 403) throw authErrors.invalidTenant(`tenant ${JSON.stringify(requestedTenant)} is not visible to this token`);
      const data = (body as { data?: { acl?: unknown; metadata?: { tenant_uuid?: unknown } } } | null)?.data;
      const tokenTenant = data?.metadata?.tenant_uuid;
      if (status !== 200 || !data || typeof tokenTenant !== 'string' || !Array.isArray(data.acl)) {
        throw authErrors.unavailable(`token service answered ${status} without a token description`);
      }
      const identity: Identity = {
        tokenTenant,
        tenant: requestedTenant ?? tokenTenant,
        acl: data.acl.filter((a): a is string => typeof a === 'string'),
      };
      remember(identities, key, identity, ttl);
      return identity;
    },
    async visibleTenants(token, tenant) {
      const key = `${tenant}\0${token}`;
      const cached = recall(tenantLists, key);
      if (cached) return cached;
      const { status, body } = await get('/tenants', { 'x-auth-token': token, 'wazo-tenant': tenant });
      const items = (body as { items?: { uuid?: unknown }[] } | null)?.items;
      if (status !== 200 || !Array.isArray(items)) throw authErrors.unavailable(`token service answered ${status} to a tenant list`);
      const list = [tenant, ...items.map((i) => i.uuid).filter((u): u is string => typeof u === 'string' && u !== tenant)];
      remember(tenantLists, key, list, ttl);
      return list;
    },
  };
}
