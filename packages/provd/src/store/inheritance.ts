/**
 * Raw config inheritance (reference §2): start from a deep copy of the base, walk parent_ids
 * depth-first in order (a parent's ancestors before the parent), apply each config's raw_config
 * once (a diamond ancestor at its first visit), the config's own raw_config last. Objects merge
 * recursively; scalars and lists replace. Cycles are tolerated, missing parents ignored.
 */
import { orderedKeys, setOrdered } from '@dialtone/jinja';
import { cloneJson, hasOwn, isPlainObject } from './json.js';
import type { Doc } from './types.js';

/** Anything that can load a config with its ancestors (a ConfigCollection, a TxStore's configs). */
export type ConfigSource = { ancestors(id: string): Promise<Doc[]> } | { get(id: string): Promise<Doc | null> };

/** The flattened raw config of config `id` over `base`, or null when there is no such config. */
export async function flattenRawConfig(source: ConfigSource, id: string, base: Record<string, unknown>): Promise<Record<string, unknown> | null> {
  const configs = await loadLineage(source, id);
  if (!configs.has(id)) return null;
  const result = cloneJson(base);
  const visited = new Set<string>();
  const visit = (configId: string): void => {
    if (visited.has(configId)) return;
    visited.add(configId);
    const config = configs.get(configId);
    if (!config) return;
    for (const parent of parentList(config)) visit(parent);
    const raw = (config as Record<string, unknown>).raw_config;
    if (isPlainObject(raw)) mergeInto(result, raw);
  };
  visit(id);
  return result;
}

/**
 * Merges `overlay` into `target`: objects recursively, anything else replaced by a copy. Key order
 * is Python's `dict` order, which templates see: a key already in `target` keeps its place, new
 * keys follow in `overlay`'s order, integer-like ones ("10", "2") included.
 */
export function mergeInto(target: Record<string, unknown>, overlay: Record<string, unknown>): void {
  for (const key of orderedKeys(overlay)) {
    const value = overlay[key];
    const current = hasOwn(target, key) ? target[key] : undefined;
    if (isPlainObject(value) && isPlainObject(current)) mergeInto(current, value);
    else setOrdered(target, key, cloneJson(value));
  }
}

function parentList(config: Doc): string[] {
  const ids = (config as Record<string, unknown>).parent_ids;
  return Array.isArray(ids) ? ids.filter((p): p is string => typeof p === 'string') : [];
}

async function loadLineage(source: ConfigSource, id: string): Promise<Map<string, Doc>> {
  const configs = new Map<string, Doc>();
  if ('ancestors' in source) {
    for (const doc of await source.ancestors(id)) configs.set(doc.id, doc);
    return configs;
  }
  // a plain reader: one level at a time
  let frontier = [id];
  const seen = new Set(frontier);
  while (frontier.length) {
    const docs = await Promise.all(frontier.map((configId) => source.get(configId)));
    frontier = [];
    for (const doc of docs) {
      if (!doc) continue;
      configs.set(doc.id, doc);
      for (const parent of parentList(doc)) {
        if (!seen.has(parent)) {
          seen.add(parent);
          frontier.push(parent);
        }
      }
    }
  }
  return configs;
}
