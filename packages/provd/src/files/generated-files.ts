import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import fs from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { FileSink } from '@dialtone/plugin-sdk';
import { errors } from '../errors.js';

export interface GeneratedFile {
  readonly content: Buffer;
  readonly etag: string;
  readonly mtime: Date;
}

function checkName(name: string): void {
  const parts = name.split('/');
  if (name === '' || name.startsWith('/') || name.includes('\\') || name.includes('\0') || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw errors.badRequest(`invalid generated file name ${JSON.stringify(name)}`);
  }
}

function etagOf(content: Buffer): string {
  return `"${createHash('sha1').update(content).digest('base64url').slice(0, 22)}"`;
}

/**
 * Writes `tmp` then renames it to `path`, with the callback API: one promise for the four
 * system calls instead of a FileHandle and a promise per step (measurably cheaper when a
 * reconfiguration rewrites thousands of files).
 */
function writeThenRename(tmp: string, path: string, buf: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    fs.open(tmp, 'w', 0o666, (openErr, fd) => {
      if (openErr) return reject(openErr);
      const fail = (err: Error) => fs.close(fd, () => fs.unlink(tmp, () => reject(err)));
      const writeFrom = (offset: number): void =>
        fs.write(fd, buf, offset, buf.length - offset, offset, (writeErr, written) => {
          if (writeErr) return fail(writeErr);
          if (offset + written < buf.length) return writeFrom(offset + written);
          fs.close(fd, (closeErr) => {
            if (closeErr) return reject(closeErr);
            fs.rename(tmp, path, (renameErr) => (renameErr ? fs.unlink(tmp, () => reject(renameErr)) : resolve()));
          });
        });
      writeFrom(0);
    });
  });
}

async function unlinkIfThere(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/**
 * The files plugins generate, one tree per plugin under `<root>/<plugin id>/`. Each write goes
 * to a temp file then renames it (readers never see half a file), and every file is also kept
 * in memory, which is what the HTTP and TFTP servers serve from.
 *
 * A reconfiguration removes a device's files then writes them again, mostly with the same
 * bytes: removals reach the disk at the end of the event-loop turn, and a write of the same
 * bytes before then cancels the removal instead of touching the disk twice. Disk operations
 * on one path run in the order they were asked for.
 */
export class GeneratedFiles {
  private readonly byPlugin = new Map<string, Map<string, GeneratedFile>>();
  /** Folders known to exist: most writes go to a folder written to before, and skip the mkdir. */
  private readonly folders = new Set<string>();
  /** Removed from memory, not yet from disk: path → what the disk holds (null: unknown). */
  private readonly pendingRemovals = new Map<string, GeneratedFile | null>();
  private flushScheduled = false;
  private readonly diskTails = new Map<string, Promise<void>>();

  constructor(private readonly root: string) {
    mkdirSync(root, { recursive: true });
  }

  /** Loads what previous runs generated for a plugin into memory. */
  loadPlugin(pluginId: string): void {
    const dir = join(this.root, pluginId);
    const files = new Map<string, GeneratedFile>();
    const walk = (d: string) => {
      let entries;
      try {
        entries = readdirSync(d, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const path = join(d, e.name);
        if (e.isDirectory()) walk(path);
        else if (e.isFile() && !e.name.startsWith('.tmp-')) {
          const content = readFileSync(path);
          files.set(relative(dir, path).split(sep).join('/'), { content, etag: etagOf(content), mtime: new Date() });
        }
      }
    };
    walk(dir);
    this.byPlugin.set(pluginId, files);
  }

  get(pluginId: string, name: string): GeneratedFile | undefined {
    return this.byPlugin.get(pluginId)?.get(name);
  }

  /** Resolves once every removal asked for so far has reached the disk. */
  async flush(): Promise<void> {
    this.flushRemovals();
    await Promise.all([...this.diskTails.values()]);
  }

  sinkFor(pluginId: string): FileSink {
    if (!this.byPlugin.has(pluginId)) this.loadPlugin(pluginId);
    const files = () => {
      let m = this.byPlugin.get(pluginId);
      if (!m) this.byPlugin.set(pluginId, (m = new Map()));
      return m;
    };
    const pathOf = (name: string) => join(this.root, pluginId, ...name.split('/'));
    return {
      write: async (name, content) => {
        checkName(name);
        const buf = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
        const path = pathOf(name);
        if (this.pendingRemovals.has(path)) {
          const onDisk = this.pendingRemovals.get(path);
          this.pendingRemovals.delete(path);
          if (onDisk && onDisk.content.equals(buf)) {
            files().set(name, onDisk);
            return;
          }
        }
        const existing = files().get(name);
        if (existing && existing.content.equals(buf)) return;
        await this.onDisk(path, () => this.writeAtomically(path, buf));
        files().set(name, { content: buf, etag: etagOf(buf), mtime: new Date() });
      },
      remove: async (name) => {
        checkName(name);
        const existing = files().get(name);
        files().delete(name);
        this.pendingRemovals.set(pathOf(name), existing ?? null);
        if (!this.flushScheduled) {
          this.flushScheduled = true;
          setImmediate(() => this.flushRemovals());
        }
      },
      read: async (name) => {
        checkName(name);
        return files().get(name)?.content ?? null;
      },
      list: async () => [...files().keys()].sort(),
    };
  }

  private flushRemovals(): void {
    this.flushScheduled = false;
    for (const path of this.pendingRemovals.keys()) void this.onDisk(path, () => unlinkIfThere(path)).catch(() => undefined);
    this.pendingRemovals.clear();
  }

  /** Runs disk operations on one path one after the other. */
  private onDisk(path: string, op: () => Promise<void>): Promise<void> {
    const result = (this.diskTails.get(path) ?? Promise.resolve()).then(op);
    const tail = result.catch(() => undefined);
    this.diskTails.set(path, tail);
    void tail.then(() => {
      if (this.diskTails.get(path) === tail) this.diskTails.delete(path);
    });
    return result;
  }

  private async writeAtomically(path: string, buf: Buffer): Promise<void> {
    const folder = dirname(path);
    const tmp = join(folder, `.tmp-${randomBytes(6).toString('hex')}`);
    if (!this.folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.folders.add(folder);
    }
    try {
      await writeThenRename(tmp, path, buf);
    } catch (err) {
      // the folder was removed behind our back: make it again, once
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      await mkdir(folder, { recursive: true });
      await writeThenRename(tmp, path, buf);
    }
  }
}
