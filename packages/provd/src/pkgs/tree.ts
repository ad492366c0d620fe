/** File-tree helpers of the package installer: listing, glob/fnmatch matching. */
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

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
