/**
 * Builds the page: one minified ES module (esbuild), its stylesheet and index.html. In memory;
 * `writeUi` puts the result in a folder (done at install time), `loadUiAssets` serves either.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export interface UiAsset {
  readonly body: Buffer;
  readonly gzip: Buffer;
  readonly type: string;
  readonly etag: string;
}

const appDir = new URL('./app/', import.meta.url);
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

export async function buildUiFiles(): Promise<Map<string, Buffer>> {
  const result = await build({
    entryPoints: [new URL('main.ts', appDir).pathname],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    write: false,
    legalComments: 'none',
  });
  const js = result.outputFiles[0];
  if (!js) throw new Error('esbuild produced no output');
  return new Map([
    ['index.html', readFileSync(new URL('index.html', appDir))],
    ['app.css', readFileSync(new URL('app.css', appDir))],
    ['app.js', Buffer.from(js.contents)],
  ]);
}

export function toAssets(files: Map<string, Buffer>): Map<string, UiAsset> {
  const assets = new Map<string, UiAsset>();
  for (const [name, body] of files) {
    const ext = name.slice(name.lastIndexOf('.'));
    assets.set(name, { body, gzip: gzipSync(body, { level: 9 }), type: TYPES[ext] ?? 'application/octet-stream', etag: `"${createHash('sha1').update(body).digest('base64url')}"` });
  }
  return assets;
}

/** Writes the built files into `dir` (a temp folder renamed into place: never half-written). */
export async function writeUi(dir: string): Promise<void> {
  const files = await buildUiFiles();
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  for (const [name, body] of files) writeFileSync(join(tmp, name), body);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
}

/** Newest modification time of the page's sources, to tell whether a built folder is current. */
export function sourcesMtime(): number {
  const dir = fileURLToPath(appDir);
  let newest = 0;
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(dir);
  return newest;
}
