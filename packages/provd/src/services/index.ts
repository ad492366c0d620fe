export { DeviceService } from './devices.js';
export { ConfigService } from './configs.js';
export { deriveBaseRawConfig } from './base-raw-config.js';
export { inertLifecycle, type Lifecycle, type TenantScope } from './lifecycle.js';
