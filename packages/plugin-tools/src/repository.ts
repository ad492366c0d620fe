/**
 * Repository channels: a folder `<repository>/<channel>/` or an http(s) URL `<repository>/<channel>/`
 * holding plugins.db and the bundles it lists.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { digests, type PluginsDbEntry } from './bundle.js';
import { ToolError, ToolErrorCode, type Finding } from './errors.js';
import { parsePluginsDb, PLUGINS_DB, readPluginsDbFile, serializePluginsDb, writeAtomic, type PluginsDb } from './plugins-db.js';
import { compareVersions } from './version.js';

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

/** A file of a channel (null when absent). */
export async function getChannelFile(channel: string, name: string): Promise<Buffer | null> {
  if (!isUrl(channel)) {
    try {
      return await readFile(join(channel, name));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }
  const url = childOf(channel, name);
  const res = await fetch(url);
  if (res.status === 404) return null;
  if (!res.ok) throw new ToolError(ToolErrorCode.REPOSITORY_INVALID, `GET ${url}: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

/** Writes a file of a channel: temp + rename in a folder, HTTP PUT to a URL. */
export async function putChannelFile(channel: string, name: string, data: Buffer | string): Promise<void> {
  if (!isUrl(channel)) {
    await mkdir(channel, { recursive: true });
    await writeAtomic(join(channel, name), data);
    return;
  }
  const url = childOf(channel, name);
  const res = await fetch(url, { method: 'PUT', body: typeof data === 'string' ? data : new Uint8Array(data), headers: { 'content-type': name === PLUGINS_DB ? 'application/json' : 'application/x-bzip2' } });
  if (!res.ok) throw new ToolError(ToolErrorCode.REPOSITORY_INVALID, `PUT ${url}: HTTP ${res.status}`);
}

export interface ChannelItem {
  readonly id: string;
  readonly entry: PluginsDbEntry;
  readonly data: Buffer;
}

export interface ChannelChange {
  readonly added: string[];
  readonly unchanged: string[];
}

/** Checks that the bundle bytes are what the entry says (size, sha1, sha256 when present). */
export function checkItem(item: ChannelItem, from: string): void {
  const d = digests(item.data);
  if (item.data.length !== item.entry.dsize || d.sha1sum !== item.entry.sha1sum || (item.entry.sha256 !== undefined && d.sha256 !== item.entry.sha256)) {
    throw new ToolError(ToolErrorCode.REPOSITORY_INVALID, `${from}: ${item.entry.filename} does not match its plugins.db entry (size or checksum)`);
  }
}

/**
 * Adds bundles to a channel: refuses (before writing anything) a published id+version with
 * other content, an older version than the published one, and a bundle file name already there
 * with other bytes; skips what is already published identically; writes the bundles, then
 * plugins.db last, so readers never see an entry without its file.
 */
export async function addToChannel(channel: string, items: readonly ChannelItem[]): Promise<ChannelChange> {
  const db = await fetchChannelDb(channel);
  const conflicts: Finding[] = [];
  const toWrite: ChannelItem[] = [];
  const unchanged: string[] = [];
  for (const item of items) {
    const old = db[item.id];
    if (old) {
      const cmp = compareVersions(item.entry.version, old.version);
      if (cmp === 0 && old.sha1sum === item.entry.sha1sum) {
        unchanged.push(item.id);
        continue;
      }
      if (cmp === 0) conflicts.push({ file: childOf(channel, PLUGINS_DB), field: item.id, message: `version ${old.version} is already published with other content (sha1 ${old.sha1sum}, new ${item.entry.sha1sum}): bump the version` });
      else if (cmp < 0) conflicts.push({ file: childOf(channel, PLUGINS_DB), field: item.id, message: `version ${item.entry.version} is older than the published ${old.version}` });
      if (cmp <= 0) continue;
    }
    const existing = await getChannelFile(channel, item.entry.filename);
    if (existing && !existing.equals(item.data)) {
      conflicts.push({ file: childOf(channel, item.entry.filename), message: 'a file with this name and other content is already there' });
      continue;
    }
    toWrite.push(item);
  }
  if (conflicts.length > 0) throw new ToolError(ToolErrorCode.VERSION_CONFLICT, `refused: ${conflicts.length} conflict(s) with ${channel}`, conflicts);
  if (toWrite.length === 0) return { added: [], unchanged };
  for (const item of toWrite) {
    if (!(await getChannelFile(channel, item.entry.filename))) await putChannelFile(channel, item.entry.filename, item.data);
    db[item.id] = item.entry;
  }
  await putChannelFile(channel, PLUGINS_DB, serializePluginsDb(db));
  return { added: toWrite.map((i) => i.id), unchanged };
}

/** The items of a channel (all, or the given ids), each checked against its entry. */
export async function channelItems(channel: string, ids: readonly string[] = []): Promise<ChannelItem[]> {
  const db = await fetchChannelDb(channel);
  const wanted = ids.length > 0 ? ids : Object.keys(db).sort();
  const items: ChannelItem[] = [];
  for (const id of wanted) {
    const entry = db[id];
    if (!entry) throw new ToolError(ToolErrorCode.USAGE, `${channel}: no plugin ${id} in plugins.db`);
    const data = await getChannelFile(channel, entry.filename);
    if (!data) throw new ToolError(ToolErrorCode.REPOSITORY_INVALID, `${channel}: ${entry.filename} is listed in plugins.db but missing`);
    const item = { id, entry, data };
    checkItem(item, channel);
    items.push(item);
  }
  return items;
}
