/** Finds and imports a plugin's code: `entry.{js,mjs,ts,mts}`, or a declarative `family.yml`. */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SdkError, SdkErrorCode } from './errors.js';
import { createFamilyPlugin } from './family/plugin.js';
import { loadFamily } from './family/load.js';
import { importFresh } from './import-fresh.js';
import type { PluginFactory } from './plugin.js';

/** In this order; `.mjs`/`.mts` are ES modules whatever the folder's package.json says. */
export const ENTRY_FILES = ['entry.js', 'entry.mjs', 'entry.ts', 'entry.mts'] as const;
export const FAMILY_FILE = 'family.yml';

export type PluginEntryKind = 'module' | 'family';

export interface LoadedPluginModule {
  readonly kind: PluginEntryKind;
  /** The file the factory came from. */
  readonly file: string;
  readonly factory: PluginFactory;
}

/**
 * Resolves the plugin's entry and returns its factory. Every call imports a fresh copy of the
 * module and its relative imports (see importFresh).
 * Throws DT_ERR_PLUGIN_ENTRY_MISSING when the folder has no entry, DT_ERR_PLUGIN_ENTRY_INVALID
 * when the module's default export is not a function, and the family loader's errors.
 */
export async function loadPluginModule(dir: string): Promise<LoadedPluginModule> {
  for (const name of ENTRY_FILES) {
    const file = join(dir, name);
    if (!(await isFile(file))) continue;
    let mod: { default?: unknown };
    try {
      mod = await importFresh(file);
    } catch (err) {
      throw new SdkError(SdkErrorCode.PLUGIN_ENTRY_INVALID, `cannot import ${file}: ${(err as Error).message}`, { file }, { cause: err });
    }
    if (typeof mod.default !== 'function') {
      throw new SdkError(SdkErrorCode.PLUGIN_ENTRY_INVALID, `${file} must export a plugin factory as default`, { file });
    }
    return { kind: 'module', file, factory: mod.default as PluginFactory };
  }
  const familyFile = join(dir, FAMILY_FILE);
  if (await isFile(familyFile)) {
    const family = await loadFamily(dir);
    return { kind: 'family', file: familyFile, factory: (ctx) => createFamilyPlugin(family, ctx) };
  }
  throw new SdkError(SdkErrorCode.PLUGIN_ENTRY_MISSING, `no ${[...ENTRY_FILES, FAMILY_FILE].join(', ')} in ${dir}`, { dir });
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
