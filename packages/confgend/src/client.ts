/** The HTTP client the `confgen` CLI uses. */
import type { CacheMode } from './generator.js';

export interface FetchFileOptions {
  readonly host?: string;
  readonly port: number;
  /** `<resource>/<filename>` */
  readonly path: string;
  readonly mode?: CacheMode;
  readonly timeoutMs?: number;
}

export type FetchedFile =
  | { readonly ok: true; readonly content: string; readonly driver: string; readonly cache: string; readonly stale?: string }
  | { readonly ok: true; readonly invalidated: true }
  | { readonly ok: false; readonly status: number; readonly code: string; readonly message: string; readonly driver?: string };

export async function fetchFile(options: FetchFileOptions): Promise<FetchedFile> {
  const slash = options.path.indexOf('/');
  const [resource, filename] = slash < 0 ? [options.path, ''] : [options.path.slice(0, slash), options.path.slice(slash + 1)];
  const host = options.host ?? '127.0.0.1';
  const url = new URL(`http://${host.includes(':') ? `[${host}]` : host}:${options.port}/0.1/files/${encodeURIComponent(resource)}/${encodeURIComponent(filename)}`);
  if (options.mode && options.mode !== 'generate') url.searchParams.set('cache', options.mode);
  const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
  const text = await response.text();
  if (response.status === 204) return { ok: true, invalidated: true };
  if (response.ok) {
    const stale = response.headers.get('confgend-stale');
    return {
      ok: true,
      content: text,
      driver: response.headers.get('confgend-driver') ?? '',
      cache: response.headers.get('confgend-cache') ?? '',
      ...(stale ? { stale: decodeURIComponent(stale) } : {}),
    };
  }
  let body: { code?: string; message?: string; driver?: string } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    body = { message: text };
  }
  return { ok: false, status: response.status, code: body.code ?? `HTTP ${response.status}`, message: body.message ?? response.statusText, ...(body.driver ? { driver: body.driver } : {}) };
}
