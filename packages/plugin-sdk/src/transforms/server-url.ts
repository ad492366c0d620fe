import type { RawConfig } from '../device.js';

/**
 * The URL phones fetch files from: `http_base_url` when set, else `http://<ip>:<http_port>`
 * (port omitted when absent). No trailing '/'. Null without either.
 */
export function serverUrl(raw: RawConfig): string | null {
  if (typeof raw.http_base_url === 'string' && raw.http_base_url !== '') return raw.http_base_url.replace(/\/+$/, '');
  if (typeof raw.ip !== 'string' || raw.ip === '') return null;
  const port = raw.http_port === undefined || raw.http_port === '' ? '' : `:${raw.http_port}`;
  return `http://${raw.ip}${port}`;
}

/** `http://10.0.0.1:8667/x` → `10.0.0.1:8667/x`. */
export function withoutScheme(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
}
