/**
 * Imports a plugin's module (and its relative imports) as a fresh copy on every call, so a
 * reloaded or upgraded plugin never runs the previous code. Under tsx (how Dialtone runs) the
 * query-string trick does not work (tsx drops the query), so tsx's namespaced `tsImport` is used;
 * without tsx, a unique query string. Old copies stay in memory until the process ends (ESM
 * modules cannot be unloaded).
 */
import { pathToFileURL } from 'node:url';

type TsImport = (specifier: string, parentURL: string) => Promise<unknown>;
let tsImport: TsImport | null | undefined;
let generation = 0;

export async function importFresh(file: string): Promise<Record<string, unknown>> {
  if (tsImport === undefined) {
    try {
      tsImport = ((await import('tsx/esm/api')) as { tsImport: TsImport }).tsImport;
    } catch {
      tsImport = null;
    }
  }
  const url = pathToFileURL(file).href;
  const mod = (tsImport ? await tsImport(url, import.meta.url) : await import(`${url}?load=${++generation}`)) as Record<string, unknown>;
  return unwrapCommonJsInterop(mod);
}

/**
 * A folder without `"type": "module"` may get an ES module compiled as CommonJS, whose namespace
 * then holds the real exports under `default`.
 */
function unwrapCommonJsInterop(mod: Record<string, unknown>): Record<string, unknown> {
  const inner = mod.default as Record<string, unknown> | undefined;
  if (inner && typeof inner === 'object' && typeof inner.default === 'function') return inner;
  return mod;
}
