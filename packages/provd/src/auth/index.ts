import { createBuiltinAuthenticator, createWazoAuthAuthenticator, TokenStore, type Authenticator } from '@dialtone/auth';
import type { ResolvedConfig } from '../config/index.js';
import { errors } from '../errors.js';
import type { Store } from '../store/index.js';
import { storeTokenRepository } from './repository.js';
import { TenantRegistry } from './tenants.js';

export { ADMIN_ACL, ADMIN_TOKEN_FILE, ensureAdminToken } from './admin-token.js';
export { storeTokenRepository, type TokenRepositoryOptions } from './repository.js';

/** How long the REST API trusts a token it found without reading it again (see TokenRepositoryOptions). */
export const TOKEN_CACHE_MS = 1000;
export { TenantRegistry, type TenantEntry } from './tenants.js';

export interface ProvdAuth {
  tokens: TokenStore;
  tenants: TenantRegistry;
  authenticator: Authenticator;
}

/** Token store, tenant tree and the authenticator the configuration selects. */
export async function createProvdAuth(config: ResolvedConfig, store: Store, provdTenant: string): Promise<ProvdAuth> {
  const tokens = new TokenStore(storeTokenRepository(store, { cacheMs: TOKEN_CACHE_MS }));
  const tenants = new TenantRegistry(store, provdTenant);
  await tenants.load();
  const { backend, wazo_auth_url: url } = config.rest_api.auth;
  let authenticator: Authenticator;
  if (backend === 'wazo-auth') {
    if (!url) throw errors.invalidConfig('rest_api.auth.wazo_auth_url: required when rest_api.auth.backend is wazo-auth');
    authenticator = createWazoAuthAuthenticator({ url });
  } else {
    authenticator = createBuiltinAuthenticator(tokens, () => tenants.tree());
  }
  return { tokens, tenants, authenticator };
}
