/**
 * Plugin repositories built by the tests: bundles `<id>-<version>.tar.bz2` holding one folder
 * `<id>/` (made with the real tar), and the plugins.db index naming them with size and sha1.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bzip2, makeTar, realArchive, sha1, sha256, type TarEntry } from './archives.js';

export interface TestPlugin {
  id: string;
  version: string;
  /** Files under `<id>/` besides plugin-info (default: an entry.mjs that writes `version.txt`). */
  files?: Record<string, string | Buffer>;
  info?: Record<string, unknown>;
  /** Raw tar entries instead of a real archive (hostile bundles). */
  rawEntries?: TarEntry[];
  /** Add sha256sum to the index entry. */
  sha256?: boolean;
}

/** An entry.mjs whose configureCommon writes `version.txt`: which version is loaded shows. */
export function versionEntry(version: string): string {
  return `export default (ctx) => ({
  info: { version: ${JSON.stringify(version)} },
  async configureCommon() { await ctx.files.write('version.txt', ${JSON.stringify(version)}); },
  async configure(device) { await ctx.files.write(device.id + '.cfg', 'v=${version}'); },
  async deconfigure(device) { await ctx.files.remove(device.id + '.cfg'); },
  associator: { associate: () => 0 },
});
`;
}

export function pluginInfo(p: TestPlugin): Record<string, unknown> {
  return { version: p.version, description: `${p.id} plugin`, description_fr: `greffon ${p.id}`, capabilities: { 'Acme, X1, 1.0': { lines: 1, type: 'deskphone' } }, ...p.info };
}

/** Writes the bundles and plugins.db into `dir`; returns the index. */
export function buildRepository(dir: string, plugins: TestPlugin[]): Record<string, Record<string, unknown>> {
  mkdirSync(dir, { recursive: true });
  const db: Record<string, Record<string, unknown>> = {};
  for (const p of plugins) {
    const filename = `${p.id}-${p.version}.tar.bz2`;
    const files: Record<string, string | Buffer> = { 'plugin-info': JSON.stringify(pluginInfo(p)), 'entry.mjs': versionEntry(p.version), ...p.files };
    const data = p.rawEntries ? bzip2(makeTar(p.rawEntries)) : realArchive('tar.bz2', Object.fromEntries(Object.entries(files).map(([n, c]) => [`${p.id}/${n}`, c])));
    writeFileSync(join(dir, filename), data);
    db[p.id] = { ...pluginInfo(p), filename, dsize: data.length, sha1sum: sha1(data), ...(p.sha256 ? { sha256sum: sha256(data) } : {}) };
  }
  writeFileSync(join(dir, 'plugins.db'), JSON.stringify(db));
  return db;
}

/** Edits one index entry in place (to make it lie). */
export function patchIndex(dir: string, id: string, patch: Record<string, unknown>): void {
  const db = JSON.parse(readFileSync(join(dir, 'plugins.db'), 'utf8')) as Record<string, Record<string, unknown>>;
  db[id] = { ...db[id], ...patch };
  writeFileSync(join(dir, 'plugins.db'), JSON.stringify(db));
}
