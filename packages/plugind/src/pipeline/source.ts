import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errors } from '../errors.js';
import { runCommand, type StepLog } from '../exec.js';

export interface GitOptions {
  url: string;
  ref?: string | null;
  subdirectory?: string | null;
}

export interface UrlOptions {
  url: string;
  subdirectory?: string | null;
  sha256?: string | null;
}

export interface DownloadContext {
  onLog(log: StepLog): void;
  timeoutMs: number;
  maxBytes: number;
}

/** `git clone --depth 1 [--branch ref] -- url <dest>`: any git URL, local paths and file:// included. */
export async function downloadGit(o: GitOptions, dest: string, ctx: DownloadContext): Promise<void> {
  const args = ['clone', '--quiet', '--depth', '1', ...(o.ref ? ['--branch', o.ref] : []), '--', o.url, dest];
  await runCommand('git', args, {
    step: 'downloading',
    timeoutMs: ctx.timeoutMs,
    onLog: ctx.onLog,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: 'true' },
  });
}

/** A tarball over HTTP(S) or from a file, checked against `sha256` when given, unpacked with tar. */
export async function downloadUrl(o: UrlOptions, dest: string, workDir: string, ctx: DownloadContext): Promise<void> {
  let data: Buffer;
  if (/^https?:\/\//.test(o.url)) {
    let res: Response;
    try {
      res = await fetch(o.url, { signal: AbortSignal.timeout(ctx.timeoutMs) });
    } catch (err) {
      throw errors.install(`downloading: ${o.url} cannot be fetched: ${(err as Error).message}`, { step: 'downloading' });
    }
    if (!res.ok) throw errors.install(`downloading: ${o.url} answered HTTP ${res.status}`, { step: 'downloading' });
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared > ctx.maxBytes) throw errors.install(`downloading: ${o.url} is larger than ${ctx.maxBytes} bytes`, { step: 'downloading' });
    data = Buffer.from(await res.arrayBuffer());
  } else {
    const path = o.url.startsWith('file:') ? fileURLToPath(o.url) : o.url;
    try {
      if (statSync(path).size > ctx.maxBytes) throw new Error(`larger than ${ctx.maxBytes} bytes`);
      data = await readFile(path);
    } catch (err) {
      throw errors.install(`downloading: ${path} cannot be read: ${(err as Error).message}`, { step: 'downloading' });
    }
  }
  if (data.length > ctx.maxBytes) throw errors.install(`downloading: ${o.url} is larger than ${ctx.maxBytes} bytes`, { step: 'downloading' });
  if (o.sha256) {
    const got = createHash('sha256').update(data).digest('hex');
    if (got !== o.sha256.toLowerCase()) throw errors.install(`downloading: sha256 mismatch (got ${got})`, { step: 'downloading', sha256: got });
  }
  const archive = join(workDir, 'download.tar');
  writeFileSync(archive, data);
  mkdirSync(dest, { recursive: true });
  // GNU tar drops leading "/" and refuses members with "..": nothing lands outside dest
  await runCommand('tar', ['-xf', archive, '-C', dest, '--no-same-owner', '--no-overwrite-dir'], { step: 'downloading', timeoutMs: ctx.timeoutMs, onLog: ctx.onLog });
}

/**
 * The folder holding `wazo/plugin.yml`: `subdirectory` of the download, refused when it escapes
 * it; for a tarball with one top-level folder, that folder.
 */
export function locateSource(downloaded: string, subdirectory?: string | null): string {
  let dir = downloaded;
  if (!subdirectory && !existsSync(join(dir, 'wazo'))) {
    const entries = readdirSync(dir).filter((e) => e !== '.git');
    if (entries.length === 1 && statSync(join(dir, entries[0]!)).isDirectory()) dir = join(dir, entries[0]!);
  }
  if (subdirectory) {
    const target = join(dir, subdirectory);
    if (!existsSync(target)) throw errors.step(`subdirectory ${subdirectory} does not exist in the download`, { subdirectory });
    const real = realpathSync(target);
    const rel = relative(realpathSync(dir), real);
    if (rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) throw errors.step(`subdirectory ${subdirectory} leaves the download`, { subdirectory });
    dir = real;
  }
  return dir;
}
