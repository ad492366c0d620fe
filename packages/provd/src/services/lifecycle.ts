import type { DeviceDoc } from '../documents/index.js';

/**
 * What happens to devices after a committed change (configure, deconfigure…). The services
 * call these after each transaction; the Configurator implements them.
 */
export interface Lifecycle {
  deviceInserted(device: DeviceDoc): Promise<void>;
  deviceUpdated(before: DeviceDoc, after: DeviceDoc): Promise<void>;
  deviceDeleted(device: DeviceDoc): Promise<void>;
  /** Configs whose raw config changed (their devices and their descendants' devices). */
  configsChanged(configIds: string[]): Promise<void>;
  configDeleted(configId: string, descendantIds: string[]): Promise<void>;
}

/** The caller's view of tenants. Until authentication lands, every caller is the provd tenant. */
export interface TenantScope {
  tenant: string;
  /** Tenants whose devices the caller may see. */
  canSee(tenantUuid: string | undefined): boolean;
}
