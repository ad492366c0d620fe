import { realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';

/**
 * Turns a requested name into a path relative to a served folder, or null when it could
 * escape it: `..` segments, absolute paths, backslashes, NUL and control characters are
 * refused. Leading slashes are stripped (phones ask for `/Digium/x.cfg` and `Digium/x.cfg`).
 */
export function servedName(requested: string): string | null {
  let start = 0;
  while (requested.charCodeAt(start) === SLASH) start++;
  if (start === requested.length) return null;
  // one scan decides everything but empty segments, which are dropped afterwards when there are any
  let emptySegments = false;
  let segmentStart = start;
  for (let i = start; i <= requested.length; i++) {
    const c = i < requested.length ? requested.charCodeAt(i) : SLASH;
    if (c < 0x20 || c === BACKSLASH) return null;
    if (c === COLON && i === start + 1 && isAsciiLetter(requested.charCodeAt(start))) return null;
    if (c !== SLASH) continue;
    const length = i - segmentStart;
    if (length === 0) emptySegments = true;
    else if (length <= 2 && isDots(requested, segmentStart, length)) return null;
    segmentStart = i + 1;
  }
  const name = start === 0 ? requested : requested.slice(start);
  return emptySegments ? name.split('/').filter((p) => p !== '').join('/') : name;
}

const SLASH = 0x2f;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isDots(s: string, at: number, length: number): boolean {
  return s.charCodeAt(at) === 0x2e && (length === 1 || s.charCodeAt(at + 1) === 0x2e);
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
