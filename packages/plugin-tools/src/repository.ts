/**
 * Repository channels: a folder `<repository>/<channel>/` or an http(s) URL `<repository>/<channel>/`
 * holding plugins.db and the bundles it lists.
 */
import { join } from 'node:path';
import { ToolError, ToolErrorCode } from './errors.js';
import { parsePluginsDb, readPluginsDbFile, type PluginsDb } from './plugins-db.js';

export function isUrl(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

/** `<base>/<name>` for a folder or a URL. */
export function childOf(location: string, name: string): string {
  return isUrl(location) ? `${location.replace(/\/+$/, '')}/${encodeURIComponent(name)}` : join(location, name);
}

/** The channel's plugins.db ({} when the channel has none yet). */
export async function fetchChannelDb(channel: string): Promise<PluginsDb> {
  if (!isUrl(channel)) return readPluginsDbFile(channel);
  const url = childOf(channel, 'plugins.db');
  let res: Response;
  try {
    res = await fetch(url);
  } catch (err) {
    throw new ToolError(ToolErrorCode.REPOSITORY_INVALID, `cannot reach ${url}: ${(err as Error).message}`, [], { cause: err });
  }
  if (res.status === 404) return {};
  if (!res.ok) throw new ToolError(ToolErrorCode.REPOSITORY_INVALID, `GET ${url}: HTTP ${res.status}`);
  return parsePluginsDb(await res.text(), url);
}
