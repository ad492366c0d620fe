import { ProvdApiError } from './errors.js';
import { HttpTransport } from './transport.js';
import { Operation, operationPath } from './operation.js';
import type {
  Config, Device, DeviceFile, DhcpInfo, FindOptions, Link, NewConfig, NewDevice, OperationSummary, PackageList, ParamId, ParamSummary, PluginInfo, PluginSummary, RawConfig, Status,
} from './types.js';

export const PROVD_MEDIA_TYPE = 'application/vnd.proformatique.provd+json';

export interface ProvdClientOptions {
  /** Base URL up to (not including) `/0.2`: `http://127.0.0.1:8666`, or `https://host/api/provd`. */
  url: string;
  /** X-Auth-Token. */
  token?: string;
  /** Wazo-Tenant: act for this tenant (the token's tenant or one of its subtenants). */
  tenant?: string;
  /** Polling interval of operations (ms). Default 100. */
  operationIntervalMs?: number;
  /** Per-request timeout (ms). Default 30000. */
  timeoutMs?: number;
}

/** A raw answer: what tests of the API itself look at. */
export interface RawResponse<T = any> {
  status: number;
  headers: Headers;
  /** Parsed JSON when the answer is the provd media type, else the text. */
  body: T;
  text: string;
}

function findParams(options: FindOptions = {}): string {
  const p = new URLSearchParams();
  if (options.q) p.set('q', JSON.stringify(options.q));
  if (options.fields?.length) p.set('fields', options.fields.join(','));
  if (options.skip) p.set('skip', String(options.skip));
  if (options.limit) p.set('limit', String(options.limit));
  if (options.sort) {
    p.set('sort', options.sort);
    p.set('sort_ord', options.order ?? 'ASC');
  }
  if (options.recurse) p.set('recurse', 'true');
  const s = p.toString();
  return s ? `?${s}` : '';
}

const enc = encodeURIComponent;

/**
 * Typed client of provd's REST API 0.2. Every method throws ProvdApiError for a non-2xx
 * answer (with the status and provd's DT_ERR_* code). Operations in progress come back as
 * Operation objects: `for await (const s of op)` follows them.
 */
export class ProvdClient {
  readonly base: string;
  private readonly transport: HttpTransport;

  constructor(
    readonly options: ProvdClientOptions,
    transport?: HttpTransport,
  ) {
    this.base = options.url.replace(/\/+$/, '');
    this.transport = transport ?? new HttpTransport();
  }

  /** The same client acting for another tenant (Wazo-Tenant); it shares this one's connections. */
  withTenant(tenant: string | undefined): ProvdClient {
    return new ProvdClient({ ...this.options, tenant }, this.transport);
  }

  /** Closes idle connections (optional: they do not keep the process alive). */
  close(): void {
    this.transport.close();
  }

  /** One request with the provd media type; never throws for a status (tests of the API use it). */
  async raw<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RawResponse<T>> {
    const h: Record<string, string> = { accept: PROVD_MEDIA_TYPE };
    if (this.options.token) h['x-auth-token'] = this.options.token;
    if (this.options.tenant) h['wazo-tenant'] = this.options.tenant;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] = PROVD_MEDIA_TYPE;
    }
    Object.assign(h, headers);
    const res = await this.transport.send({ method, url: this.base + path, headers: h, body: payload, timeoutMs: this.options.timeoutMs ?? 30_000 });
    const { text } = res;
    let parsed: unknown = text;
    if (text && (res.headers.get('content-type') ?? '').startsWith(PROVD_MEDIA_TYPE)) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  /** A request that must succeed (2xx); returns the parsed body and the Location, if any. */
  async request<T = any>(method: string, path: string, body?: unknown): Promise<{ body: T; location: string | null }> {
    const res = await this.raw<T>(method, path, body);
    if (res.status < 200 || res.status >= 300) throw new ProvdApiError(res.status, res.headers.get('dialtone-error-code'), res.text, method, path);
    return { body: res.body, location: res.headers.get('location') };
  }

  private async operation(method: string, path: string, body: unknown): Promise<Operation> {
    const { location } = await this.request(method, path, body);
    if (!location) throw new ProvdApiError(201, 'DT_ERR_CLIENT_NO_LOCATION', 'an operation answer without Location', method, path);
    return this.followOperation(location);
  }

  /** An Operation from its Location (e.g. one another process started). */
  followOperation(location: string, options: { keep?: boolean } = {}): Operation {
    return new Operation(
      {
        get: async (p) => (await this.request<{ status: string; error?: { code: string; message: string } }>('GET', `/0.2/${p}`)).body,
        delete: async (p) => void (await this.request('DELETE', `/0.2/${p}`)),
      },
      operationPath(location),
      { intervalMs: this.options.operationIntervalMs, ...options },
    );
  }

  async root(): Promise<Link[]> {
    return (await this.request<{ links: Link[] }>('GET', '/0.2')).body.links;
  }

  async status(): Promise<Status> {
    return (await this.request<Status>('GET', '/0.2/status')).body;
  }

  /** The OpenAPI 3 document (public). */
  async apiDocument(): Promise<Record<string, unknown>> {
    const res = await this.transport.send({ method: 'GET', url: `${this.base}/0.2/api/api.json`, headers: {}, timeoutMs: this.options.timeoutMs ?? 30_000 });
    if (res.status !== 200) throw new ProvdApiError(res.status, null, res.text, 'GET', '/0.2/api/api.json');
    return JSON.parse(res.text) as Record<string, unknown>;
  }

  readonly devices = {
    list: async (options?: FindOptions): Promise<Device[]> => (await this.request<{ devices: Device[] }>('GET', `/0.2/dev_mgr/devices${findParams(options)}`)).body.devices,
    get: async (id: string): Promise<Device> => (await this.request<{ device: Device }>('GET', `/0.2/dev_mgr/devices/${enc(id)}`)).body.device,
    create: async (device: NewDevice): Promise<string> => (await this.request<{ id: string }>('POST', '/0.2/dev_mgr/devices', { device })).body.id,
    /** Full replace of the device with this id. */
    update: async (device: NewDevice & { id: string }): Promise<void> => void (await this.request('PUT', `/0.2/dev_mgr/devices/${enc(device.id)}`, { device })),
    delete: async (id: string): Promise<void> => void (await this.request('DELETE', `/0.2/dev_mgr/devices/${enc(id)}`)),
    /** Dialtone: the files the device is served, with previews whose secrets are masked. */
    files: async (id: string): Promise<DeviceFile[]> => (await this.request<{ files: DeviceFile[] }>('GET', `/0.2/dev_mgr/devices/${enc(id)}/files`)).body.files,
    reconfigure: async (id: string): Promise<void> => void (await this.request('POST', '/0.2/dev_mgr/reconfigure', { id })),
    synchronize: (id: string): Promise<Operation> => this.operation('POST', '/0.2/dev_mgr/synchronize', { id }),
    dhcpinfo: async (info: DhcpInfo): Promise<void> => void (await this.request('POST', '/0.2/dev_mgr/dhcpinfo', { dhcp_info: info })),
  };

  /** Dialtone: the operations in progress (or finished, not yet deleted), oldest first. */
  async operations(): Promise<OperationSummary[]> {
    return (await this.request<{ operations: OperationSummary[] }>('GET', '/0.2/operations')).body.operations;
  }

  readonly configs = {
    list: async (options?: FindOptions): Promise<Config[]> => (await this.request<{ configs: Config[] }>('GET', `/0.2/cfg_mgr/configs${findParams(options)}`)).body.configs,
    get: async (id: string): Promise<Config> => (await this.request<{ config: Config }>('GET', `/0.2/cfg_mgr/configs/${enc(id)}`)).body.config,
    /** The flattened raw config (base, ancestors, own). */
    raw: async (id: string): Promise<RawConfig> => (await this.request<{ raw_config: RawConfig }>('GET', `/0.2/cfg_mgr/configs/${enc(id)}/raw`)).body.raw_config,
    create: async (config: NewConfig): Promise<string> => (await this.request<{ id: string }>('POST', '/0.2/cfg_mgr/configs', { config })).body.id,
    update: async (config: NewConfig & { id: string }): Promise<void> => void (await this.request('PUT', `/0.2/cfg_mgr/configs/${enc(config.id)}`, { config })),
    delete: async (id: string): Promise<void> => void (await this.request('DELETE', `/0.2/cfg_mgr/configs/${enc(id)}`)),
    autocreate: async (): Promise<string> => (await this.request<{ id: string }>('POST', '/0.2/cfg_mgr/autocreate', {})).body.id,
  };

  readonly params = {
    list: async (): Promise<ParamSummary[]> => (await this.request<{ params: ParamSummary[] }>('GET', '/0.2/configure')).body.params,
    get: async (id: ParamId): Promise<unknown> => (await this.request<{ param: { value: unknown } }>('GET', `/0.2/configure/${enc(id)}`)).body.param.value,
    set: async (id: ParamId, value: string | null): Promise<void> => void (await this.request('PUT', `/0.2/configure/${enc(id)}`, { param: { value } })),
    clear: (id: ParamId): Promise<void> => this.params.set(id, null),
  };

  /** Dialtone extension: the built-in tenant tree. */
  readonly tenants = {
    list: async (): Promise<{ master: string; tenants: { uuid: string; parent_uuid: string }[] }> =>
      (await this.request<{ master: string; tenants: { uuid: string; parent_uuid: string }[] }>('GET', '/0.2/tenants')).body,
    /** Declares a tenant (or moves it) under `parent` (default: the master tenant). */
    set: async (uuid: string, parent?: string): Promise<void> => void (await this.request('PUT', `/0.2/tenants/${enc(uuid)}`, { tenant: { parent_uuid: parent ?? null } })),
    /** Deletes the tenant and its devices (deconfigured). */
    delete: async (uuid: string): Promise<void> => void (await this.request('DELETE', `/0.2/tenants/${enc(uuid)}`)),
  };

  readonly plugins = {
    list: async (): Promise<Record<string, PluginSummary>> => (await this.request<{ plugins: Record<string, PluginSummary> }>('GET', '/0.2/pg_mgr/plugins')).body.plugins,
    info: async (id: string): Promise<PluginInfo> => (await this.request<{ plugin_info: PluginInfo }>('GET', `/0.2/pg_mgr/plugins/${enc(id)}/info`)).body.plugin_info,
    installed: async (): Promise<PackageList> => (await this.request<{ pkgs: PackageList }>('GET', '/0.2/pg_mgr/install/installed')).body.pkgs,
    installable: async (): Promise<PackageList> => (await this.request<{ pkgs: PackageList }>('GET', '/0.2/pg_mgr/install/installable')).body.pkgs,
    /** Refreshes the plugin list from the plugin server. */
    update: (): Promise<Operation> => this.operation('POST', '/0.2/pg_mgr/install/update', {}),
    install: (id: string): Promise<Operation> => this.operation('POST', '/0.2/pg_mgr/install/install', { id }),
    upgrade: (id: string): Promise<Operation> => this.operation('POST', '/0.2/pg_mgr/install/upgrade', { id }),
    uninstall: async (id: string): Promise<void> => void (await this.request('POST', '/0.2/pg_mgr/install/uninstall', { id })),
    reload: async (id: string): Promise<void> => void (await this.request('POST', '/0.2/pg_mgr/reload', { id })),
    packages: {
      installed: async (plugin: string): Promise<PackageList> => (await this.request<{ pkgs: PackageList }>('GET', `/0.2/pg_mgr/plugins/${enc(plugin)}/install/installed`)).body.pkgs,
      installable: async (plugin: string): Promise<PackageList> => (await this.request<{ pkgs: PackageList }>('GET', `/0.2/pg_mgr/plugins/${enc(plugin)}/install/installable`)).body.pkgs,
      install: (plugin: string, pkg: string): Promise<Operation> => this.operation('POST', `/0.2/pg_mgr/plugins/${enc(plugin)}/install/install`, { id: pkg }),
      upgrade: (plugin: string, pkg: string): Promise<Operation> => this.operation('POST', `/0.2/pg_mgr/plugins/${enc(plugin)}/install/upgrade`, { id: pkg }),
      uninstall: async (plugin: string, pkg: string): Promise<void> => void (await this.request('POST', `/0.2/pg_mgr/plugins/${enc(plugin)}/install/uninstall`, { id: pkg })),
    },
  };
}
