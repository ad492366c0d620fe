import type { NumberedFuncKey } from './funckeys.js';

export interface FuncKeyPage {
  /** 1-based page number. */
  readonly page: number;
  /** The keys on this page with their 1-based position on it. */
  readonly keys: ReadonlyArray<NumberedFuncKey & { readonly position: number }>;
}

/**
 * Function keys laid out on pages of `perPage` keys by key number (key 1…perPage on page 1,
 * and so on: gaps stay gaps), for phones whose keys come in pages or expansion modules.
 */
export function funckeyPages(keys: readonly NumberedFuncKey[], perPage: number): FuncKeyPage[] {
  if (!Number.isInteger(perPage) || perPage < 1) throw new RangeError(`perPage must be a positive integer, got ${perPage}`);
  const pages = new Map<number, Array<NumberedFuncKey & { position: number }>>();
  for (const key of [...keys].sort((a, b) => a.no - b.no)) {
    const page = Math.floor((key.no - 1) / perPage) + 1;
    const list = pages.get(page) ?? [];
    list.push({ ...key, position: key.no - (page - 1) * perPage });
    pages.set(page, list);
  }
  return [...pages.entries()].sort((a, b) => a[0] - b[0]).map(([page, list]) => ({ page, keys: list }));
}
