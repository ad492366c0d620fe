export { createProvd, type Provd, type ProvdOptions, type ListenAddresses } from './provd.js';
export { resolveConfig, overrides, type ResolvedConfig, type ConfigSources } from './config/index.js';
export { ProvdError, errors, isProvdError } from './errors.js';
export { createLogger } from './log.js';
export { normalizeMac, normalizeIp, normalizeDevice, normalizeConfig, validateRawConfig } from './documents/index.js';
export { openStore, flattenRawConfig, collectTransientConfigs, type Store, type Doc, type Selector, type FindOptions } from './store/index.js';
