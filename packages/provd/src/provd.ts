import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GeneralConfig } from '@dialtone/plugin-sdk';
import type { Logger } from 'pino';
import { createRestApp } from './api/server.js';
import type { ApiDeps } from './api/context.js';
import type { RouteEntry } from './api/openapi.js';
import { createProvdAuth, ensureAdminToken, type ProvdAuth } from './auth/index.js';
import { resolveProvdTenant } from './auth/provd-tenant.js';
import { ParamsService } from './params/index.js';
import type { ResolvedConfig } from './config/index.js';
import { Configurator } from './configure/configurator.js';
import type { DeviceDoc } from './documents/index.js';
import { errors } from './errors.js';
import { Freshness } from './files/freshness.js';
import { GeneratedFiles } from './files/generated-files.js';
import { Identifier } from './identify/pipeline.js';
import { DhcpConfigSource } from './dhcp/index.js';
import { ProvisioningCache } from './identify/provisioning-cache.js';
import { createLogger } from './log.js';
import { OperationRegistry } from './operations/index.js';
import { PluginHost } from './plugins/host.js';
import { installFromSourceFolder } from './plugins/local-repository.js';
import { createPluginManagement, isPluginRepository, type PluginManagement } from './plugins/management.js';
import { createHttpProvisioningServer } from './servers/http.js';
import { createTftpProvisioningServer, readyFlag } from './servers/tftp.js';
import { ConfigService, DeviceService, deriveBaseRawConfig, deviceFiles } from './services/index.js';
import { openStore, type Store } from './store/index.js';

export interface ProvdOptions {
  config: ResolvedConfig;
  logger?: Logger;
}

export interface ListenAddresses {
  rest: { host: string; port: number };
  http: { host: string; port: number };
  /** Absent when TFTP is disabled. */
  tftp?: { host: string; port: number };
}

export interface Provd {
  readonly config: ResolvedConfig;
  readonly store: Store;
  readonly devices: DeviceService;
  readonly configs: ConfigService;
  readonly plugins: PluginHost;
  /** Plugin manager, its settings (plugin_server, proxies, cache_plugin, locale) and package services. */
  readonly pluginManagement: PluginManagement;
  readonly operations: OperationRegistry;
  readonly identifier: Identifier;
  readonly configurator: Configurator;
  /** The identification/config cache (read-through, kept by the change feed). */
  readonly cache: ProvisioningCache;
  /** Held while this node may be behind peers' changes (start, lost feed connection). */
  readonly freshness: Freshness;
  readonly log: Logger;
  readonly provdTenant: string;
  /** Tokens, tenant tree and the authenticator of the REST API. */
  readonly auth: ProvdAuth;
  /** Configure parameters (`/configure`). */
  readonly params: ParamsService;
  /** The REST API's route table (method, path, ACL, schema). */
  readonly restRoutes: readonly RouteEntry[];
  listen(): Promise<ListenAddresses>;
  /** Resolves when background work (DHCP processing, bulk reconfiguration) is done. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Builds provd: opens the store, loads plugins and wires identification, configuration and the
 * servers. No socket is opened before listen(); close() undoes everything in reverse order.
 */
export async function createProvd(options: ProvdOptions): Promise<Provd> {
  const { config } = options;
  const log = options.logger ?? createLogger(config.log.level);
  const security = log.child({ component: 'security' });
  const dataDir = config.general.data_dir;
  mkdirSync(join(dataDir, 'plugins'), { recursive: true });
  const store = await openStore({ url: config.database.url, idGenerator: config.database.generator, ...(config.database.schema ? { schema: config.database.schema } : {}) });
  const provdTenant = await resolveProvdTenant(store, config.general.provd_tenant_uuid);
  // Filled in by listen(), once the real ports are known (port 0 means "any free port").
  const baseRawConfig: Record<string, unknown> = {};
  const general: GeneralConfig & Record<string, unknown> = {};
  // One way, each built from what is before it: store → cache → services → files, plugins →
  // configurator → identification → servers. Nothing is handed a way back up: the configurator
  // and the cache learn of changes from the store's change feed, never from the services.
  const cache = new ProvisioningCache(store);
  const devices = new DeviceService({ store, provdTenant });
  const configs = new ConfigService({ store, baseRawConfig });
  const filesLog = log.child({ component: 'files' });
  const files = new GeneratedFiles(join(dataDir, 'generated'), { warn: (message, err) => filesLog.warn({ err }, message) });
  const plugins = new PluginHost({
    pluginsDir: join(dataDir, 'plugins'),
    builtinDir: fileURLToPath(new URL('../builtin-plugins', import.meta.url)),
    files,
    log: log.child({ component: 'plugins' }),
    general,
    pluginConfig: config.plugins.config,
    baseRawConfig,
  });
  const operations = new OperationRegistry();
  const pluginManagement = createPluginManagement({
    dataDir,
    host: plugins,
    repository: config.plugins.repository,
    log: log.child({ component: 'pg_mgr' }),
    devicesOf: async (id) => (await store.devices.find({ plugin: id })) as DeviceDoc[],
  });
  const auth = await createProvdAuth(config, store, provdTenant);
  const urlKey = config.general.http_auth_strategy === 'url_key';
  const configurator = new Configurator({
    store,
    plugins,
    cache,
    baseRawConfig,
    log: log.child({ component: 'configure' }),
    ...(urlKey ? { urlKeyOf: (tenant: string | undefined) => (tenant === undefined ? undefined : auth.tenants.get(tenant)?.provisioning_key) } : {}),
  });
  // until plugins are loaded and every device rendered, files journaled before a restart may be stale
  const freshness = new Freshness();
  const startingUp = freshness.hold();
  let behind: (() => void) | null = null;
  store.onConnection((state) => {
    if (state === 'lost') {
      log.warn({ seq: store.changes.seq }, 'change feed connection lost: holding provisioning until caught up');
      behind ??= freshness.hold();
      return;
    }
    void store.changes
      .settled()
      .then(() => configurator.idle())
      .finally(() => {
        log.info({ seq: store.changes.seq }, 'change feed caught up');
        behind?.();
        behind = null;
      });
  });
  const identifier = new Identifier({
    store,
    devices,
    configs,
    plugins,
    cache,
    freshness,
    profile: config.general.identification_profile,
    nat: config.general.nat,
    provdTenant,
    security,
  });

  const dhcpConfig = new DhcpConfigSource({
    loadedPlugins: () => plugins.states().filter((s) => s.state === 'loaded').map((s) => ({ id: s.id, version: s.version ?? null, dir: join(dataDir, 'plugins', s.id) })),
    provisioningUrl: () => String(baseRawConfig.http_base_url),
  });
  const params = new ParamsService(store, auth.tenants);
  await params.load();
  // the configure parameters the plugin manager reads take effect at its next operation
  const managerParams: readonly string[] = ['plugin_server', 'http_proxy', 'https_proxy', 'ftp_proxy', 'locale'];
  const applyManagerParam = (id: string): void => {
    if (!managerParams.includes(id)) return;
    const value = params.value(id) ?? (id === 'plugin_server' ? config.plugins.repository : null);
    Object.assign(pluginManagement.settings, { [id]: value });
  };
  for (const id of managerParams) applyManagerParam(id);
  params.on('change', (change) => {
    if (change.tenant === undefined) applyManagerParam(change.id);
  });
  if (config.rest_api.auth.backend === 'builtin') {
    const issued = await ensureAdminToken(store, auth.tokens, dataDir, provdTenant);
    if (issued) log.info({ file: issued }, 'first start: admin token written (use it as X-Auth-Token)');
  }
  const pendingDhcp = new Set<Promise<unknown>>();
  if (urlKey) {
    // url_key: a tenant's new provisioning key changes its devices' base URL.
    params.on('change', (change) => {
      if (change.id !== 'provisioning_key' || change.tenant === undefined) return;
      const work = store.devices
        .find({ tenant_uuid: change.tenant }, { fields: ['id'] })
        .then((found) => configurator.reconfigureInBackground(found.map((d) => d.id)))
        .catch((err: unknown) => log.error({ err, tenant: change.tenant }, 'reconfigure after a provisioning key change failed'));
      pendingDhcp.add(work);
      void work.finally(() => pendingDhcp.delete(work));
    });
  }
  const deps: ApiDeps = {
    devices,
    configs,
    plugins,
    pluginManager: pluginManagement.manager,
    operations,
    packagesOf: (id) => pluginManagement.packagesOf(id),
    provdTenant,
    authenticator: auth.authenticator,
    tenants: auth.tenants,
    params,
    status: () => ({
      rest_api: 'ok',
      bus_consumer: { status: 'disabled' },
      store: store.kind,
      reconfigure: configurator.background.progress(),
      change_feed: { ...store.feedState(), fresh: freshness.fresh },
    }),
    dhcpCommitted(request) {
      const work = identifier.identify(request).catch((err) => log.error({ err, mac: request.mac }, 'dhcp identification failed'));
      pendingDhcp.add(work);
      void work.finally(() => pendingDhcp.delete(work));
    },
    dhcpConfig: (kind) => dhcpConfig.render(kind),
    async deviceFiles(callerScope, id) {
      const device = await devices.get(callerScope, id);
      const raw = device.config ? await configs.rawConfig(device.config).catch(() => null) : null;
      return deviceFiles(files, device, raw);
    },
    async reconfigure(callerScope, id) {
      const device = (await devices.get(callerScope, id).catch(() => null)) as DeviceDoc | null;
      if (!device) throw errors.notFound(`no device with id ${JSON.stringify(id)}`);
      await configurator.reconfigure(device);
    },
  };
  const { app: rest, routes: restRoutes } = createRestApp(deps, log, {
    prefix: config.rest_api.prefix,
    corsOrigins: config.rest_api.cors_origins,
    allowedHosts: config.rest_api.allowed_hosts,
  });
  const http = createHttpProvisioningServer({
    identifier,
    files,
    trustedProxies: config.http.trusted_proxies_count,
    log: log.child({ component: 'http' }),
    security,
    limits: {
      maxConnections: config.http.max_connections,
      maxConnectionsPerSource: config.http.max_connections_per_source,
      reserveDescriptors: config.http.reserve_descriptors,
      idleTimeoutMs: config.http.idle_timeout_ms,
      headersTimeoutMs: config.http.headers_timeout_ms,
    },
    guesses: config.http.unknown_files.enabled
      ? { burst: config.http.unknown_files.burst, perSecond: config.http.unknown_files.per_second, maxBlockMs: config.http.unknown_files.max_block_ms }
      : null,
    ...(urlKey ? { urlKey: { tenantOf: (key: string) => auth.tenants.tenantOfKey(key), provdTenant } } : {}),
  });
  const tftpReady = readyFlag();
  const tftp = config.tftp.enabled
    ? createTftpProvisioningServer({ identifier, files, config: config.tftp, log: log.child({ component: 'tftp' }), security, ready: tftpReady })
    : null;
  let closed = false;
  return {
    config,
    store,
    devices,
    configs,
    plugins,
    pluginManagement,
    operations,
    identifier,
    configurator,
    cache,
    freshness,
    log,
    provdTenant,
    auth,
    params,
    restRoutes,
    async listen() {
      await rest.listen({ host: config.rest_api.ip, port: config.rest_api.port });
      const restAddress = rest.server.address() as AddressInfo;
      const httpAddress = await http.listen(config.http.ip, config.http.port);
      const tftpAddress = tftp ? await tftp.listen() : null;
      Object.assign(baseRawConfig, deriveBaseRawConfig(config, { http: httpAddress.port, tftp: tftpAddress?.port ?? config.tftp.port }));
      Object.assign(general, {
        httpBaseUrl: baseRawConfig.http_base_url,
        httpPort: baseRawConfig.http_port,
        tftpPort: baseRawConfig.tftp_port,
        ip: baseRawConfig.ip,
      });
      const repository = config.plugins.repository;
      // a folder of plugin sources (no plugins.db) is installed as it is; a repository is the manager's
      if (repository && !isPluginRepository(repository)) installFromSourceFolder(repository, join(dataDir, 'plugins'), log.child({ component: 'plugins' }));
      await pluginManagement.manager.recover();
      // every device is rendered again at plugin load; what is not rewritten by then is stale
      files.beginSweep();
      await plugins.loadAll();
      // phones are answered 503 / TFTP "starting" until their plugins are there
      http.setReady();
      tftpReady.set();
      void configurator
        .idle()
        .then(() => {
          const removed = files.endSweep();
          if (removed) log.info({ removed }, 'removed generated files no device has any more');
        })
        .finally(startingUp);
      const addresses: ListenAddresses = {
        rest: { host: restAddress.address, port: restAddress.port },
        http: { host: httpAddress.address, port: httpAddress.port },
        ...(tftpAddress ? { tftp: { host: tftpAddress.address, port: tftpAddress.port } } : {}),
      };
      log.info({ ...addresses, store: store.kind, data_dir: dataDir }, 'provd listening');
      return addresses;
    },
    async idle() {
      while (pendingDhcp.size) await Promise.all([...pendingDhcp]);
      await configurator.idle();
    },
    async close() {
      if (closed) return;
      closed = true;
      await tftp?.close();
      await http.close();
      await rest.close();
      await Promise.allSettled([...pendingDhcp]);
      await configurator.idle();
      configurator.detach();
      cache.close();
      await plugins.close();
      await files.close();
      await store.close();
    },
  };
}
