import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GeneralConfig } from '@dialtone/plugin-sdk';
import type { Logger } from 'pino';
import { createRestApp } from './api/server.js';
import type { ApiDeps } from './api/context.js';
import type { RouteEntry } from './api/openapi.js';
import { createProvdAuth, ensureAdminToken, type ProvdAuth } from './auth/index.js';
import { ParamsService } from './params/index.js';
import { resolveProvdTenant } from './params/provd-tenant.js';
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
import { PluginHost, type LoadedPlugin } from './plugins/host.js';
import { installFromSourceFolder } from './plugins/local-repository.js';
import { createPluginManagement, isPluginRepository, type PluginManagement } from './plugins/management.js';
import { CREDENTIALS_SECRET_META_KEY, DeviceCredentials, newCredentialsSecret, supportsCredentials } from './servers/device-credentials.js';
import { createHttpProvisioningServer } from './servers/http.js';
import { createTftpProvisioningServer, readyFlag } from './servers/tftp.js';
import { ConfigService, DeviceService, deriveBaseRawConfig, deviceFiles } from './services/index.js';
import { flattenRawConfig, openStore, type Store } from './store/index.js';
import { Synchronizer, SyncTransport } from './sync/index.js';

export interface ProvdOptions {
  config: ResolvedConfig;
  logger?: Logger;
}

export interface ListenAddresses {
  rest: { host: string; port: number };
  http: { host: string; port: number };
  /** Present when https.enabled. */
  https?: { host: string; port: number };
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
  const syncLog = log.child({ component: 'sync' });
  const syncTransport = new SyncTransport(config.sync, { sent: (info) => syncLog.info(info, 'NOTIFY accepted') });
  const plugins = new PluginHost({
    pluginsDir: join(dataDir, 'plugins'),
    builtinDir: fileURLToPath(new URL('../builtin-plugins', import.meta.url)),
    files,
    log: log.child({ component: 'plugins' }),
    general,
    pluginConfig: config.plugins.config,
    baseRawConfig,
    sync: syncTransport.capability,
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
  const deviceCredentials = config.http.device_credentials ? new DeviceCredentials(await credentialsSecret(store)) : null;
  const configurator = new Configurator({
    store,
    plugins,
    cache,
    baseRawConfig,
    log: log.child({ component: 'configure' }),
    ...(urlKey ? { urlKeyOf: (tenant: string | undefined) => (tenant === undefined ? undefined : auth.tenants.get(tenant)?.provisioning_key) } : {}),
    ...(deviceCredentials ? { credentialsOf: (device: DeviceDoc, plugin: LoadedPlugin) => (supportsCredentials(plugin.info) ? deviceCredentials.of(device.id) : undefined) } : {}),
  });
  // until plugins are loaded and every device rendered, files journaled before a restart may be stale
  const freshness = new Freshness();
  const startingUp = freshness.hold();
  let pluginsLoaded = false;
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
    bindAddress: config.general.secure_bind_address,
    creation: config.general.auto_create.enabled
      ? {
          perSourceBurst: config.general.auto_create.per_source_burst,
          perSourcePerSecond: config.general.auto_create.per_source_per_second,
          burst: config.general.auto_create.burst,
          perSecond: config.general.auto_create.per_second,
        }
      : null,
  });

  const dhcpConfig = new DhcpConfigSource({
    loadedPlugins: () => plugins.states().filter((s) => s.state === 'loaded').map((s) => ({ id: s.id, version: s.version ?? null, dir: join(dataDir, 'plugins', s.id) })),
    provisioningUrl: () => String(baseRawConfig.http_base_url),
  });
  const params = new ParamsService(store, auth.tenants);
  await params.load();
  // the configure parameters the plugin manager reads take effect at its next operation, on every
  // node: `change` is emitted from the change feed, whichever node the parameter was set through
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
  const synchronizer = new Synchronizer({
    devices,
    plugins,
    transport: syncTransport,
    rawConfigOf: async (device) => (device.config ? flattenRawConfig(store.configs, device.config, baseRawConfig) : null),
  });
  const deps: ApiDeps = {
    devices,
    configs,
    plugins,
    pluginManager: pluginManagement.manager,
    operations,
    packagesOf: (id) => pluginManagement.packagesOf(id),
    provdTenant,
    authenticator: auth.authenticator,
    ...(config.rest_api.auth.backend === 'builtin' ? { tokens: auth.tokens } : {}),
    tenants: auth.tenants,
    params,
    status: () => ({
      // `starting` until the plugins are loaded (phones get 503 / TFTP "starting" meanwhile)
      status: pluginsLoaded ? 'ok' : 'starting',
      rest_api: 'ok',
      plugins: { status: pluginsLoaded ? 'ok' : 'starting', loaded: plugins.states().filter((s) => s.state === 'loaded').length },
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
    dhcpEnded(lease) {
      // one transaction, so a commit of a new address in between is never undone
      const work = store
        .transactionWithChange(async (tx) => {
          for (const held of await tx.devices.find({ mac: lease.mac, ip: lease.ip })) {
            const { ip: _ip, ...rest } = held;
            await tx.devices.update(rest as DeviceDoc);
          }
        })
        .catch((err: unknown) => log.error({ err, mac: lease.mac }, `dhcp ${lease.op}: could not update the device`));
      pendingDhcp.add(work);
      void work.finally(() => pendingDhcp.delete(work));
    },
    synchronizer,
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
    maxBodyBytes: config.rest_api.max_body_bytes,
  });
  const http = createHttpProvisioningServer({
    tls: config.https.enabled ? readTlsFiles(config.https) : null,
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
    credentials: deviceCredentials
      ? {
          creds: deviceCredentials,
          enroll: (id: string) =>
            void devices.setComputed(id, { provisioning_enrolled: true }).then(
              () => security.info({ device: id }, `Device ${id} now uses its provisioning credentials`),
              (err: unknown) => log.error({ err, device: id }, 'recording provisioning credentials use failed'),
            ),
        }
      : null,
  });
  const tftpReady = readyFlag();
  const tftp = config.tftp.enabled
    ? createTftpProvisioningServer({ identifier, files, config: config.tftp, log: log.child({ component: 'tftp' }), security, ready: tftpReady, credentials: deviceCredentials !== null })
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
      const httpsAddress = config.https.enabled ? await http.listenTls(config.https.ip, config.https.port) : null;
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
      pluginsLoaded = true;
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
        ...(httpsAddress ? { https: { host: httpsAddress.address, port: httpsAddress.port } } : {}),
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
      params.close();
      cache.close();
      await plugins.close();
      await files.close();
      await store.close();
    },
  };
}

/** The installation's provisioning-credentials secret, created at the first start that needs it (kept in the database). */
async function credentialsSecret(store: Store): Promise<string> {
  const existing = await store.meta.get(CREDENTIALS_SECRET_META_KEY);
  if (typeof existing === 'string') return existing;
  await store.meta.set(CREDENTIALS_SECRET_META_KEY, newCredentialsSecret());
  // nodes starting together: whichever write landed last is everyone's
  return String(await store.meta.get(CREDENTIALS_SECRET_META_KEY));
}

/** The HTTPS provisioning port's PEM files; a missing one stops start-up with its key named. */
function readTlsFiles(https: ResolvedConfig['https']): { key: Buffer; cert: Buffer; ca: Buffer | null } {
  const read = (key: string, file: string | null): Buffer => {
    if (!file) throw errors.invalidConfig(`https.${key}: required when https.enabled is true`);
    try {
      return readFileSync(file);
    } catch (err) {
      throw errors.invalidConfig(`https.${key}: cannot read ${file}: ${(err as Error).message}`);
    }
  };
  return { key: read('key_file', https.key_file), cert: read('cert_file', https.cert_file), ca: https.client_ca_file ? read('client_ca_file', https.client_ca_file) : null };
}
