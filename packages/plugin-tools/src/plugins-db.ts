/**
 * plugins.db, the index of a repository channel: `{ <id>: plugin-info + filename, dsize,
 * sha1sum, sha256 }`, keys sorted at every level, compact (reference format, plus sha256).
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PluginsDbEntry } from './bundle.js';
import { ToolError, ToolErrorCode } from './errors.js';

export const PLUGINS_DB = 'plugins.db';
export type PluginsDb = Record<string, PluginsDbEntry>;

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
}

export function serializePluginsDb(db: PluginsDb): string {
  return JSON.stringify(sortKeys(db));
}

export function parsePluginsDb(text: string, source: string): PluginsDb {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ToolError(ToolErrorCode.REPOSITORY_INVALID, `${source}: not JSON: ${(err as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ToolError(ToolErrorCode.REPOSITORY_INVALID, `${source}: must be a JSON object`);
  for (const [id, e] of Object.entries(json as Record<string, unknown>)) {
    const entry = e as Partial<PluginsDbEntry> | null;
    if (!entry || typeof entry.version !== 'string' || typeof entry.filename !== 'string' || typeof entry.sha1sum !== 'string' || typeof entry.dsize !== 'number') {
      throw new ToolError(ToolErrorCode.REPOSITORY_INVALID, `${source}: entry ${id} lacks version, filename, dsize or sha1sum`);
    }
    if (entry.filename.includes('/') || entry.filename.startsWith('.')) throw new ToolError(ToolErrorCode.REPOSITORY_INVALID, `${source}: entry ${id} has a bad filename`);
  }
  return json as PluginsDb;
}

/** The channel folder's plugins.db, or {} when it has none. */
export async function readPluginsDbFile(dir: string): Promise<PluginsDb> {
  const file = join(dir, PLUGINS_DB);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
  return parsePluginsDb(text, file);
}

/** Writes a file by temp + rename (never half-written). */
export async function writeAtomic(file: string, data: string | Buffer): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

export async function writePluginsDbFile(dir: string, db: PluginsDb): Promise<void> {
  await writeAtomic(join(dir, PLUGINS_DB), serializePluginsDb(db));
}
