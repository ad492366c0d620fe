/** Payload types of provd's REST API (0.2), as the reference defines them. */

export type Selector = Record<string, unknown>;

export interface Link {
  rel: string;
  href: string;
}

export interface Device {
  id: string;
  mac?: string;
  ip?: string;
  sn?: string;
  uuid?: string;
  vendor?: string;
  model?: string;
  version?: string;
  description?: string;
  plugin?: string;
  config?: string;
  tenant_uuid?: string;
  /** Computed by provd. */
  configured?: boolean;
  /** Computed by provd: the device is still in the provd tenant (not claimed). */
  is_new?: boolean;
  /** Dialtone: why the last configure failed. */
  configure_error?: string;
  added?: string;
  options?: Record<string, unknown>;
  remote_state_sip_username?: string;
  [custom: `X_${string}`]: unknown;
}

export type NewDevice = Omit<Device, 'id' | 'configured' | 'is_new' | 'configure_error'> & { id?: string };

export interface Config {
  id: string;
  parent_ids: string[];
  raw_config: RawConfig;
  deletable?: boolean;
  role?: string;
  transient?: boolean;
  X_type?: string;
  [key: string]: unknown;
}

export type NewConfig = Omit<Config, 'id'> & { id?: string };

/** Raw config keys (see docs/reference/raw-config.md); free-form beyond the common ones. */
export interface RawConfig {
  ip?: string;
  http_port?: number;
  http_base_url?: string;
  tftp_port?: number;
  locale?: string;
  timezone?: string;
  protocol?: 'SIP' | 'SCCP';
  sip_lines?: Record<string, Record<string, unknown>>;
  funckeys?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

export interface DhcpInfo {
  op: 'commit' | 'expiry' | 'release';
  ip: string;
  mac?: string;
  /** Each option: 3-digit decimal code then dot-separated hex bytes (`"06041.61.73"`). */
  options?: string[];
}

export interface FindOptions {
  q?: Selector;
  /** Dotted keys to return (`id` always is). */
  fields?: string[];
  skip?: number;
  /** 0: no limit. */
  limit?: number;
  sort?: string;
  order?: 'ASC' | 'DESC';
  /** Devices only: include the subtenants' devices. */
  recurse?: boolean;
}

export type ParamId = 'plugin_server' | 'http_proxy' | 'https_proxy' | 'ftp_proxy' | 'locale' | 'NAT' | 'provisioning_key';

export interface ParamSummary {
  id: string;
  description: string;
  value: unknown;
  links: Link[];
}

export interface PluginSummary {
  links: Link[];
  /** Dialtone: loaded, failed… */
  state?: string;
  version?: string;
  error?: { code: string; message: string };
}

export interface PluginInfo {
  version: string;
  description?: string;
  capabilities?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/** `{id: info}` as /pg_mgr/install/installed|installable and the package routes return. */
export type PackageList = Record<string, { version?: string; description?: string; dsize?: number; [key: string]: unknown }>;

export interface Status {
  rest_api: string;
  [key: string]: unknown;
}

export type OperationState = 'waiting' | 'progress' | 'success' | 'fail';

/** A parsed operation status string `label|state;current/end(sub)(sub)…`. */
export interface OperationStatus {
  label: string | null;
  state: OperationState;
  current: number | null;
  end: number | null;
  sub: OperationStatus[];
  /** Why a failed operation failed, when provd says (Dialtone's `error` beside `status`). */
  error?: { code: string; message: string };
}

/** One file a device is served (`GET /dev_mgr/devices/{id}/files`, Dialtone). */
export interface DeviceFile {
  name: string;
  size: number;
  etag?: string;
  mtime?: string;
  /** The file as text, secrets of the device's raw config masked; null for a binary file. */
  preview: string | null;
  truncated?: boolean;
}

/** An operation as `GET /operations` lists it (Dialtone). */
export interface OperationSummary {
  /** Path to GET (status) and DELETE (free) it. */
  location: string;
  /** The reference status string. */
  status: string;
  label: string | null;
  state: 'waiting' | 'progress' | 'success' | 'fail';
  current: number | null;
  end: number | null;
}
