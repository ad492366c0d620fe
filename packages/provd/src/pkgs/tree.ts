/** File-tree helpers of the package installer: listing, glob/fnmatch matching, tree checks. */
import { lstat, readdir, readlink } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { installErrors } from '../plugins/install/errors.js';

export interface TreeEntry {
  readonly path: string;
  readonly type: 'file' | 'dir' | 'symlink' | 'other';
  readonly size: number;
}

/** Every entry under `root`, relative, `/`-separated, parents before children, sorted. */
export async function listTree(root: string): Promise<TreeEntry[]> {
  const out: TreeEntry[] = [];
  const walk = async (rel: string) => {
    const names = (await readdir(rel ? join(root, rel) : root)).sort();
    for (const name of names) {
      const path = rel ? `${rel}/${name}` : name;
      const st = await lstat(join(root, path));
      const type = st.isFile() ? 'file' : st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'symlink' : 'other';
      out.push({ path, type, size: st.size });
      if (type === 'dir') await walk(path);
    }
  };
  await walk('');
  return out;
}

/**
 * Refuses a tree an external tool (bsdtar, 7zz) produced when it holds devices, fifos or
 * sockets, links leaving it, or more than `maxBytes`.
 */
export async function checkTree(root: string, maxBytes: number): Promise<void> {
  let total = 0;
  for (const entry of await listTree(root)) {
    if (entry.type === 'other') throw installErrors.archiveUnsafe(`${entry.path}: not a file, folder or link`);
    if (entry.type === 'file' && (total += entry.size) > maxBytes) throw installErrors.archiveTooLarge(`unpacked size over ${maxBytes} bytes`);
    if (entry.type === 'symlink') {
      const target = await readlink(join(root, entry.path));
      const resolved = posix.normalize(posix.join(posix.dirname(entry.path), target));
      if (target.startsWith('/') || resolved === '..' || resolved.startsWith('../')) throw installErrors.archiveUnsafe(`link ${entry.path} -> ${target}: points outside the folder`);
    }
  }
}

function patternToRegExp(pattern: string, slashIsSpecial: boolean): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += slashIsSpecial ? '[^/]*' : '.*';
    else if (c === '?') re += slashIsSpecial ? '[^/]' : '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) re += '\\[';
      else {
        let set = pattern.slice(i + 1, end).replace(/\\/g, '\\\\');
        if (set.startsWith('!')) set = `^${set.slice(1)}`;
        re += `[${set}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Shell glob (`*` stays within a path segment), as the reference's glob.glob. */
export function globMatch(pattern: string, path: string): boolean {
  return patternToRegExp(pattern, true).test(path);
}

/** fnmatch (`*` crosses `/`), as the reference's include/exclude. */
export function fnmatch(pattern: string, path: string): boolean {
  return patternToRegExp(pattern, false).test(path);
}
