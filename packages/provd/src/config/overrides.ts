/**
 * The settings that environment variables and command-line flags can override. One table, so
 * `provd --help`, the environment and the docs never disagree.
 */
export interface Override {
  /** Dotted key in the configuration. */
  key: string;
  flag: string;
  env: string;
  kind: 'string' | 'int' | 'bool';
  description: string;
}

export const overrides: readonly Override[] = [
  { key: 'general.data_dir', flag: '--data-dir', env: 'PROVD_DATA_DIR', kind: 'string', description: 'data directory (database, plugins, generated files)' },
  { key: 'rest_api.ip', flag: '--rest-host', env: 'PROVD_REST_HOST', kind: 'string', description: 'REST API listen address' },
  { key: 'rest_api.port', flag: '--rest-port', env: 'PROVD_REST_PORT', kind: 'int', description: 'REST API port (0: any free port)' },
  { key: 'http.ip', flag: '--http-host', env: 'PROVD_HTTP_HOST', kind: 'string', description: 'HTTP provisioning listen address' },
  { key: 'http.port', flag: '--http-port', env: 'PROVD_HTTP_PORT', kind: 'int', description: 'HTTP provisioning port (0: any free port)' },
  { key: 'http.trusted_proxies_count', flag: '--trusted-proxies', env: 'PROVD_TRUSTED_PROXIES', kind: 'int', description: 'reverse proxies trusted in X-Forwarded-For' },
  { key: 'tftp.ip', flag: '--tftp-host', env: 'PROVD_TFTP_HOST', kind: 'string', description: 'TFTP listen address' },
  { key: 'tftp.port', flag: '--tftp-port', env: 'PROVD_TFTP_PORT', kind: 'int', description: 'TFTP port (0: any free port)' },
  { key: 'tftp.enabled', flag: '--tftp', env: 'PROVD_TFTP_ENABLED', kind: 'bool', description: 'serve TFTP (--no-tftp to disable)' },
  { key: 'database.url', flag: '--database-url', env: 'PROVD_DATABASE_URL', kind: 'string', description: 'sqlite:<path> or postgres://… (default: SQLite in the data directory)' },
  { key: 'general.advertised_http_url', flag: '--advertised-http-url', env: 'PROVD_ADVERTISED_HTTP_URL', kind: 'string', description: 'URL phones use to reach the HTTP server' },
  { key: 'general.identification_profile', flag: '--identification-profile', env: 'PROVD_IDENTIFICATION_PROFILE', kind: 'string', description: 'default or secure (never auto-add devices)' },
  { key: 'plugins.repository', flag: '--plugin-repository', env: 'PROVD_PLUGIN_REPOSITORY', kind: 'string', description: 'plugin repository folder or URL' },
  { key: 'log.level', flag: '--log-level', env: 'PROVD_LOG_LEVEL', kind: 'string', description: 'log level (info, debug, …)' },
  { key: 'log.format', flag: '--log-format', env: 'PROVD_LOG_FORMAT', kind: 'string', description: 'json, pretty, or auto (pretty on a terminal)' },
];

/** Parses an override's textual value; returns an error message instead of throwing. */
export function parseOverride(o: Override, raw: string, source: string): { value: unknown } | { error: string } {
  if (o.kind === 'int') {
    if (!/^\d+$/.test(raw.trim())) return { error: `${o.key} (from ${source}): expected an integer, got ${JSON.stringify(raw)}` };
    return { value: Number(raw.trim()) };
  }
  if (o.kind === 'bool') {
    const v = raw.trim().toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(v)) return { value: true };
    if (['0', 'false', 'no', 'off'].includes(v)) return { value: false };
    return { error: `${o.key} (from ${source}): expected true or false, got ${JSON.stringify(raw)}` };
  }
  return { value: raw };
}
