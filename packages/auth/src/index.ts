export { aclAllows, aclPatternMatches, fillAclTemplate, isValidAcl } from './acl.js';
export { createBuiltinAuthenticator, isTenantWithin, type Authenticator, type Identity, type TenantTree } from './authenticator.js';
export { AuthError, authErrors, isAuthError } from './errors.js';
export { hashToken, memoryTokenRepository, newTokenSecret, parseExpiry, TokenStore, type NewToken, type TokenRecord, type TokenRepository, type TokenSummary } from './token-store.js';
export { createWazoAuthAuthenticator, type WazoAuthOptions } from './wazo-auth.js';
