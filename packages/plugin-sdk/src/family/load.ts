/** Reads `<dir>/family.yml` and its optional hooks module into a Family. */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { InvalidDocumentError, SdkError, SdkErrorCode } from '../errors.js';
import { importFresh } from '../import-fresh.js';
import { compileFamily } from './compile.js';
import { FAMILY_HOOK_NAMES, type Family, type FamilyHooks } from './types.js';

/**
 * Throws DT_ERR_FAMILY_INVALID (every problem listed with its key path) for a bad family.yml and
 * DT_ERR_FAMILY_HOOKS_INVALID for a hooks module that does not load or returns unknown hooks.
 */
export async function loadFamily(dir: string): Promise<Family> {
  const file = join(dir, 'family.yml');
  const text = await readFile(file, 'utf8');
  return compileFamilyWithHooks(parseFamilyYaml(text, file), dir, file);
}

export function parseFamilyYaml(text: string, source = 'family.yml'): unknown {
  try {
    return parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  } catch (err) {
    const e = err as Error & { linePos?: Array<{ line: number; col: number }> };
    const where = e.linePos?.[0] ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '(yaml)';
    throw new InvalidDocumentError(SdkErrorCode.FAMILY_INVALID, source, [{ where, message: e.message.split('\n')[0] }]);
  }
}

export async function compileFamilyWithHooks(doc: unknown, dir: string, source = 'family.yml'): Promise<Family> {
  const { hooksFile, ...family } = compileFamily(doc, dir, source);
  const hooks = hooksFile === null ? {} : await loadHooks(await resolveHooksFile(dir, hooksFile));
  return Object.freeze({ ...family, hooks });
}

/**
 * A built bundle ships the hooks compiled (`hooks.ts` → `hooks.js`, `.mts` → `.mjs`), so that it
 * loads without a TypeScript loader; a source folder has only the `.ts`. The compiled file wins.
 */
export async function resolveHooksFile(dir: string, hooksFile: string): Promise<string> {
  const compiled = hooksFile.replace(/\.ts$/, '.js').replace(/\.mts$/, '.mjs');
  if (compiled !== hooksFile) {
    const file = join(dir, compiled);
    if (await stat(file).then((s) => s.isFile(), () => false)) return file;
  }
  return join(dir, hooksFile);
}

async function loadHooks(file: string): Promise<FamilyHooks> {
  const fail = (why: string, cause?: unknown): never => {
    throw new SdkError(SdkErrorCode.FAMILY_HOOKS_INVALID, `hooks module ${file}: ${why}`, { file }, { cause });
  };
  let mod: { default?: unknown };
  try {
    mod = await importFresh(file);
  } catch (err) {
    return fail(`cannot import: ${(err as Error).message}`, err);
  }
  if (typeof mod.default !== 'function') return fail('must export a default function (sdk) => hooks');
  const { sdk } = await import('../sdk.js');
  let hooks: unknown;
  try {
    hooks = await (mod.default as (s: typeof sdk) => unknown)(sdk);
  } catch (err) {
    return fail(`the factory threw: ${(err as Error).message}`, err);
  }
  if (typeof hooks !== 'object' || hooks === null) return fail('the factory must return an object of hooks');
  for (const [name, fn] of Object.entries(hooks)) {
    if (!(FAMILY_HOOK_NAMES as readonly string[]).includes(name)) fail(`unknown hook "${name}" (known: ${FAMILY_HOOK_NAMES.join(', ')})`);
    if (typeof fn !== 'function') fail(`hook "${name}" must be a function`);
  }
  return hooks as FamilyHooks;
}
