/**
 * A reproducible ustar writer: entries in the order given (callers sort them), one fixed mtime,
 * owner root:root (0:0), modes 0755 for folders and 0644 for files. The same entries always
 * give the same bytes, whatever the host's clock, umask or user.
 */
export interface TarEntry {
  /** Path inside the archive, '/'-separated; folders end with '/'. */
  readonly path: string;
  /** Absent for folders. */
  readonly content?: Buffer;
}

/** 2020-01-01T00:00:00Z: a fixed mtime for every entry. */
export const TAR_MTIME = 1577836800;
const BLOCK = 512;
const RECORD = BLOCK * 20;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function splitName(path: string): { name: string; prefix: string } {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: '' };
  // ustar: prefix (≤155 bytes) + '/' + name (≤100 bytes)
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100 && name !== '') return { name, prefix };
  }
  throw new Error(`path too long for a ustar archive: ${path}`);
}

function header(entry: TarEntry): Buffer {
  const dir = entry.path.endsWith('/');
  const h = Buffer.alloc(BLOCK);
  const { name, prefix } = splitName(entry.path);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(dir ? 0o755 : 0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(dir ? 0 : (entry.content?.length ?? 0), 12), 124, 'ascii');
  h.write(octal(TAR_MTIME, 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write(dir ? '5' : '0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write('root', 265, 'ascii');
  h.write('root', 297, 'ascii');
  h.write(octal(0, 8), 329, 'ascii');
  h.write(octal(0, 8), 337, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return h;
}

/** The archive's bytes, padded to whole 10 KiB records like GNU tar. */
export function writeTar(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  let size = 0;
  for (const entry of entries) {
    const h = header(entry);
    parts.push(h);
    size += BLOCK;
    if (!entry.path.endsWith('/') && entry.content && entry.content.length > 0) {
      parts.push(entry.content);
      const pad = (BLOCK - (entry.content.length % BLOCK)) % BLOCK;
      if (pad) parts.push(Buffer.alloc(pad));
      size += entry.content.length + pad;
    }
  }
  size += 2 * BLOCK;
  const total = Math.ceil(size / RECORD) * RECORD;
  parts.push(Buffer.alloc(total - size + 2 * BLOCK));
  return Buffer.concat(parts);
}
