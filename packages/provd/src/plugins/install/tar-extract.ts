/**
 * A tar reader that extracts into a fresh folder and refuses anything that could reach outside
 * it: absolute names, `..` segments, names going through a link, links whose target leaves the
 * folder, hard links to anything but an earlier regular file, devices and fifos, and archives
 * past a size or entry limit. Handles ustar, pax (`path`, `linkpath`, `size`) and GNU long names.
 * Files are created with O_EXCL (never written through an existing link), without setuid bits.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { copyFile, mkdir, open, symlink, unlink } from 'node:fs/promises';
import { posix, join } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { installErrors } from './errors.js';

export interface ExtractLimits {
  /** Unpacked bytes (file contents) at most; default 1 GiB. */
  maxBytes?: number;
  /** Entries at most; default 100,000. */
  maxEntries?: number;
}

export interface ExtractedEntry {
  readonly name: string;
  readonly type: 'file' | 'dir' | 'symlink';
  readonly size: number;
}

const BLOCK = 512;

/** A name as written in the archive → a safe relative path, or a refusal. */
export function safeEntryName(raw: string): string | null {
  if (raw.includes('\0')) throw installErrors.archiveUnsafe(`entry ${JSON.stringify(raw)}: NUL byte`);
  if (raw.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(raw)) throw installErrors.archiveUnsafe(`entry ${JSON.stringify(raw)}: absolute path`);
  if (raw.includes('\\')) throw installErrors.archiveUnsafe(`entry ${JSON.stringify(raw)}: backslash in name`);
  const segments = raw.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw installErrors.archiveUnsafe(`entry ${JSON.stringify(raw)}: ".." segment`);
  return segments.length === 0 ? null : segments.join('/');
}

function octal(buf: Buffer, start: number, length: number): number {
  const field = buf.subarray(start, start + length);
  if (field[0]! & 0x80) {
    // base-256 (GNU) for large sizes
    let value = 0;
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i]!;
    return value;
  }
  const text = field.toString('latin1').replace(/\0.*$/s, '').trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw installErrors.archiveInvalid(`bad number field ${JSON.stringify(text)}`);
  return parseInt(text, 8);
}

function cString(buf: Buffer, start: number, length: number): string {
  const field = buf.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString('utf8');
}

function checksumOk(header: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
  return sum === octal(header, 148, 8);
}

function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    if (space === -1) break;
    const length = parseInt(data.subarray(pos, space).toString('latin1'), 10);
    if (!Number.isFinite(length) || length <= 0) throw installErrors.archiveInvalid('bad pax header');
    const record = data.subarray(space + 1, pos + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    pos += length;
  }
  return out;
}

/** Reads from an async byte source in exact-size pieces. */
class ByteReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private done = false;
  constructor(private readonly source: AsyncIterator<Buffer>) {}

  /** Reads and drops what follows the archive's end (record padding), so producers finish cleanly. */
  async drain(limit: number): Promise<void> {
    let seen = this.buffered;
    this.chunks = [];
    this.buffered = 0;
    while (!this.done) {
      const next = await this.source.next();
      if (next.done) this.done = true;
      else if ((seen += next.value.length) > limit) throw installErrors.archiveTooLarge('too much data after the end of the archive');
    }
  }

  private async fill(n: number): Promise<boolean> {
    while (this.buffered < n && !this.done) {
      const next = await this.source.next();
      if (next.done) this.done = true;
      else {
        this.chunks.push(next.value);
        this.buffered += next.value.length;
      }
    }
    return this.buffered >= n;
  }

  /** Exactly n bytes, or null at a clean end of input (nothing buffered). */
  async read(n: number): Promise<Buffer | null> {
    if (!(await this.fill(n))) {
      if (this.buffered === 0) return null;
      throw installErrors.archiveInvalid('archive is truncated');
    }
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.buffered = rest.length;
    return out;
  }

  /** Streams n bytes to `sink` in pieces (no big buffer). */
  async pipe(n: number, sink: (piece: Buffer) => Promise<void>): Promise<void> {
    let left = n;
    while (left > 0) {
      if (this.buffered === 0 && !(await this.fill(1))) throw installErrors.archiveInvalid('archive is truncated');
      const head = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
      const piece = head.subarray(0, Math.min(left, head.length));
      const rest = head.subarray(piece.length);
      this.chunks = rest.length ? [rest] : [];
      this.buffered = rest.length;
      left -= piece.length;
      await sink(piece);
    }
  }
}

/** Extracts a tar stream into `dest` (which must exist and be empty). */
export async function extractTarStream(input: AsyncIterable<Buffer>, dest: string, limits: ExtractLimits = {}): Promise<ExtractedEntry[]> {
  const iterator = input[Symbol.asyncIterator]();
  try {
    return await extract(iterator, dest, limits);
  } catch (err) {
    await iterator.return?.().catch(() => undefined);
    throw err;
  }
}

async function extract(iterator: AsyncIterator<Buffer>, dest: string, limits: ExtractLimits): Promise<ExtractedEntry[]> {
  const maxBytes = limits.maxBytes ?? 1024 ** 3;
  const maxEntries = limits.maxEntries ?? 100_000;
  const reader = new ByteReader(iterator);
  const created = new Map<string, ExtractedEntry>();
  let total = 0;
  let longName: string | null = null;
  let longLink: string | null = null;
  let pax: Record<string, string> = {};

  const throughLink = (name: string) => {
    const parts = name.split('/');
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      const entry = created.get(prefix);
      if (entry?.type === 'symlink') throw installErrors.archiveUnsafe(`entry ${JSON.stringify(name)}: goes through the link ${JSON.stringify(prefix)}`);
      if (entry?.type === 'file') throw installErrors.archiveUnsafe(`entry ${JSON.stringify(name)}: ${JSON.stringify(prefix)} is a file`);
    }
  };
  const replace = async (name: string) => {
    const before = created.get(name);
    if (!before) return;
    if (before.type === 'dir') throw installErrors.archiveUnsafe(`entry ${JSON.stringify(name)}: replaces a folder`);
    await unlink(join(dest, name));
    created.delete(name);
  };

  for (;;) {
    const header = await reader.read(BLOCK);
    if (header === null) break;
    if (header.every((b) => b === 0)) break;
    if (!checksumOk(header)) throw installErrors.archiveInvalid('not a tar archive (header checksum mismatch)');
    const type = String.fromCharCode(header[156]!) || '0';
    const magic = header.subarray(257, 262).toString('latin1');
    let size = pax.size !== undefined ? Number(pax.size) : octal(header, 124, 12);
    if (!Number.isSafeInteger(size) || size < 0) throw installErrors.archiveInvalid('bad entry size');
    const padded = Math.ceil(size / BLOCK) * BLOCK;

    if (type === 'x' || type === 'g' || type === 'L' || type === 'K') {
      if (size > 1024 * 1024) throw installErrors.archiveInvalid('extended header too large');
      const data = size ? await reader.read(padded) : Buffer.alloc(0);
      if (data === null) throw installErrors.archiveInvalid('archive is truncated');
      const body = data.subarray(0, size);
      if (type === 'x') pax = parsePax(body);
      else if (type === 'L') longName = cString(body, 0, body.length);
      else if (type === 'K') longLink = cString(body, 0, body.length);
      continue;
    }

    const prefix = magic === 'ustar' ? cString(header, 345, 155) : '';
    const rawName = pax.path ?? longName ?? (prefix ? `${prefix}/${cString(header, 0, 100)}` : cString(header, 0, 100));
    const rawLink = pax.linkpath ?? longLink ?? cString(header, 157, 100);
    const mode = octal(header, 100, 8) & 0o777;
    pax = {};
    longName = longLink = null;
    size = type === '5' || type === '2' || type === '1' ? 0 : size;

    if (created.size >= maxEntries) throw installErrors.archiveTooLarge(`more than ${maxEntries} entries`);
    const name = safeEntryName(rawName);
    if (name === null) {
      if (type !== '5') throw installErrors.archiveUnsafe(`entry ${JSON.stringify(rawName)}: not a file name`);
      continue;
    }
    throughLink(name);
    const target = join(dest, name);
    switch (type) {
      case '5':
        if (created.get(name)?.type !== 'dir') {
          await replace(name);
          await mkdir(target, { recursive: true });
          created.set(name, { name, type: 'dir', size: 0 });
        }
        break;
      case '0':
      case '7':
      case '\0': {
        total += size;
        if (total > maxBytes) throw installErrors.archiveTooLarge(`unpacked size over ${maxBytes} bytes`);
        await replace(name);
        await mkdir(posix.dirname(target), { recursive: true });
        const handle = await open(target, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, (mode & 0o755) | 0o600);
        // a write stream overlaps disk writes with reading the archive; awaiting each write does not
        const out = createWriteStream('', { fd: handle, highWaterMark: 1024 * 1024 });
        let failure: Error | null = null;
        out.on('error', (err) => (failure ??= err)); // after destroy() too: never an uncaught error
        try {
          await reader.pipe(size, async (piece) => {
            if (failure) throw failure;
            if (!out.write(piece)) await once(out, 'drain');
          });
          out.end();
          await once(out, 'close');
        } catch (err) {
          out.destroy();
          throw err;
        }
        if (padded > size) await reader.read(padded - size);
        created.set(name, { name, type: 'file', size });
        continue;
      }
      case '2': {
        if (rawLink.startsWith('/')) throw installErrors.archiveUnsafe(`link ${JSON.stringify(rawName)} -> ${JSON.stringify(rawLink)}: absolute target`);
        const resolved = posix.normalize(posix.join(posix.dirname(name), rawLink));
        if (resolved === '..' || resolved.startsWith('../') || rawLink.includes('\0')) {
          throw installErrors.archiveUnsafe(`link ${JSON.stringify(rawName)} -> ${JSON.stringify(rawLink)}: points outside the folder`);
        }
        await replace(name);
        await mkdir(posix.dirname(target), { recursive: true });
        await symlink(rawLink, target);
        created.set(name, { name, type: 'symlink', size: 0 });
        break;
      }
      case '1': {
        const source = safeEntryName(rawLink);
        if (source === null || created.get(source)?.type !== 'file') {
          throw installErrors.archiveUnsafe(`hard link ${JSON.stringify(rawName)} -> ${JSON.stringify(rawLink)}: not an earlier file of the archive`);
        }
        total += created.get(source)!.size;
        if (total > maxBytes) throw installErrors.archiveTooLarge(`unpacked size over ${maxBytes} bytes`);
        await replace(name);
        await mkdir(posix.dirname(target), { recursive: true });
        await copyFile(join(dest, source), target, constants.COPYFILE_EXCL);
        created.set(name, { name, type: 'file', size: created.get(source)!.size });
        break;
      }
      case '3':
      case '4':
        throw installErrors.archiveUnsafe(`entry ${JSON.stringify(rawName)}: device file`);
      case '6':
        throw installErrors.archiveUnsafe(`entry ${JSON.stringify(rawName)}: fifo`);
      default:
        throw installErrors.archiveUnsafe(`entry ${JSON.stringify(rawName)}: unsupported type ${JSON.stringify(type)}`);
    }
    if (padded) await reader.read(padded);
  }
  await reader.drain(maxBytes);
  return [...created.values()];
}

type Compression = 'gzip' | 'bzip2' | 'xz' | 'none';

export async function detectCompression(file: string): Promise<Compression> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(6);
    await handle.read(head, 0, 6, 0);
    if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
    if (head.subarray(0, 3).toString('latin1') === 'BZh') return 'bzip2';
    if (head.equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'xz';
    return 'none';
  } finally {
    await handle.close();
  }
}

/** Extracts a tar file (plain, gzip, bzip2 or xz, found by its magic bytes) into `dest`. */
export async function extractTarFile(file: string, dest: string, limits: ExtractLimits = {}): Promise<ExtractedEntry[]> {
  const compression = await detectCompression(file);
  await mkdir(dest, { recursive: true });
  if (compression === 'none') return extractTarStream(createReadStream(file, { highWaterMark: 1024 * 1024 }), dest, limits);
  if (compression === 'gzip') return extractTarStream(createReadStream(file, { highWaterMark: 1024 * 1024 }).pipe(createGunzip({ chunkSize: 256 * 1024 })), dest, limits);
  // bzip2 and xz: Debian's tools, fed the file on stdin
  const tool = compression === 'bzip2' ? 'bzip2' : 'xz';
  const child = spawn(tool, ['-dc'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const stderr: Buffer[] = [];
  child.stderr.on('data', (d: Buffer) => stderr.push(d));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  createReadStream(file, { highWaterMark: 1024 * 1024 }).pipe(child.stdin).on('error', () => undefined);
  try {
    const entries = await extractTarStream(child.stdout as Readable, dest, limits);
    const code = await exited;
    if (code !== 0) throw installErrors.archiveInvalid(`${tool} -d failed: ${Buffer.concat(stderr).toString().trim() || `exit ${code}`}`);
    return entries;
  } catch (err) {
    child.kill('SIGKILL');
    await exited.catch(() => undefined);
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && (err as NodeJS.ErrnoException).syscall?.startsWith('spawn')) {
      throw installErrors.archiveInvalid(`${tool} is not installed (needed for ${compression} archives)`);
    }
    throw err;
  }
}
