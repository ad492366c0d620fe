export { PlugindTokens, type TokenCheck } from './tokens.js';
