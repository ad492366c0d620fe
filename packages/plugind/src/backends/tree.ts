import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Files (regular files and symlinks) and folders under `root`, as relative paths, parents first. */
export function walkTree(root: string): { files: string[]; dirs: string[] } {
  const files: string[] = [];
  const dirs: string[] = [];
  const visit = (rel: string) => {
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory() && !lstatSync(join(root, r)).isSymbolicLink()) {
        dirs.push(r);
        visit(r);
      } else if (entry.isFile() || entry.isSymbolicLink()) files.push(r);
    }
  };
  visit('');
  return { files, dirs };
}
