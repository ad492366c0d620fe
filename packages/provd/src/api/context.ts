import type { Authenticator } from '@dialtone/auth';
import type { DhcpProvRequest } from '@dialtone/plugin-sdk';
import type { TenantRegistry } from '../auth/index.js';
import type { ParamsService } from '../params/index.js';
import type { PluginHost } from '../plugins/host.js';
import type { ConfigService, DeviceService, TenantScope } from '../services/index.js';

/** What the REST routes need from provd. */
export interface ApiDeps {
  devices: DeviceService;
  configs: ConfigService;
  provdTenant: string;
  status(): Record<string, unknown>;
  /** Runs identification for a DHCP lease (in the background: the API answers at once). */
  dhcpCommitted(request: DhcpProvRequest): void;
  /** Deconfigures and configures one device now; throws with the reason when it fails. */
  reconfigure(scope: TenantScope, id: string): Promise<void>;
  plugins: PluginHost;
  authenticator: Authenticator;
  tenants: TenantRegistry;
  params: ParamsService;
}

/** REST settings from the configuration (rest_api.*). */
export interface RestOptions {
  /** Mount prefix of the whole tree (`/api/provd`), or null. */
  prefix: string | null;
  corsOrigins: readonly string[];
  allowedHosts: readonly string[];
}

export interface IdParams {
  id: string;
}
