import type { FindOptions, Selector } from '../store/index.js';
import { errors } from '../errors.js';

export interface FindQuery {
  q?: string;
  q64?: string;
  fields?: string;
  skip?: string;
  limit?: string;
  sort?: string;
  sort_ord?: string;
  recurse?: string;
}

function nonNegativeInt(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) throw errors.badRequest(`${name}: expected a non-negative integer, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

function parseSelector(name: string, text: string): Selector {
  let selector: unknown;
  try {
    selector = JSON.parse(text);
  } catch (err) {
    throw errors.badRequest(`${name}: malformed JSON: ${(err as Error).message}`);
  }
  if (selector === null || typeof selector !== 'object' || Array.isArray(selector)) {
    throw errors.badRequest(`${name}: expected a JSON object`);
  }
  return selector as Selector;
}

/**
 * Turns the reference query parameters into a selector and find options. Unlike the reference,
 * a malformed `q`/`q64` is a 400 instead of being silently ignored.
 */
export function parseFindQuery(query: FindQuery): { selector: Selector; options: FindOptions } {
  let selector: Selector = {};
  if (query.q !== undefined) selector = parseSelector('q', query.q);
  else if (query.q64 !== undefined) {
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(query.q64)) throw errors.badRequest('q64: not base64');
    const text = Buffer.from(query.q64, 'base64').toString('utf8');
    selector = parseSelector('q64', text);
  }
  const options: FindOptions = {};
  if (query.fields) options.fields = query.fields.split(',').map((f) => f.trim()).filter(Boolean);
  const skip = nonNegativeInt('skip', query.skip);
  if (skip !== undefined) options.skip = skip;
  const limit = nonNegativeInt('limit', query.limit);
  if (limit !== undefined) options.limit = limit;
  if (query.sort) {
    const ord = (query.sort_ord ?? 'ASC').toUpperCase();
    if (ord !== 'ASC' && ord !== 'DESC') throw errors.badRequest(`sort_ord: expected ASC or DESC, got ${JSON.stringify(query.sort_ord)}`);
    options.sort = { key: query.sort, order: ord };
  }
  return { selector, options };
}
