import { errors } from '../errors.js';

/** One configure parameter (reference `/configure/<id>`). */
export interface ParamDefinition {
  id: string;
  description: string;
  /** Per tenant (provisioning_key) or global. */
  perTenant: boolean;
  /** Validates a non-null input and returns the value to keep. Throws DT_ERR_INVALID_PARAM. */
  parse(value: string): string;
  /** The value as the API shows it (NAT: an integer). */
  present?(stored: string): unknown;
}

function invalid(id: string, expected: string, value: string): never {
  throw errors.invalidParam(`${id}: expected ${expected}, got ${JSON.stringify(value)}`);
}

function proxyUrl(id: string) {
  return (value: string): string => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return invalid(id, 'scheme://[user:password@]host:port', value);
    }
    const pathless = url.pathname === '/' || url.pathname === '';
    if (!url.hostname || !url.port || !pathless || url.search || url.hash || !/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
      return invalid(id, 'scheme://[user:password@]host:port with no path', value);
    }
    return value.replace(/\/$/, '');
  };
}

export const PROVISIONING_KEY = /^[A-Za-z0-9\-$~.]{8,256}$/;

export const paramDefinitions: readonly ParamDefinition[] = [
  {
    id: 'plugin_server',
    description: 'The plugins repository URL',
    perTenant: false,
    parse(value) {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        return invalid('plugin_server', 'a URL with a scheme and a host', value);
      }
      if (!url.host || !['http:', 'https:', 'file:'].includes(url.protocol)) return invalid('plugin_server', 'an http, https or file URL with a host', value);
      return value;
    },
  },
  { id: 'http_proxy', description: 'The proxy for HTTP requests. Format is "http://[user:password@]host:port"', perTenant: false, parse: proxyUrl('http_proxy') },
  { id: 'ftp_proxy', description: 'The proxy for FTP requests. Format is "http://[user:password@]host:port"', perTenant: false, parse: proxyUrl('ftp_proxy') },
  {
    id: 'https_proxy',
    description: 'The proxy for HTTPS requests. Format is "host:port"',
    perTenant: false,
    parse(value) {
      const m = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$/.exec(value);
      if (!m || Number(m[2]) > 65535 || Number(m[2]) === 0) return invalid('https_proxy', 'host:port', value);
      return value;
    },
  },
  {
    id: 'locale',
    description: 'The current locale. Example: fr_FR',
    perTenant: false,
    parse(value) {
      if (!/^[a-z]{2,3}(_[A-Z]{2,3})?$/.test(value)) return invalid('locale', 'a locale such as fr or fr_FR', value);
      return value;
    },
  },
  {
    id: 'NAT',
    description: 'Set to 1 if all the devices are behind a NAT.',
    perTenant: false,
    parse(value) {
      if (value !== '0' && value !== '1') return invalid('NAT', '"0" or "1"', value);
      return value;
    },
    present: (stored) => Number(stored),
  },
  {
    id: 'provisioning_key',
    description: 'The provisioning key of the tenant (http_auth_strategy url_key): phones fetch /<key>/<file>',
    perTenant: true,
    parse(value) {
      if (!PROVISIONING_KEY.test(value)) return invalid('provisioning_key', '8 to 256 characters among letters, digits and - $ ~ .', value);
      return value;
    },
  },
];
