export { embeddedDefault, resolveConfig, type ConfigSources } from './resolve.js';
export { overrides, parseOverride, type Override } from './overrides.js';
export type { ResolvedConfig } from './types.js';
