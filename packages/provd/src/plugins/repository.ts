/**
 * A plugin repository (channel): an http(s):// URL, a file:// URL or a folder holding
 * `plugins.db` (JSON `{id: plugin-info + filename, dsize, sha1sum[, sha256sum]}`) and the
 * bundles it names. The index is hostile input: ids and file names are checked so that nothing
 * it says can name a path outside the plugins or cache folders.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PluginInfo } from '@dialtone/plugin-sdk';
import { installErrors } from './install/errors.js';

export interface IndexEntry extends PluginInfo {
  filename: string;
  dsize: number;
  sha1sum: string;
  sha256sum?: string;
}

export type PluginsDb = Record<string, IndexEntry>;

const ID = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;
const FILENAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,254}$/;

export function isSafePluginId(id: string): boolean {
  return ID.test(id) && !id.includes('..');
}

/** The base URL of a plugin server, with a trailing slash: http(s)://… or file://… */
export function repositoryBase(server: string): URL {
  let url: URL;
  if (isAbsolute(server)) url = pathToFileURL(server);
  else {
    try {
      url = new URL(server);
    } catch {
      throw installErrors.repository(`plugin server ${JSON.stringify(server)} is neither a URL nor an absolute folder`);
    }
  }
  if (!['http:', 'https:', 'file:'].includes(url.protocol)) throw installErrors.repository(`plugin server ${JSON.stringify(server)}: unsupported scheme ${url.protocol}`);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url;
}

/** `<server>/<name>`: what to download for the index or a bundle. */
export function repositoryFile(server: string, name: string): string {
  return new URL(encodeURIComponent(name), repositoryBase(server)).href;
}

/** Validates a fetched plugins.db; throws DT_ERR_REPOSITORY listing the first problems. */
export function parsePluginsDb(text: string): PluginsDb {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw installErrors.repository(`plugins.db is not JSON: ${(err as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw installErrors.repository('plugins.db must be a JSON object');
  const problems: string[] = [];
  const db: PluginsDb = {};
  for (const [id, raw] of Object.entries(json)) {
    const e = raw as Partial<IndexEntry> | null;
    const where = `plugins.db[${JSON.stringify(id)}]`;
    if (!isSafePluginId(id)) problems.push(`${where}: unsafe plugin id`);
    else if (typeof e !== 'object' || e === null) problems.push(`${where}: must be an object`);
    else if (typeof e.version !== 'string' || !e.version) problems.push(`${where}.version: must be a non-empty string`);
    else if (typeof e.filename !== 'string' || !FILENAME.test(e.filename) || e.filename.includes('..')) problems.push(`${where}.filename: must be a plain file name`);
    else if (typeof e.dsize !== 'number' || !Number.isSafeInteger(e.dsize) || e.dsize < 0) problems.push(`${where}.dsize: must be a byte count`);
    else if (typeof e.sha1sum !== 'string' || !/^[0-9a-f]{40}$/i.test(e.sha1sum)) problems.push(`${where}.sha1sum: must be 40 hex digits`);
    else if (e.sha256sum !== undefined && (typeof e.sha256sum !== 'string' || !/^[0-9a-f]{64}$/i.test(e.sha256sum))) problems.push(`${where}.sha256sum: must be 64 hex digits`);
    else db[id] = e as IndexEntry;
  }
  if (problems.length) throw installErrors.repository(`plugins.db is invalid: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`);
  return db;
}
