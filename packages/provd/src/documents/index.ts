export { normalizeDevice, computedDeviceKeys, type DeviceDoc, type DeviceInput } from './device.js';
export { normalizeConfig, type ConfigDoc, type ConfigInput } from './config.js';
export { validateRawConfig, validateFlattenedRawConfig } from './raw-config.js';
export { normalizeMac, normalizeIp, isHost } from './net.js';
export { Problems } from './validation.js';
