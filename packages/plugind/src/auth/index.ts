export { aclAllows } from './acl.js';
export { TokenStore, type TokenCheck, type TokenInfo } from './tokens.js';
