import type { Doc } from '../store/index.js';
import { validateRawConfig } from './raw-config.js';
import { Problems, checkId, describe, isPlainObject } from './validation.js';

/** A config as clients send it (id optional). */
export interface ConfigInput {
  id?: string;
  parent_ids: string[];
  raw_config: Record<string, unknown>;
  deletable?: boolean;
  role?: string;
  transient?: boolean;
  [key: string]: unknown;
}

export type ConfigDoc = ConfigInput & Doc;

/**
 * Validates a config sent by a client: `parent_ids` (list of ids) and `raw_config` are
 * required; `deletable`/`transient` are booleans; other keys are kept as they are
 * (reference behaviour). Throws DT_ERR_INVALID_DOCUMENT naming every bad field.
 */
export function normalizeConfig(input: unknown): ConfigInput {
  const problems = new Problems();
  if (!isPlainObject(input)) {
    problems.add('config', `expected an object, got ${describe(input)}`);
    problems.throwIfAny('config');
  }
  const src = input as Record<string, unknown>;
  checkId(problems, src.id);
  if (!Array.isArray(src.parent_ids)) {
    problems.add('parent_ids', src.parent_ids === undefined ? 'required' : `expected a list of config ids, got ${describe(src.parent_ids)}`);
  } else {
    src.parent_ids.forEach((p, i) => checkId(problems, p, `parent_ids[${i}]`));
    if (new Set(src.parent_ids).size !== src.parent_ids.length) problems.add('parent_ids', 'duplicate parent id');
  }
  if (src.raw_config === undefined) problems.add('raw_config', 'required');
  else validateRawConfig(src.raw_config, problems);
  for (const key of ['deletable', 'transient'] as const) {
    if (src[key] !== undefined && typeof src[key] !== 'boolean') problems.add(key, `expected true or false, got ${describe(src[key])}`);
  }
  if (src.role !== undefined && src.role !== null && typeof src.role !== 'string') problems.add('role', `expected a string, got ${describe(src.role)}`);
  problems.throwIfAny('config');
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(src)) if (value !== undefined) out[key] = value;
  return out as ConfigInput;
}
