/**
 * The provd plugin contract: what a plugin module exports, what the host gives it, and what it may
 * provide. Everything a plugin provides is optional; every method may return a promise.
 */
import type { Device, DeviceInfo, RawConfig } from './device.js';
import type { PluginInfo } from './plugin-info.js';
import type { DhcpProvRequest, HttpProvRequest, TftpProvRequest } from './requests.js';
import type { Sdk } from './sdk-interface.js';

/**
 * The interface version this SDK implements; plugin-info may bound it with
 * plugin_iface_version_min/max. Bumped only by a breaking change (docs/reference/plugin-sdk.md,
 * "Interface versions").
 */
export const PLUGIN_IFACE_VERSION = 1;
/** Additive changes since PLUGIN_IFACE_VERSION's last bump (new helpers, transforms, optional keys); never breaks a plugin. */
export const PLUGIN_IFACE_MINOR = 1;

export type Awaitable<T> = T | Promise<T>;

/** pino-like: object first, then the message. */
export interface PluginLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/**
 * Where a plugin puts the files it generates. Owned by the host, one per plugin: the host keeps
 * the files where every node can serve them and in memory for the hot path. Names are served
 * paths relative to the plugin's root, like `Digium/000fd3054848.cfg` (see checkFileName).
 */
export interface FileSink {
  /** Replaces the file atomically (readers see the old or the new content, never a mix). */
  write(name: string, content: string | Buffer): Promise<void>;
  /** Removes the file; removing a missing file is not an error. */
  remove(name: string): Promise<void>;
  /** The content, or null when there is no such generated file. */
  read(name: string): Promise<Buffer | null>;
  /** Every generated file name of this plugin, sorted. */
  list(): Promise<string[]>;
}

/** Host settings a plugin may read (reference gen_cfg); all optional. */
export interface GeneralConfig {
  /** The URL phones use to reach the HTTP provisioning server, e.g. `http://10.0.0.1:8667`. */
  readonly httpBaseUrl?: string;
  readonly httpPort?: number;
  readonly tftpPort?: number;
  /** The provisioning server's address as phones see it. */
  readonly ip?: string;
  readonly proxies?: Readonly<{ http?: string; https?: string; ftp?: string }>;
  /** The global locale (`fr_FR`), for localized descriptions. */
  readonly locale?: string;
  readonly [key: string]: unknown;
}

export type SipNotifyTarget = { readonly endpoint: string } | { readonly uri: string };

/** Capabilities the host may lend for synchronize (AMI PJSIPNotify in the reference). */
export interface SyncCapability {
  sipNotify(target: SipNotifyTarget, event: string): Promise<void>;
}

/** What the host gives each plugin. Plugins use only this (and `import type` of the SDK). */
export interface PluginContext {
  /** The plugin id, e.g. `digium-1.4.0.0`. */
  readonly id: string;
  /** Absolute path of the plugin folder (plugin-info, templates/, var/…). */
  readonly dir: string;
  /** A child logger bound to the plugin id. */
  readonly log: PluginLogger;
  readonly files: FileSink;
  readonly general: GeneralConfig;
  /** This plugin's slice of the host configuration (reference plugin_config.<id>). */
  readonly pluginConfig: Readonly<Record<string, unknown>>;
  /** The SDK runtime helpers; plugins never import the SDK at run time. */
  readonly sdk: Sdk;
  /** Present when the host can send SIP NOTIFYs. */
  readonly sync?: SyncCapability;
}

export interface DeviceInfoExtractor<R> {
  /** Device facts found in the request, or null when the request says nothing to this plugin. */
  extract(req: R): Awaitable<DeviceInfo | null | undefined>;
}

export interface PluginExtractors {
  readonly dhcp?: DeviceInfoExtractor<DhcpProvRequest>;
  readonly http?: DeviceInfoExtractor<HttpProvRequest>;
  readonly tftp?: DeviceInfoExtractor<TftpProvRequest>;
}

export interface PluginAssociator {
  /** A DeviceSupport score for facts from one request. */
  associate(info: DeviceInfo): Awaitable<number>;
}

/**
 * How the host serves this plugin's files over HTTP: generated files from the sink first, then
 * static files under `<dir>/var/tftpboot`; no listing, no escape. Set `http: false` to serve
 * nothing over HTTP.
 */
export interface HttpFileService {
  /** Rewrites the decoded request path (leading '/') before lookup; null → 404. */
  rewritePath?(path: string, device: Device | null): string | null;
}

/** Same as HttpFileService for TFTP; `tftp: false` serves nothing over TFTP. */
export interface TftpFileService {
  rewriteFilename?(filename: string, device: Device | null): string | null;
}

export interface PackageInfo {
  readonly id: string;
  readonly version?: string;
  readonly description?: string;
  readonly [key: string]: unknown;
}

export interface PackageProgress {
  (step: 'download' | 'install', current: number, end: number | null): void;
}

/** Firmware/language packages. The host provides one from `pkgs/pkgs.db` when a plugin doesn't. */
export interface PackageService {
  installable(): Awaitable<Record<string, PackageInfo>>;
  installed(): Awaitable<Record<string, PackageInfo>>;
  install(id: string, progress?: PackageProgress): Promise<void>;
  uninstall(id: string): Promise<void>;
}

export interface ConfigureParam {
  readonly id: string;
  readonly description?: string;
  readonly value?: string | null;
}

/** Plugin-level parameters set through the REST API (credentials for a vendor site…). */
export interface ConfigureService {
  params(): Awaitable<ConfigureParam[]>;
  get(id: string): Awaitable<string | null>;
  set(id: string, value: string | null): Awaitable<void>;
}

export interface PluginServices {
  readonly install?: PackageService;
  readonly configure?: ConfigureService;
}

export interface ProvdPlugin {
  readonly info?: PluginInfo;
  readonly extractors?: PluginExtractors;
  readonly associator?: PluginAssociator;
  /** Renders files shared by all devices. Gets the base raw config (server keys only). */
  configureCommon?(raw: RawConfig): Awaitable<void>;
  /** Renders the device's files from its flattened raw config (a copy the plugin may change). */
  configure?(device: Device, raw: RawConfig): Awaitable<void>;
  /** Removes what configure wrote for this device. */
  deconfigure?(device: Device): Awaitable<void>;
  /** Asks the phone to fetch its configuration again. Missing → the host reports "not supported". */
  synchronize?(device: Device, raw: RawConfig): Awaitable<void>;
  /** The basename whose fetch means "the phone took its configuration", or null. */
  getRemoteStateTriggerFilename?(device: Device): string | null;
  /** True when a request for this basename should go to the security log. */
  isSensitiveFilename?(name: string): boolean;
  readonly http?: HttpFileService | false;
  readonly tftp?: TftpFileService | false;
  readonly services?: PluginServices;
  close?(): Awaitable<void>;
}

/** A plugin module's default export. */
export type PluginFactory = (ctx: PluginContext) => Awaitable<ProvdPlugin>;

export interface PluginModule {
  readonly default: PluginFactory;
}
