/**
 * Release steps over a repository (`<repository>/<channel>/`): publish built bundles to a channel,
 * promote a channel's bundles to another, archive the bundles a channel no longer lists.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { digests } from './bundle.js';
import { readBundleInfo } from './bundle-read.js';
import { ToolError, ToolErrorCode } from './errors.js';
import { readPluginsDbFile } from './plugins-db.js';
import { addToChannel, channelItems, childOf, getChannelFile, isUrl, putChannelFile, type ChannelChange } from './repository.js';
import { PLUGINS_DB, serializePluginsDb } from './plugins-db.js';
import { compareVersions } from './version.js';

const CHANNEL = /^[a-z][a-z0-9-]*$/;

function channelOf(repository: string, channel: string): string {
  if (!CHANNEL.test(channel)) throw new ToolError(ToolErrorCode.USAGE, `"${channel}" is not a channel name (testing, stable, archive…)`);
  return childOf(repository, channel);
}

/** Publishes the bundles of a build folder (`dialtone-plugin build --out`) to `<repository>/<channel>`. */
export async function publish(fromDir: string, repository: string, channel: string, ids: readonly string[] = []): Promise<ChannelChange> {
  const items = await channelItems(fromDir, ids);
  if (items.length === 0) throw new ToolError(ToolErrorCode.USAGE, `${fromDir}: nothing to publish (no plugins.db entries)`);
  return addToChannel(channelOf(repository, channel), items);
}

/** Copies a channel's bundles (all, or `ids`) to another channel, with publish's checks. */
export async function promote(repository: string, from: string, to: string, ids: readonly string[] = []): Promise<ChannelChange> {
  if (from === to) throw new ToolError(ToolErrorCode.USAGE, 'promote: the two channels must differ');
  return addToChannel(channelOf(repository, to), await channelItems(channelOf(repository, from), ids));
}

/**
 * Moves the bundles a channel folder holds but its plugins.db no longer lists (superseded
 * versions) into `<repository>/archive/`, whose plugins.db lists the newest archived version of
 * each id. Folders only.
 */
export async function archive(repository: string, channels: readonly string[] = ['testing', 'stable']): Promise<string[]> {
  if (isUrl(repository)) throw new ToolError(ToolErrorCode.USAGE, 'archive works on a repository folder (run it on the server, or archive a local copy and publish it)');
  const archiveDir = channelOf(repository, 'archive');
  const moved: string[] = [];
  for (const channel of channels) {
    if (channel === 'archive') continue;
    const dir = channelOf(repository, channel);
    const db = await readPluginsDbFile(dir);
    const listed = new Set(Object.values(db).map((e) => e.filename));
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => n.endsWith('.tar.bz2') && !listed.has(n)).sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    for (const name of names) {
      const data = (await getChannelFile(dir, name))!;
      const { id, info } = await readBundleInfo(data, join(dir, name));
      const already = await getChannelFile(archiveDir, name);
      if (already && !already.equals(data)) throw new ToolError(ToolErrorCode.VERSION_CONFLICT, `${join(archiveDir, name)} exists with other content than ${join(dir, name)}`);
      if (!already) await putChannelFile(archiveDir, name, data);
      const archived = await readPluginsDbFile(archiveDir);
      if (!archived[id] || compareVersions(info.version, archived[id].version) > 0) {
        archived[id] = { ...info, filename: name, dsize: data.length, ...digests(data) };
        await putChannelFile(archiveDir, PLUGINS_DB, serializePluginsDb(archived));
      }
      await rm(join(dir, name));
      moved.push(`${channel}/${name}`);
    }
  }
  return moved;
}
