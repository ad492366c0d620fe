/**
 * `dialtone-plugin build <source folders…> --out <repository folder>`: every target of every
 * source folder → `<id>-<version>.tar.bz2`, then one sorted plugins.db. Everything is built in
 * memory first: one failing target fails the build and nothing is written.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { makeBundle, type Bundle, type BundleCache } from './bundle.js';
import { ToolError, ToolErrorCode, type Finding } from './errors.js';
import { digests } from './bundle.js';
import { readPluginsDbFile, serializePluginsDb, writeAtomic, writePluginsDbFile, type PluginsDb } from './plugins-db.js';
import { readSource, renderTarget } from './source.js';

export interface BuildResult {
  readonly bundles: ReadonlyArray<{ id: string; filename: string; sha1sum: string; written: boolean }>;
  /** plugins.db was rewritten (its content changed). */
  readonly dbWritten: boolean;
}

/** Builds the bundles of the given source folders, in memory. Throws DT_ERR_TOOL_BUILD_FAILED with every finding. */
export async function buildBundles(sourceDirs: readonly string[], cache?: BundleCache): Promise<Bundle[]> {
  const findings: Finding[] = [];
  const jobs: Array<Promise<Bundle>> = [];
  const ids = new Map<string, string>();
  for (const dir of sourceDirs) {
    let source;
    try {
      source = await readSource(dir);
    } catch (err) {
      if (!(err instanceof ToolError)) throw err;
      findings.push(...err.findings.map((f) => ({ ...f, file: join(dir, f.file) })));
      continue;
    }
    for (const target of source.targets) {
      const local: Finding[] = [];
      const rendered = await renderTarget(source, target, local);
      findings.push(...local.map((f) => ({ ...f, file: `${join(dir, f.file)} [${target.id}]` })));
      const other = ids.get(target.id);
      if (other !== undefined) findings.push({ file: join(dir, 'build.yml'), field: target.id, message: `plugin id also built from ${other}` });
      ids.set(target.id, dir);
      if (rendered) jobs.push(makeBundle(rendered, cache));
    }
  }
  const bundles = await Promise.all(jobs);
  if (findings.length > 0) throw new ToolError(ToolErrorCode.BUILD_FAILED, `build failed: ${findings.length} problem(s)`, findings);
  return bundles.sort((a, b) => (a.id < b.id ? -1 : 1));
}

async function sameFile(file: string, data: Buffer): Promise<boolean> {
  try {
    if ((await stat(file)).size !== data.length) return false;
    return (await readFile(file)).equals(data);
  } catch {
    return false;
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}

/**
 * Writes bundles into a repository folder and merges plugins.db: built ids replace their entry,
 * other entries stay while their bundle is there. An unchanged bundle is not rewritten.
 */
export async function writeRepository(outDir: string, bundles: readonly Bundle[]): Promise<BuildResult> {
  await mkdir(outDir, { recursive: true });
  const results = [];
  for (const b of bundles) {
    const file = join(outDir, b.filename);
    const same = await sameFile(file, b.data);
    if (!same) await writeAtomic(file, b.data);
    results.push({ id: b.id, filename: b.filename, sha1sum: b.entry.sha1sum, written: !same });
  }
  const old = await readPluginsDbFile(outDir);
  const db: PluginsDb = {};
  for (const [id, entry] of Object.entries(old)) if (await exists(join(outDir, entry.filename))) db[id] = entry;
  for (const b of bundles) db[b.id] = b.entry;
  const changed = serializePluginsDb(db) !== serializePluginsDb(old) || !(await exists(join(outDir, 'plugins.db')));
  if (changed) await writePluginsDbFile(outDir, db);
  return { bundles: results, dbWritten: changed };
}

/** `<out>/.dialtone-build.json`: per id, the tar sha256 and bundle sha1 of the last build. */
export const BUILD_CACHE = '.dialtone-build.json';

/**
 * A cache over the output folder: a target whose uncompressed archive is unchanged reuses the
 * bundle already there (checked by sha1), which skips bzip2 — an unchanged rebuild (what
 * `npm start` runs) costs the reading of the sources and one hash per bundle.
 */
async function folderCache(outDir: string): Promise<BundleCache & { save(): Promise<void> }> {
  let old: Record<string, { tar: string; filename: string; sha1sum: string }> = {};
  try {
    old = JSON.parse(await readFile(join(outDir, BUILD_CACHE), 'utf8')) as typeof old;
  } catch {
    old = {};
  }
  const next: typeof old = {};
  return {
    async lookup(id, tar) {
      const hit = old[id];
      if (!hit || hit.tar !== tar || /[/\\]/.test(hit.filename)) return null;
      try {
        const data = await readFile(join(outDir, hit.filename));
        return digests(data).sha1sum === hit.sha1sum ? data : null;
      } catch {
        return null;
      }
    },
    remember(id, tar, bundle) {
      next[id] = { tar, filename: bundle.filename, sha1sum: bundle.entry.sha1sum };
    },
    async save() {
      const merged = { ...old, ...next };
      if (JSON.stringify(merged) !== JSON.stringify(old)) await writeAtomic(join(outDir, BUILD_CACHE), `${JSON.stringify(merged, null, 1)}\n`);
    },
  };
}

export async function build(sourceDirs: readonly string[], outDir: string, options: { cache?: boolean } = {}): Promise<BuildResult> {
  const cache = options.cache === false ? undefined : await folderCache(outDir);
  const result = await writeRepository(outDir, await buildBundles(sourceDirs, cache));
  await cache?.save();
  return result;
}
