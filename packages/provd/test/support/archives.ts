/**
 * Archives built by the tests themselves: a small tar writer (so hostile entries — absolute
 * names, `..`, escaping links, devices — can be written, which real tar refuses to create),
 * and wrappers over the real tools (tar, zip, 7zz) for ordinary archives.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TarEntry {
  name: string;
  /** '0' file (default), '5' dir, '2' symlink, '1' hard link, '3' char device, '6' fifo. */
  type?: '0' | '5' | '2' | '1' | '3' | '4' | '6';
  content?: string | Buffer;
  link?: string;
  mode?: number;
}

function header(name: string, type: string, size: number, link: string, mode: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write(mode.toString(8).padStart(7, '0') + '\0', 100, 'latin1');
  h.write('0000000\0', 108, 'latin1');
  h.write('0000000\0', 116, 'latin1');
  h.write(size.toString(8).padStart(11, '0') + '\0', 124, 'latin1');
  h.write('00000000000\0', 136, 'latin1');
  h.write(type, 156, 'latin1');
  h.write(link, 157, 100, 'utf8');
  h.write('ustar\0', 257, 'latin1');
  h.write('00', 263, 'latin1');
  h.fill(32, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  return h;
}

function pad(data: Buffer): Buffer {
  const extra = (512 - (data.length % 512)) % 512;
  return Buffer.concat([data, Buffer.alloc(extra)]);
}

/** A tar archive (uncompressed) with exactly these entries; long names go in pax headers. */
export function makeTar(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const type = e.type ?? '0';
    const content = type === '0' ? Buffer.from(e.content ?? '') : Buffer.alloc(0);
    let name = e.name;
    if (Buffer.byteLength(name) > 99) {
      const record = (len: number) => `${len} path=${e.name}\n`;
      let len = record(0).length;
      while (record(len).length !== len) len = record(len).length;
      const pax = Buffer.from(record(len));
      parts.push(header('PaxHeader', 'x', pax.length, '', 0o644), pad(pax));
      name = 'long';
    }
    parts.push(header(name, type, content.length, e.link ?? '', e.mode ?? (type === '5' ? 0o755 : 0o644)));
    if (content.length) parts.push(pad(content));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export function sha1(data: Buffer): string {
  return createHash('sha1').update(data).digest('hex');
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Writes `files` (relative name → content) under a fresh temp folder and returns it. */
export function writeTree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'tree-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), content);
  }
  return root;
}

/** Runs a real archiver over a tree: `tar cjf`, `zip -r`, `7zz a`. Returns the archive's bytes. */
export function realArchive(kind: 'tar.bz2' | 'tar.gz' | 'tar.xz' | 'zip' | '7z', files: Record<string, string | Buffer>): Buffer {
  const root = writeTree(files);
  const out = join(mkdtempSync(join(tmpdir(), 'archive-')), `a.${kind}`);
  try {
    const names = Object.keys(files).map((n) => n.split('/')[0]!).filter((n, i, a) => a.indexOf(n) === i);
    if (kind === 'zip') execFileSync('zip', ['-qr', out, ...names], { cwd: root });
    else if (kind === '7z') execFileSync('7zz', ['a', '-bd', '-bso0', out, ...names], { cwd: root });
    else execFileSync('tar', [kind === 'tar.bz2' ? 'cjf' : kind === 'tar.gz' ? 'czf' : 'cJf', out, ...names], { cwd: root });
    return readFileSync(out);
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(dirname(out), { recursive: true, force: true });
  }
}

/** A bzip2-compressed copy of `data` (bundles are .tar.bz2). */
export function bzip2(data: Buffer): Buffer {
  return execFileSync('bzip2', ['-c'], { input: data, maxBuffer: 1024 ** 3 });
}
