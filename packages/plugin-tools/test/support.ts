/** Test support: temp folders and copies of the shipped Digium source. */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';

export const DIGIUM_SOURCE = fileURLToPath(new URL('../../../plugins/digium', import.meta.url));
export const BIN = fileURLToPath(new URL('../src/bin/dialtone-plugin.ts', import.meta.url));

export async function tempDir(t: TestContext, prefix = 'dp-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A copy of plugins/digium (without node_modules) to change freely. */
export async function digiumCopy(t: TestContext, name = 'digium'): Promise<string> {
  const dir = join(await tempDir(t), name);
  await cp(DIGIUM_SOURCE, dir, { recursive: true, filter: (src) => !src.includes('node_modules') });
  return dir;
}
