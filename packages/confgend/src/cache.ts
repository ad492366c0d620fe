/**
 * The file cache: `<dir>/<resource>/<filename>` holds the answer `?cache=cached` may serve, and
 * `<dir>/.last-good/<resource>/<filename>` the last good output, served (flagged stale) when a
 * driver fails. Invalidation removes the first only. Writes go to a temporary file then rename;
 * a write failure is logged by the caller, never fails a request. Memory holds what disk holds.
 */
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { filePath, type FileName } from './names.js';

export interface CachedFile {
  readonly content: string;
  /** The content in UTF-8, kept so the hot path does not encode it again. */
  readonly bytes: Buffer;
  readonly generatedAt: Date;
}

export interface FileCache {
  /** The valid cached copy (`cached` mode). */
  current(file: FileName): Promise<CachedFile | undefined>;
  /** The last good output, valid or not. */
  lastGood(file: FileName): Promise<CachedFile | undefined>;
  store(file: FileName, entry: CachedFile): Promise<void>;
  invalidate(file: FileName): Promise<void>;
}

const LAST_GOOD = '.last-good';

export function createFileCache(dir: string): FileCache {
  // undefined: not read from disk yet; null: known absent
  const current = new Map<string, CachedFile | null>();
  const lastGood = new Map<string, CachedFile | null>();
  let seq = 0;

  const read = async (path: string): Promise<CachedFile | null> => {
    try {
      const bytes = await readFile(path);
      const { mtime } = await stat(path);
      return { content: bytes.toString('utf8'), bytes, generatedAt: mtime };
    } catch {
      return null;
    }
  };
  const write = async (path: string, entry: CachedFile) => {
    const tmp = `${path}.${process.pid}.${++seq}.tmp`;
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(tmp, entry.bytes);
    await rename(tmp, path);
  };
  const lookup = async (map: Map<string, CachedFile | null>, key: string, path: string) => {
    let entry = map.get(key);
    if (entry === undefined) {
      entry = await read(path);
      if (!map.has(key)) map.set(key, entry);
      else entry = map.get(key) ?? null;
    }
    return entry ?? undefined;
  };

  return {
    current: (file) => {
      const key = filePath(file);
      const hit = current.get(key);
      if (hit) return Promise.resolve(hit);
      return lookup(current, key, join(dir, file.resource, file.filename));
    },
    lastGood: (file) => lookup(lastGood, filePath(file), join(dir, LAST_GOOD, file.resource, file.filename)),
    async store(file, entry) {
      const key = filePath(file);
      current.set(key, entry);
      lastGood.set(key, entry);
      await write(join(dir, LAST_GOOD, file.resource, file.filename), entry);
      await write(join(dir, file.resource, file.filename), entry);
    },
    async invalidate(file) {
      current.set(filePath(file), null);
      await rm(join(dir, file.resource, file.filename), { force: true });
    },
  };
}
