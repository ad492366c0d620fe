import { checkFileName } from '../file-name.js';
import type { FileSink } from '../plugin.js';

export interface MemoryFileSink extends FileSink {
  /** The files, by name (live view). */
  readonly files: ReadonlyMap<string, Buffer>;
  /** A file's content as text (utf-8 unless told), or null. */
  text(name: string, encoding?: BufferEncoding): string | null;
}

/** An in-memory FileSink with the host's name checks, for tests and tools. */
export function createMemoryFileSink(): MemoryFileSink {
  const files = new Map<string, Buffer>();
  return {
    files,
    async write(name, content) {
      checkFileName(name);
      files.set(name, Buffer.isBuffer(content) ? Buffer.from(content) : Buffer.from(content, 'utf8'));
    },
    async remove(name) {
      checkFileName(name);
      files.delete(name);
    },
    async read(name) {
      checkFileName(name);
      const content = files.get(name);
      return content === undefined ? null : Buffer.from(content);
    },
    async list() {
      return [...files.keys()].sort();
    },
    text(name, encoding = 'utf8') {
      return files.get(name)?.toString(encoding) ?? null;
    },
  };
}
