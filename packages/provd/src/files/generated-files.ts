import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
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
 * The files plugins generate, one tree per plugin under `<root>/<plugin id>/`. Each write goes
 * to a temp file then renames it (readers never see half a file), and every file is also kept
 * in memory, which is what the HTTP and TFTP servers serve from.
 */
export class GeneratedFiles {
  private readonly byPlugin = new Map<string, Map<string, GeneratedFile>>();

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

  /** Forgets a plugin's files, on disk too. */
  dropPlugin(pluginId: string): void {
    this.byPlugin.delete(pluginId);
    rmSync(join(this.root, pluginId), { recursive: true, force: true });
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
        const existing = files().get(name);
        if (existing && existing.content.equals(buf)) return;
        await mkdir(dirname(path), { recursive: true });
        const tmp = join(dirname(path), `.tmp-${randomBytes(6).toString('hex')}`);
        await writeFile(tmp, buf);
        await rename(tmp, path);
        files().set(name, { content: buf, etag: etagOf(buf), mtime: new Date() });
      },
      remove: async (name) => {
        checkName(name);
        files().delete(name);
        await rm(pathOf(name), { force: true });
      },
      read: async (name) => {
        checkName(name);
        return files().get(name)?.content ?? null;
      },
      list: async () => [...files().keys()].sort(),
    };
  }
}
