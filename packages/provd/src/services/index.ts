export { DeviceService, removeIpFrom } from './devices.js';
export { ConfigService } from './configs.js';
export { deriveBaseRawConfig } from './base-raw-config.js';
export type { TenantScope } from './tenant-scope.js';
export { deviceFiles, type DeviceFile, type FileSource } from './device-files.js';
