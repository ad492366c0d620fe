/** The shape of provd's configuration, checked key by key so errors can name the key. */

export type Rule =
  | { type: 'string'; nullable?: boolean; pattern?: RegExp; hint?: string }
  | { type: 'int'; min: number; max: number }
  | { type: 'bool' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'url'; nullable?: boolean; protocols: readonly string[] }
  | { type: 'free-object' }
  | { type: 'string-list'; pattern?: RegExp; hint?: string };

export type Schema = { [key: string]: Rule | Schema };

const port: Rule = { type: 'int', min: 0, max: 65535 };
const host: Rule = { type: 'string', pattern: /^[0-9A-Za-z.:\-_%]+$/, hint: 'an IP address or host name' };

export const configSchema: Schema = {
  general: {
    data_dir: { type: 'string' },
    advertised_http_url: { type: 'url', nullable: true, protocols: ['http:', 'https:'] },
    base_raw_config: { type: 'free-object' },
    provd_tenant_uuid: { type: 'string', nullable: true, pattern: /^[\w-]{1,64}$/, hint: 'a tenant uuid' },
    identification_profile: { type: 'enum', values: ['default', 'secure'] },
    nat: { type: 'bool' },
    http_auth_strategy: { type: 'string', nullable: true, pattern: /^url_key$/, hint: 'null or url_key' },
    secure_bind_address: { type: 'bool' },
    auto_create: {
      enabled: { type: 'bool' },
      per_source_burst: { type: 'int', min: 1, max: 1_000_000 },
      per_source_per_second: { type: 'int', min: 1, max: 1_000_000 },
      burst: { type: 'int', min: 1, max: 10_000_000 },
      per_second: { type: 'int', min: 1, max: 1_000_000 },
    },
  },
  rest_api: {
    ip: host,
    port,
    prefix: { type: 'string', nullable: true, pattern: /^(\/[A-Za-z0-9._~-]+)+$/, hint: 'a path such as /api/provd (no trailing slash)' },
    cors_origins: { type: 'string-list', pattern: /^https?:\/\/[^/\s]+$/, hint: 'an origin such as https://admin.example.com' },
    allowed_hosts: { type: 'string-list', pattern: /^(\*|[A-Za-z0-9.-]+)$/, hint: 'a host name, or *' },
    max_body_bytes: { type: 'int', min: 1024, max: 64 * 1024 * 1024 },
    auth: {
      backend: { type: 'enum', values: ['builtin', 'wazo-auth'] },
      wazo_auth_url: { type: 'url', nullable: true, protocols: ['http:', 'https:'] },
    },
  },
  http: {
    ip: host,
    port,
    trusted_proxies_count: { type: 'int', min: 0, max: 16 },
    max_connections: { type: 'int', min: 16, max: 1_000_000 },
    max_connections_per_source: { type: 'int', min: 1, max: 1_000_000 },
    reserve_descriptors: { type: 'int', min: 0, max: 100_000 },
    device_credentials: { type: 'bool' },
    idle_timeout_ms: { type: 'int', min: 100, max: 3_600_000 },
    headers_timeout_ms: { type: 'int', min: 100, max: 600_000 },
    unknown_files: {
      enabled: { type: 'bool' },
      burst: { type: 'int', min: 1, max: 1_000_000 },
      per_second: { type: 'int', min: 1, max: 1_000_000 },
      max_block_ms: { type: 'int', min: 1000, max: 86_400_000 },
    },
  },
  https: {
    enabled: { type: 'bool' },
    ip: host,
    port,
    cert_file: { type: 'string', nullable: true },
    key_file: { type: 'string', nullable: true },
    client_ca_file: { type: 'string', nullable: true },
  },
  tftp: {
    enabled: { type: 'bool' },
    ip: host,
    port,
    max_transfers: { type: 'int', min: 1, max: 100000 },
    max_transfers_per_client: { type: 'int', min: 1, max: 1000 },
    max_unconfirmed_per_client: { type: 'int', min: 1, max: 1000 },
    timeout_ms: { type: 'int', min: 50, max: 60000 },
    max_retries: { type: 'int', min: 0, max: 50 },
  },
  database: {
    url: { type: 'string', nullable: true },
    generator: { type: 'enum', values: ['uuid', 'numeric'] },
    schema: { type: 'string', nullable: true, pattern: /^[a-z_][a-z0-9_]{0,62}$/, hint: 'a lower-case SQL identifier' },
  },
  plugins: {
    repository: { type: 'string', nullable: true },
    config: { type: 'free-object' },
  },
  sync: {
    type: { type: 'enum', values: ['sip', 'ami', 'none'] },
    sip: {
      port: { type: 'int', min: 1, max: 65535 },
      local_ip: { type: 'string', nullable: true, pattern: /^[0-9A-Fa-f.:]+$/, hint: 'an IP address' },
      t1_ms: { type: 'int', min: 10, max: 10_000 },
      t2_ms: { type: 'int', min: 10, max: 60_000 },
      timeout_ms: { type: 'int', min: 10, max: 600_000 },
      tls_port: { type: 'int', min: 1, max: 65535 },
      tls_ca_file: { type: 'string', nullable: true },
    },
    ami: {
      host,
      port: { type: 'int', min: 1, max: 65535 },
      username: { type: 'string', nullable: true },
      secret: { type: 'string', nullable: true },
      timeout_ms: { type: 'int', min: 100, max: 600_000 },
    },
  },
  log: {
    level: { type: 'enum', values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] },
    format: { type: 'enum', values: ['auto', 'json', 'pretty'] },
  },
};

function isRule(node: Rule | Schema): node is Rule {
  return typeof (node as Rule).type === 'string';
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : `${typeof value} ${JSON.stringify(value)}`;
}

/** Returns the problems found, each naming the dotted key; an empty list means valid. */
export function validateAgainst(schema: Schema, value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [`${prefix || '(root)'}: expected a mapping, got ${describe(value)}`];
  }
  const problems: string[] = [];
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(key in schema)) problems.push(`${prefix}${key}: unknown key`);
  }
  for (const [key, node] of Object.entries(schema)) {
    const path = `${prefix}${key}`;
    const v = record[key];
    if (isRule(node)) {
      const problem = checkRule(node, v);
      if (problem) problems.push(`${path}: ${problem}`);
    } else {
      problems.push(...validateAgainst(node, v ?? {}, `${path}.`));
    }
  }
  return problems;
}

function checkRule(rule: Rule, v: unknown): string | null {
  switch (rule.type) {
    case 'string':
      if (v === null && rule.nullable) return null;
      if (typeof v !== 'string' || v === '') return `expected a non-empty string, got ${describe(v)}`;
      if (rule.pattern && !rule.pattern.test(v)) return `expected ${rule.hint ?? rule.pattern}, got ${JSON.stringify(v)}`;
      return null;
    case 'int':
      if (typeof v !== 'number' || !Number.isInteger(v)) return `expected an integer, got ${describe(v)}`;
      if (v < rule.min || v > rule.max) return `expected an integer from ${rule.min} to ${rule.max}, got ${v}`;
      return null;
    case 'bool':
      return typeof v === 'boolean' ? null : `expected true or false, got ${describe(v)}`;
    case 'enum':
      return typeof v === 'string' && rule.values.includes(v) ? null : `expected one of ${rule.values.join(', ')}, got ${describe(v)}`;
    case 'url': {
      if (v === null && rule.nullable) return null;
      if (typeof v !== 'string') return `expected a URL, got ${describe(v)}`;
      try {
        const url = new URL(v);
        if (!rule.protocols.includes(url.protocol)) return `expected a ${rule.protocols.join(' or ')} URL, got ${JSON.stringify(v)}`;
        return null;
      } catch {
        return `expected a URL, got ${JSON.stringify(v)}`;
      }
    }
    case 'string-list': {
      if (!Array.isArray(v)) return `expected a list of strings, got ${describe(v)}`;
      for (const item of v) {
        if (typeof item !== 'string' || item === '') return `expected a list of non-empty strings, got an item ${describe(item)}`;
        if (rule.pattern && !rule.pattern.test(item)) return `expected ${rule.hint ?? rule.pattern} in the list, got ${JSON.stringify(item)}`;
      }
      return null;
    }
    case 'free-object':
      return v !== null && typeof v === 'object' && !Array.isArray(v) ? null : `expected a mapping, got ${describe(v)}`;
  }
}
