import { realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';

/**
 * Turns a requested name into a path relative to a served folder, or null when it could
 * escape it: `..` segments, absolute paths, backslashes, NUL and control characters are
 * refused. Leading slashes are stripped (phones ask for `/Digium/x.cfg` and `Digium/x.cfg`).
 */
export function servedName(requested: string): string | null {
  if (/[\u0000-\u001f\\]/.test(requested)) return null;
  const name = requested.replace(/^\/+/, '');
  if (name === '' || /^[A-Za-z]:/.test(name)) return null;
  const parts = name.split('/');
  if (parts.some((p) => p === '..' || p === '.')) return null;
  return parts.filter((p) => p !== '').join('/');
}

/** Resolves a served name to a regular file inside `root` (symlinks may not leave it). */
export interface StaticFile {
  path: string;
  size: number;
  mtimeMs: number;
}

export async function resolveStaticFile(root: string, name: string): Promise<StaticFile | null> {
  const candidate = join(root, ...name.split('/'));
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(candidate)]);
    if (!realFile.startsWith(realRoot + sep)) return null;
    const info = await stat(realFile);
    if (!info.isFile()) return null;
    return { path: realFile, size: info.size, mtimeMs: info.mtimeMs };
  } catch {
    return null;
  }
}
