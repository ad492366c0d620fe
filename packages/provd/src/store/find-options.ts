/** Checks `find` options once, up front, so a bad request fails before any SQL runs. */
import { errors } from '../errors.js';
import { parsePath } from './path.js';
import type { Path } from './path.js';
import { compileFields } from './projection.js';
import type { FindOptions, SortOrder } from './types.js';

export interface CompiledFind {
  fields: ReturnType<typeof compileFields>;
  skip: number;
  /** 0: no limit. */
  limit: number;
  sort: { key: string; path: Path; order: SortOrder } | null;
}

export function compileFindOptions(options: FindOptions | undefined): CompiledFind {
  const o = options ?? {};
  return {
    fields: compileFields(o.fields),
    skip: count(o.skip, 'skip'),
    limit: count(o.limit, 'limit'),
    sort: compileSort(o.sort),
  };
}

function count(value: unknown, name: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw errors.badRequest(`${name} must be a non-negative integer`);
  }
  return value;
}

function compileSort(sort: FindOptions['sort']): CompiledFind['sort'] {
  if (sort === undefined || sort === null) return null;
  if (typeof sort !== 'object') throw errors.badRequest('sort must be {key, order}');
  const order = sort.order ?? 'ASC';
  if (order !== 'ASC' && order !== 'DESC') throw errors.badRequest(`sort order must be ASC or DESC (got ${JSON.stringify(order)})`);
  return { key: sort.key, path: parsePath(sort.key, 'sort'), order };
}
