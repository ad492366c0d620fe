/** A target's files → a reproducible `<id>-<version>.tar.bz2` and its plugins.db entry. */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { PluginInfo } from '@dialtone/plugin-sdk';
import { ToolError, ToolErrorCode } from './errors.js';
import type { RenderedTarget } from './source.js';
import { writeTar, type TarEntry } from './tar.js';

/** The empty folders every installed plugin has (reference std_dirs). */
export const STD_DIRS = ['var/', 'var/cache/', 'var/installed/', 'var/templates/', 'var/tftpboot/'];
/** Added to every bundle: hooks and entry modules are ES modules wherever the plugin is installed. */
export const BUNDLE_PACKAGE_JSON = '{ "type": "module", "private": true }\n';

export interface PluginsDbEntry extends PluginInfo {
  filename: string;
  dsize: number;
  sha1sum: string;
  sha256: string;
}

export interface Bundle {
  readonly id: string;
  readonly filename: string;
  readonly data: Buffer;
  readonly entry: PluginsDbEntry;
}

/** The archive entries, sorted: `<id>/`, folders before what they hold, then the standard var folders. */
export function bundleEntries(id: string, files: ReadonlyMap<string, Buffer>): TarEntry[] {
  const all = new Map<string, Buffer | undefined>();
  const addDirs = (path: string) => {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) all.set(`${parts.slice(0, i).join('/')}/`, undefined);
  };
  for (const dir of STD_DIRS) all.set(dir, undefined);
  for (const [path, content] of files) {
    addDirs(path);
    all.set(path, content);
  }
  if (!all.has('package.json')) all.set('package.json', Buffer.from(BUNDLE_PACKAGE_JSON));
  const sorted = [...all.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [{ path: `${id}/` }, ...sorted.map((p) => ({ path: `${id}/${p}`, content: all.get(p) }))];
}

/** bzip2 -9 through Debian's bzip2 (deterministic: same input, same bytes). */
export function bzip2(data: Buffer): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('bzip2', ['-9', '-c'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (e) => reject(new ToolError(ToolErrorCode.BUILD_FAILED, `cannot run bzip2 (install Debian's bzip2): ${e.message}`, [], { cause: e })));
    child.on('close', (code) => {
      if (code === 0) resolvePromise(Buffer.concat(out));
      else reject(new ToolError(ToolErrorCode.BUILD_FAILED, `bzip2 failed (exit ${code}): ${Buffer.concat(err).toString()}`));
    });
    child.stdin.end(data);
  });
}

export function digests(data: Buffer): { sha1sum: string; sha256: string } {
  return { sha1sum: createHash('sha1').update(data).digest('hex'), sha256: createHash('sha256').update(data).digest('hex') };
}

/** What a previous build made: the uncompressed tar's sha256 → the compressed bundle (skips bzip2 when unchanged). */
export interface BundleCache {
  lookup(id: string, tarSha256: string): Promise<Buffer | null>;
  remember(id: string, tarSha256: string, bundle: Bundle): void;
}

export async function makeBundle(t: RenderedTarget, cache?: BundleCache): Promise<Bundle> {
  const tar = writeTar(bundleEntries(t.id, t.files));
  const tarSha = cache ? createHash('sha256').update(tar).digest('hex') : '';
  const data = (cache && (await cache.lookup(t.id, tarSha))) || (await bzip2(tar));
  const filename = `${t.id}-${t.info.version}.tar.bz2`;
  const bundle = { id: t.id, filename, data, entry: { ...t.info, filename, dsize: data.length, ...digests(data) } };
  cache?.remember(t.id, tarSha, bundle);
  return bundle;
}
