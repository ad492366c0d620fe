import type { FuncKey, RawConfig } from '../device.js';
import { numbered } from './sip-lines.js';

export type NumberedFuncKey = FuncKey & { readonly no: number; readonly line: number };

/**
 * `raw.funckeys` as a list sorted by key number (numerically; the reference sorts the string
 * keys, so 10 came before 2), each with `no` and `line` (a number, default 1).
 */
export function funckeyList(raw: RawConfig): NumberedFuncKey[] {
  return numbered(raw.funckeys ?? {}).map(([no, key]) => {
    const line = Number(key.line ?? 1);
    return { ...key, no, line: Number.isInteger(line) && line > 0 ? line : 1 };
  });
}
