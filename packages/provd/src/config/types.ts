/** provd's resolved configuration (read-only). Keys mirror default.yml. */
export interface ResolvedConfig {
  readonly general: {
    data_dir: string;
    advertised_http_url: string | null;
    base_raw_config: Readonly<Record<string, unknown>>;
    provd_tenant_uuid: string | null;
    identification_profile: 'default' | 'secure';
    nat: boolean;
    http_auth_strategy: 'url_key' | null;
    readonly secure_bind_address: boolean;
    readonly auto_create: {
      readonly enabled: boolean;
      readonly per_source_burst: number;
      readonly per_source_per_second: number;
      readonly burst: number;
      readonly per_second: number;
    };
  };
  readonly rest_api: {
    readonly ip: string;
    readonly port: number;
    readonly prefix: string | null;
    readonly cors_origins: readonly string[];
    readonly allowed_hosts: readonly string[];
    readonly max_body_bytes: number;
    readonly auth: { readonly backend: 'builtin' | 'wazo-auth'; readonly wazo_auth_url: string | null };
  };
  readonly http: {
    readonly ip: string;
    readonly port: number;
    readonly trusted_proxies_count: number;
    readonly max_connections: number;
    readonly max_connections_per_source: number;
    readonly reserve_descriptors: number;
    readonly device_credentials: boolean;
    readonly idle_timeout_ms: number;
    readonly headers_timeout_ms: number;
    readonly unknown_files: { readonly enabled: boolean; readonly burst: number; readonly per_second: number; readonly max_block_ms: number };
  };
  readonly https: {
    readonly enabled: boolean;
    readonly ip: string;
    readonly port: number;
    readonly cert_file: string | null;
    readonly key_file: string | null;
    readonly client_ca_file: string | null;
  };
  readonly tftp: {
    readonly enabled: boolean;
    readonly ip: string;
    readonly port: number;
    readonly max_transfers: number;
    readonly max_transfers_per_client: number;
    readonly max_unconfirmed_per_client: number;
    readonly timeout_ms: number;
    readonly max_retries: number;
  };
  readonly database: { url: string; readonly generator: 'uuid' | 'numeric'; readonly schema: string | null };
  readonly plugins: { readonly repository: string | null; readonly config: Readonly<Record<string, Record<string, unknown>>> };
  readonly sync: {
    readonly type: 'sip' | 'ami' | 'none';
    readonly sip: { readonly port: number; readonly local_ip: string | null; readonly t1_ms: number; readonly t2_ms: number; readonly timeout_ms: number; readonly tls_port: number; readonly tls_ca_file: string | null };
    readonly ami: { readonly host: string; readonly port: number; readonly username: string | null; readonly secret: string | null; readonly timeout_ms: number };
  };
  readonly log: { readonly level: string; readonly format: 'auto' | 'json' | 'pretty' };
}
