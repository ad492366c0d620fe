import type { Authenticator, TokenStore } from '@dialtone/auth';
import type { DhcpProvRequest, PackageService } from '@dialtone/plugin-sdk';
import type { TenantRegistry } from '../auth/index.js';
import type { DhcpServerKind } from '../dhcp/index.js';
import type { OperationRegistry } from '../operations/index.js';
import type { ParamsService } from '../params/index.js';
import type { PluginHost } from '../plugins/host.js';
import type { PluginManager } from '../plugins/manager.js';
import type { Synchronizer } from '../sync/index.js';
import type { ConfigService, DeviceFile, DeviceService, TenantScope } from '../services/index.js';

/** What the REST routes need from provd. */
export interface ApiDeps {
  devices: DeviceService;
  configs: ConfigService;
  provdTenant: string;
  status(): Record<string, unknown>;
  /** Runs identification for a DHCP lease (in the background: the API answers at once). */
  dhcpCommitted(request: DhcpProvRequest): void;
  /** A lease was released or expired: the device holding that address loses it (in the background). */
  dhcpEnded?(lease: { op: 'release' | 'expiry'; ip: string; mac: string }): void;
  /** `POST /dev_mgr/synchronize` (api/synchronize.ts); absent: the route answers 404. */
  synchronizer?: Synchronizer;
  /** The files a device the caller sees is served, with masked previews (404 for another tenant's). */
  deviceFiles(scope: TenantScope, id: string): Promise<DeviceFile[]>;
  /** Deconfigures and configures one device now; throws with the reason when it fails. */
  reconfigure(scope: TenantScope, id: string): Promise<void>;
  plugins: PluginHost;
  /** The configuration of one kind of DHCP server for the plugins installed now. */
  dhcpConfig(kind: DhcpServerKind): Promise<string>;
  /** The plugin manager and the operations in progress (the /pg_mgr routes; see api/plugins.ts). */
  pluginManager?: PluginManager;
  operations?: OperationRegistry;
  packagesOf?(pluginId: string): PackageService | null;
  authenticator: Authenticator;
  /** The built-in token store (the /tokens routes); absent with an external authentication service. */
  tokens?: TokenStore;
  tenants: TenantRegistry;
  params: ParamsService;
}

/** REST settings from the configuration (rest_api.*). */
export interface RestOptions {
  /** Mount prefix of the whole tree (`/api/provd`), or null. */
  prefix: string | null;
  corsOrigins: readonly string[];
  allowedHosts: readonly string[];
  /** Largest request body (a device or config document) accepted; larger ones get 413. Default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * Every JSON reply is compared with what its response schema lets through; a difference is a
   * 500 (DT_ERR_REPLY_SCHEMA). Default: on unless NODE_ENV is production (tests run with it on).
   */
  checkReplies?: boolean;
}

export interface IdParams {
  id: string;
}
