/** The REST calls the page makes (reference payloads and media type), from the browser. */
import { getToken } from './token.js';

export const MEDIA_TYPE = 'application/vnd.proformatique.provd+json';

/** `/ui/` is mounted beside `0.2/`, under whatever prefix a reverse proxy adds. */
export const apiRoot = `${location.pathname.replace(/ui\/.*$/, '')}0.2`;

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly code: string | null) {
    super(message);
  }
}

export interface Device {
  id: string;
  mac?: string;
  ip?: string;
  sn?: string;
  vendor?: string;
  model?: string;
  version?: string;
  plugin?: string;
  config?: string;
  description?: string;
  configured?: boolean;
  configure_error?: string;
  tenant_uuid?: string;
  [key: string]: unknown;
}

export interface Config {
  id: string;
  parent_ids: string[];
  raw_config: Record<string, unknown>;
  deletable?: boolean;
  role?: string;
  transient?: boolean;
  [key: string]: unknown;
}

/** A file the device is served, with a preview whose secrets the server masked. */
export interface DeviceFile { name: string; size: number; mtime?: string; preview: string | null; truncated?: boolean }

/** An operation in progress, as `GET /operations` lists it. */
export interface OperationSummary { location: string; status: string; label: string | null; state: string; current: number | null; end: number | null }

export interface Param { id: string; description?: string; value: unknown }

export interface FindOptions { q?: Record<string, unknown>; skip?: number; limit?: number; sort?: string; sort_ord?: 'ASC' | 'DESC' }

async function call(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: MEDIA_TYPE };
  const token = getToken();
  if (token) headers['x-auth-token'] = token;
  if (body !== undefined) headers['content-type'] = MEDIA_TYPE;
  const response = await fetch(path.startsWith('/') && !path.startsWith(apiRoot) ? `${apiRoot}${path}` : path, {
    method,
    headers,
    body: body === undefined ? null : JSON.stringify(body),
    credentials: 'omit',
  });
  if (!response.ok) throw new ApiError(response.status, (await response.text()) || response.statusText, response.headers.get('dialtone-error-code'));
  return response;
}

const json = async <T>(method: string, path: string, body?: unknown): Promise<T> => (await call(method, path, body)).json() as Promise<T>;

function findQuery(options: FindOptions): string {
  const params = new URLSearchParams();
  if (options.q && Object.keys(options.q).length) params.set('q', JSON.stringify(options.q));
  if (options.skip) params.set('skip', String(options.skip));
  if (options.limit) params.set('limit', String(options.limit));
  if (options.sort) params.set('sort', options.sort);
  if (options.sort_ord) params.set('sort_ord', options.sort_ord);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Starts an operation in progress: the server answers 201 with its path in Location. */
async function startOperation(path: string, body: unknown): Promise<string> {
  const response = await call('POST', path, body);
  const location = response.headers.get('location');
  if (!location) throw new ApiError(response.status, 'the server did not say where to follow the operation', null);
  return location;
}

export const api = {
  status: () => json<Record<string, unknown>>('GET', '/status'),
  devices: (options: FindOptions) => json<{ devices: Device[] }>('GET', `/dev_mgr/devices${findQuery(options)}`).then((r) => r.devices),
  device: (id: string) => json<{ device: Device }>('GET', `/dev_mgr/devices/${encodeURIComponent(id)}`).then((r) => r.device),
  deviceFiles: (id: string) => json<{ files: DeviceFile[] }>('GET', `/dev_mgr/devices/${encodeURIComponent(id)}/files`).then((r) => r.files),
  operations: () => json<{ operations: OperationSummary[] }>('GET', '/operations').then((r) => r.operations),
  updateDevice: (device: Device) => call('PUT', `/dev_mgr/devices/${encodeURIComponent(device.id)}`, { device }),
  deleteDevice: (id: string) => call('DELETE', `/dev_mgr/devices/${encodeURIComponent(id)}`),
  reconfigure: (id: string) => call('POST', '/dev_mgr/reconfigure', { id }),
  synchronize: (id: string) => startOperation('/dev_mgr/synchronize', { id }),
  configs: (options: FindOptions = {}) => json<{ configs: Config[] }>('GET', `/cfg_mgr/configs${findQuery(options)}`).then((r) => r.configs),
  config: (id: string) => json<{ config: Config }>('GET', `/cfg_mgr/configs/${encodeURIComponent(id)}`).then((r) => r.config),
  rawConfig: (id: string) => json<{ raw_config: Record<string, unknown> }>('GET', `/cfg_mgr/configs/${encodeURIComponent(id)}/raw`).then((r) => r.raw_config),
  updateConfig: (config: Config) => call('PUT', `/cfg_mgr/configs/${encodeURIComponent(config.id)}`, { config }),
  params: () => json<{ params: Param[] }>('GET', '/configure').then((r) => r.params),
  setParam: (id: string, value: unknown) => call('PUT', `/configure/${encodeURIComponent(id)}`, { param: { value } }),
  installed: () => json<{ pkgs: Record<string, PluginInfo> }>('GET', '/pg_mgr/install/installed').then((r) => r.pkgs),
  installable: () => json<{ pkgs: Record<string, PluginInfo> }>('GET', '/pg_mgr/install/installable').then((r) => r.pkgs),
  updatePlugins: () => startOperation('/pg_mgr/install/update', {}),
  installPlugin: (id: string) => startOperation('/pg_mgr/install/install', { id }),
  upgradePlugin: (id: string) => startOperation('/pg_mgr/install/upgrade', { id }),
  uninstallPlugin: (id: string) => call('POST', '/pg_mgr/install/uninstall', { id }),
  packagesInstalled: (plugin: string) => json<{ pkgs: Record<string, PluginInfo> }>('GET', `/pg_mgr/plugins/${encodeURIComponent(plugin)}/install/installed`).then((r) => r.pkgs),
  packagesInstallable: (plugin: string) => json<{ pkgs: Record<string, PluginInfo> }>('GET', `/pg_mgr/plugins/${encodeURIComponent(plugin)}/install/installable`).then((r) => r.pkgs),
  installPackage: (plugin: string, id: string) => startOperation(`/pg_mgr/plugins/${encodeURIComponent(plugin)}/install/install`, { id }),
  operation: (location: string) => json<{ status: string }>('GET', location).then((r) => r.status),
  forgetOperation: (location: string) => call('DELETE', location).then(() => undefined),
};

export interface PluginInfo {
  version?: string;
  description?: string;
  capabilities?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}
