/**
 * The install commands of pkgs.db (reference provd-plugins.md §3). Each runs from a source
 * folder into a fresh destination folder. Archives and signed images are handled on the install
 * worker thread (plugins/install/offload.ts): tar through our own safe extractor; zip, rar and
 * 7z converted by Debian's bsdtar into a tar stream for that same extractor, with their declared
 * sizes checked first (rar and 7z are flattened, as the reference's `unrar e` / `7zr e`).
 */
import { copyFile, mkdir, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { InstallCommand } from '@dialtone/plugin-sdk';
import { installErrors } from '../plugins/install/errors.js';
import { extractArchiveFile, extractTarFile, unsignFile } from '../plugins/install/offload.js';
import { fnmatch, globMatch, listTree } from './tree.js';

export interface CommandContext {
  readonly src: string;
  readonly dst: string;
  readonly args: readonly string[];
  readonly maxBytes: number;
}

async function matches(src: string, pattern: string, kinds: Array<'file' | 'dir'> = ['file']): Promise<string[]> {
  const found = (await listTree(src)).filter((e) => (kinds as string[]).includes(e.type) && globMatch(pattern, e.path)).map((e) => e.path);
  if (found.length === 0) throw installErrors.packageInstall(`no file matches ${JSON.stringify(pattern)}`);
  return found;
}

async function copyInto(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  await copyFile(from, to);
}

export const COMMANDS: Record<InstallCommand, (ctx: CommandContext) => Promise<void>> = {
  async untar({ src, dst, args, maxBytes }) {
    for (const rel of await matches(src, args[0]!)) await extractTarFile(join(src, rel), dst, { maxBytes });
  },
  async unzip({ src, dst, args, maxBytes }) {
    for (const rel of await matches(src, args[0]!)) await extractArchiveFile(join(src, rel), dst, { maxBytes });
  },
  async unrar({ src, dst, args, maxBytes }) {
    for (const rel of await matches(src, args[0]!)) await extractArchiveFile(join(src, rel), dst, { maxBytes, flatten: true });
  },
  async '7z'({ src, dst, args, maxBytes }) {
    for (const rel of await matches(src, args[0]!)) await extractArchiveFile(join(src, rel), dst, { maxBytes, flatten: true });
  },
  async unsign({ src, dst, args }) {
    const [file] = await matches(src, args[0]!);
    await unsignFile(join(src, file!), join(dst, args[1]!));
  },
  async cp({ src, dst, args }) {
    const target = args[args.length - 1]!;
    const sources: string[] = [];
    for (const pattern of args.slice(0, -1)) sources.push(...(await matches(src, pattern)));
    if (target.endsWith('/')) {
      for (const rel of sources) await copyInto(join(src, rel), join(dst, target, basename(rel)));
    } else {
      if (sources.length !== 1) throw installErrors.packageInstall(`cp to the file ${target} needs exactly one source, got ${sources.length}`);
      await copyInto(join(src, sources[0]!), join(dst, target));
    }
  },
  async include({ src, dst, args }) {
    await copyFiltered(src, dst, (path) => args.some((p) => fnmatch(p, path)));
  },
  async exclude({ src, dst, args }) {
    await copyFiltered(src, dst, (path) => !args.some((p) => fnmatch(p, path)));
  },
  async null() {
    // nothing: the destination stays empty
  },
};

/** Copies the files whose path (or one of whose parent folders) passes `keep`. */
async function copyFiltered(src: string, dst: string, keep: (path: string) => boolean): Promise<void> {
  for (const entry of await listTree(src)) {
    if (entry.type !== 'file') continue;
    const parts = entry.path.split('/');
    const kept = parts.some((_, i) => keep(parts.slice(0, i + 1).join('/')));
    if (kept) await copyInto(join(src, entry.path), join(dst, entry.path));
  }
}

/** `$FILEn`, `${FILEn}`, `$ARGn`, `\$` in one argument. */
export function expandArgument(arg: string, files: readonly string[], args: readonly string[]): string {
  return arg.replace(/\\\$|\$\{(\w+)\}|\$(\w+)/g, (whole, braced: string | undefined, bare: string | undefined) => {
    if (whole === '\\$') return '$';
    const name = braced ?? bare ?? '';
    const m = /^(FILE|ARG)(\d+)$/.exec(name);
    const value = m ? (m[1] === 'FILE' ? files : args)[Number(m[2]) - 1] : undefined;
    if (value === undefined) throw installErrors.packageInstall(`unknown variable $${name}`);
    return value;
  });
}

export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await mkdir(dirname(file), { recursive: true });
  await writeFile(tmp, `${JSON.stringify(value, null, 2)}\n`);
  await rename(tmp, file);
}
