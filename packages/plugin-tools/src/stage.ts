/** Lays a built target out as provd installs it (what tests and `dialtone-plugin test` load). */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleEntries } from './bundle.js';
import { ToolError, ToolErrorCode, type Finding } from './errors.js';
import { readSource, renderTarget, type RenderedTarget } from './source.js';

/** The rendered targets of a source folder (all, or the one with `id`). Throws with findings. */
export async function renderSource(sourceDir: string, id?: string): Promise<RenderedTarget[]> {
  const source = await readSource(sourceDir);
  const targets = id === undefined ? source.targets : source.targets.filter((t) => t.id === id);
  if (targets.length === 0) throw new ToolError(ToolErrorCode.USAGE, `${sourceDir}: no target ${id}`);
  const findings: Finding[] = [];
  const out: RenderedTarget[] = [];
  for (const t of targets) {
    const r = await renderTarget(source, t, findings);
    if (r) out.push(r);
  }
  if (findings.length > 0) throw new ToolError(ToolErrorCode.BUILD_FAILED, `${sourceDir}: cannot build`, findings);
  return out;
}

/** Writes the target's bundle tree (the content of `<id>/`) into `dest`. */
export async function writeTargetTree(target: RenderedTarget, dest: string): Promise<void> {
  for (const entry of bundleEntries(target.id, target.files).slice(1)) {
    const path = join(dest, entry.path.slice(target.id.length + 1));
    if (entry.path.endsWith('/')) await mkdir(path, { recursive: true });
    else {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, entry.content ?? Buffer.alloc(0));
    }
  }
}

/**
 * Builds the source folder's target (the first, or `id`) and lays it out in `dest` as an installed
 * plugin. Returns the target.
 */
export async function stageTarget(sourceDir: string, dest: string, id?: string): Promise<RenderedTarget> {
  const [target] = await renderSource(sourceDir, id);
  await writeTargetTree(target, dest);
  return target;
}

/**
 * For plugin tests: the source folder's target built into a fresh temp folder `<tmp>/<id>`;
 * `remove()` deletes it (call it from `t.after`/`after`).
 */
export async function stageTemp(sourceDir: string, id?: string): Promise<{ dir: string; id: string; remove(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'dialtone-staged-'));
  try {
    const [target] = await renderSource(sourceDir, id);
    const dir = join(root, target.id);
    await writeTargetTree(target, dir);
    return { dir, id: target.id, remove: () => rm(root, { recursive: true, force: true }) };
  } catch (err) {
    await rm(root, { recursive: true, force: true });
    throw err;
  }
}

/**
 * What a family package's src/index.ts exports, from its own `import.meta.url` (a module one folder
 * below the source folder) and build target id: the source folder, the id, and `copy(dest)`, which
 * builds the target and lays it out in `dest` as provd installs it.
 */
export function pluginSource(moduleUrl: string, id: string): { dir: string; id: string; copy(dest: string): Promise<RenderedTarget> } {
  const dir = fileURLToPath(new URL('..', moduleUrl)).replace(/\/$/, '');
  return { dir, id, copy: (dest) => stageTarget(dir, dest, id) };
}
