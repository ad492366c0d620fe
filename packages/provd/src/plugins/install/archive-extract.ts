/**
 * zip, 7z and rar archives, read by Debian's bsdtar (libarchive) but written by our own safe tar
 * extractor, so the size limit holds while bytes are written and not after:
 *
 * 1. `bsdtar -tvf` lists the entries and their declared sizes; one entry or the total above the
 *    limit stops here, before anything is decompressed.
 * 2. `bsdtar -cf - @archive` converts the archive into a tar stream on stdout, which the tar
 *    extractor unpacks with its checks (no escapes, links leaving the folder, devices) and its
 *    running byte count. libarchive's tar writer never writes more bytes for an entry than its
 *    header declares, so an archive lying about its sizes cannot write more than the limit.
 *
 * With `flatten`, every file lands at the top of `dest` under its base name (the reference's
 * `unrar e` / `7zr e`); a later file with the same base name replaces an earlier one, as there.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { basename, join, posix } from 'node:path';
import { installErrors } from './errors.js';
import { extractTarStream, type ExtractedEntry, type ExtractLimits } from './tar-extract.js';

export interface DeclaredEntry {
  readonly name: string;
  readonly size: number;
}

interface Run {
  stdout: string;
  stderr: string;
  code: number | null;
}

function bsdtarMissing(err: unknown): boolean {
  const e = err as NodeJS.ErrnoException;
  return e.code === 'ENOENT' && !!e.syscall?.startsWith('spawn');
}

function runBsdtar(args: string[], timeoutMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('bsdtar', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (stdout.length > 64 * 1024 * 1024) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d.slice(0, 4096)));
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code });
    });
  });
}

// `-rw-r--r--  0 0      0      100000 Dec  7 22:56 ./d/a.bin` (dates may show a year instead of a time)
const LISTING = /^(\S+)\s+\d+\s+\S+\s+\S+\s+(\d+)\s+\S+\s+\d+\s+\S+\s(.*)$/;

/** The entries an archive declares, with their sizes, read without decompressing anything. */
export async function listArchive(file: string, timeoutMs = 60_000): Promise<DeclaredEntry[]> {
  let run: Run;
  try {
    run = await runBsdtar(['-tvf', file], timeoutMs);
  } catch (err) {
    if (bsdtarMissing(err)) throw installErrors.archiveInvalid('bsdtar is not installed (Debian package libarchive-tools)');
    throw err;
  }
  if (run.code !== 0) throw installErrors.archiveInvalid(`${basename(file)}: ${run.stderr.trim() || `bsdtar exit ${run.code}`}`);
  const entries: DeclaredEntry[] = [];
  for (const line of run.stdout.split('\n')) {
    if (line === '') continue;
    const m = LISTING.exec(line);
    if (!m) throw installErrors.archiveInvalid(`${basename(file)}: unreadable listing line ${JSON.stringify(line.slice(0, 200))}`);
    entries.push({ name: m[3]!, size: m[1]!.startsWith('-') ? Number(m[2]) : 0 });
  }
  return entries;
}

/** Refuses an archive whose declared entry count, entry size or total is over the limits. */
export function checkDeclared(entries: readonly DeclaredEntry[], limits: ExtractLimits, label: string): void {
  const maxBytes = limits.maxBytes ?? 1024 ** 3;
  const maxEntries = limits.maxEntries ?? 100_000;
  if (entries.length > maxEntries) throw installErrors.archiveTooLarge(`${label}: ${entries.length} entries, more than ${maxEntries}`);
  let total = 0;
  for (const entry of entries) {
    if (!Number.isSafeInteger(entry.size) || entry.size > maxBytes) throw installErrors.archiveTooLarge(`${label}: entry ${JSON.stringify(entry.name)} declares ${entry.size} bytes, over the ${maxBytes}-byte limit`);
    total += entry.size;
    if (total > maxBytes) throw installErrors.archiveTooLarge(`${label}: the entries declare more than ${maxBytes} bytes in all`);
  }
}

/** Extracts a zip, 7z or rar file into `dest` (created if missing); see the file comment. */
export async function extractArchiveFile(file: string, dest: string, options: ExtractLimits & { flatten?: boolean } = {}): Promise<ExtractedEntry[]> {
  const label = basename(file);
  checkDeclared(await listArchive(file), options, label);
  await mkdir(dest, { recursive: true });
  const scratch = await mkdtemp(join(dest, '.x-'));
  try {
    const entries = await convertAndExtract(file, scratch, options, label);
    const out: ExtractedEntry[] = [];
    for (const entry of entries) {
      if (entry.type === 'symlink') continue; // links are not carried into firmware folders
      if (entry.type === 'dir') {
        if (!options.flatten) await mkdir(join(dest, entry.name), { recursive: true });
        continue;
      }
      const name = options.flatten ? posix.basename(entry.name) : entry.name;
      await mkdir(join(dest, posix.dirname(name)), { recursive: true });
      await rename(join(scratch, entry.name), join(dest, name));
      out.push({ ...entry, name });
    }
    return out;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function convertAndExtract(file: string, scratch: string, limits: ExtractLimits, label: string): Promise<ExtractedEntry[]> {
  const child = spawn('bsdtar', ['-cf', '-', '--format', 'pax', `@${file}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d.slice(0, 4096)));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  try {
    const entries = await extractTarStream(child.stdout, scratch, limits);
    const code = await exited;
    if (code !== 0) throw installErrors.archiveInvalid(`${label}: ${stderr.trim() || `bsdtar exit ${code}`}`);
    return entries;
  } catch (err) {
    child.kill('SIGKILL');
    await exited.catch(() => undefined);
    if (bsdtarMissing(err)) throw installErrors.archiveInvalid('bsdtar is not installed (Debian package libarchive-tools)');
    const e = err as Error & { code?: string };
    if (e.code === 'DT_ERR_ARCHIVE_INVALID' && stderr.trim()) e.message = `${label}: ${stderr.trim()} (${e.message})`;
    throw err;
  }
}
