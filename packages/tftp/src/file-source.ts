import { open, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { TftpError, TftpErrorCode } from './errors.js';
import { defaultFileCache, type FileCache, type ResolvedName } from './file-cache.js';
import { toRelativePath } from './safe-path.js';
import { bufferSource, type TftpSource } from './source.js';

export interface FileSourceOptions {
  /** Shared cache for small hot files; defaults to the module-wide one. */
  cache?: FileCache;
}

function fsError(err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP' || code === 'ENAMETOOLONG' || code === 'EISDIR') {
    return new TftpError(TftpErrorCode.FileNotFound, 'no such file', { cause: err });
  }
  if (code === 'EACCES' || code === 'EPERM') return new TftpError(TftpErrorCode.AccessViolation, 'permission denied', { cause: err });
  return err;
}

/**
 * A regular file under `rootDir`, by the name a client sent. The name never
 * leaves the folder: it is checked (`toRelativePath`) and then the real path
 * (symlinks resolved) must still be inside the real root. Files up to the
 * cache's `maxFileBytes` are read once into the shared cache, and their
 * resolution is trusted for `revalidateMs`; larger ones are read by offset
 * as the transfer goes (call `close()` when done).
 */
export async function fileSource(rootDir: string, filename: string, options: FileSourceOptions = {}): Promise<TftpSource> {
  const cache = options.cache ?? defaultFileCache;
  const relative = toRelativePath(filename);
  const nameKey = `${rootDir}\0${relative}`;
  const known = cache.lookupName(nameKey);
  const { real, stats } = known ?? (await resolveName(rootDir, relative));
  try {
    if (stats.size <= cache.maxFileBytes) {
      // Cache entries are never modified (a changed file gets a new buffer).
      const source = bufferSource(await cache.get(real, stats), true);
      if (known === undefined) cache.rememberName(nameKey, { real, stats });
      return source;
    }
    return await streamingSource(real);
  } catch (err) {
    throw fsError(err);
  }
}

async function resolveName(rootDir: string, relative: string): Promise<ResolvedName> {
  let realRoot: string;
  let real: string;
  try {
    [realRoot, real] = await Promise.all([realpath(rootDir), realpath(join(rootDir, relative))]);
  } catch (err) {
    throw fsError(err);
  }
  if (!real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep)) {
    throw new TftpError(TftpErrorCode.AccessViolation, 'file is outside the served folder');
  }
  let stats;
  try {
    stats = await stat(real);
  } catch (err) {
    throw fsError(err);
  }
  if (!stats.isFile()) throw new TftpError(TftpErrorCode.FileNotFound, 'not a regular file');
  return { real, stats };
}

/** A large file read by offset as the transfer goes; never held whole. */
async function streamingSource(real: string): Promise<TftpSource> {
  const handle = await open(real, 'r');
  let size: number;
  try {
    size = (await handle.stat()).size;
  } catch (err) {
    await handle.close();
    throw err;
  }
  return {
    size,
    async read(offset, length) {
      const buf = Buffer.allocUnsafe(length);
      let filled = 0;
      while (filled < length) {
        const { bytesRead } = await handle.read(buf, filled, length - filled, offset + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return filled === length ? buf : buf.subarray(0, filled);
    },
    close: () => handle.close(),
  };
}
