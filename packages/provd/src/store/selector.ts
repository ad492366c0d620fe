/**
 * Selectors (reference §8): `{key: value}` is equality at a dotted path, `{key: {$op: arg}}`
 * applies operators; keys and operators are ANDed. A selector is compiled once into conditions
 * that the SQL planner can partly translate and that `matches` evaluates in JS.
 */
import { errors } from '../errors.js';
import { isPlainObject, jsonEqual } from './json.js';
import { compareScalars } from './sort.js';
import { parsePath, valuesAt } from './path.js';
import type { Path } from './path.js';

export type Condition =
  | { key: string; path: Path; op: 'eq' | 'ne' | 'contains'; value: unknown }
  | { key: string; path: Path; op: 'in' | 'nin'; values: unknown[] }
  | { key: string; path: Path; op: 'gt' | 'ge' | 'lt' | 'le'; value: number | string }
  | { key: string; path: Path; op: 'exists'; value: boolean };

const operators: Record<string, Condition['op']> = {
  $in: 'in', $nin: 'nin', $contains: 'contains', $gt: 'gt', $ge: 'ge', $lt: 'lt', $le: 'le', $ne: 'ne', $exists: 'exists',
};

export function compileSelector(selector: unknown): Condition[] {
  if (selector === undefined || selector === null) return [];
  if (!isPlainObject(selector)) throw errors.badRequest('selector must be a JSON object');
  const conditions: Condition[] = [];
  for (const key of Object.keys(selector)) {
    if (key.startsWith('$')) throw errors.badRequest(`selector: unknown top-level operator "${key}"`);
    const path = parsePath(key, 'selector');
    const arg = selector[key];
    if (isOperatorObject(arg, key)) {
      for (const op of Object.keys(arg)) conditions.push(compileOperator(key, path, op, arg[op]));
    } else {
      assertJson(arg, key);
      conditions.push({ key, path, op: 'eq', value: arg });
    }
  }
  return conditions;
}

function isOperatorObject(arg: unknown, key: string): arg is Record<string, unknown> {
  if (!isPlainObject(arg)) return false;
  const keys = Object.keys(arg);
  const ops = keys.filter((k) => k.startsWith('$')).length;
  if (ops > 0 && ops < keys.length) throw errors.badRequest(`selector: "${key}" mixes operators and plain keys`);
  return ops > 0;
}

function compileOperator(key: string, path: Path, name: string, arg: unknown): Condition {
  const op = operators[name];
  if (!op) throw errors.badRequest(`selector: unknown operator "${name}" on "${key}"`);
  switch (op) {
    case 'in':
    case 'nin':
      if (!Array.isArray(arg)) throw errors.badRequest(`selector: ${name} on "${key}" needs an array`);
      assertJson(arg, key);
      return { key, path, op, values: arg };
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le':
      if (typeof arg !== 'string' && !(typeof arg === 'number' && Number.isFinite(arg))) {
        throw errors.badRequest(`selector: ${name} on "${key}" needs a number or a string`);
      }
      return { key, path, op, value: arg };
    case 'exists':
      if (typeof arg !== 'boolean') throw errors.badRequest(`selector: $exists on "${key}" needs true or false`);
      return { key, path, op, value: arg };
    default:
      assertJson(arg, key);
      return { key, path, op, value: arg };
  }
}

function assertJson(value: unknown, key: string): void {
  const ok = (v: unknown): boolean =>
    v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) ||
    (Array.isArray(v) && v.every(ok)) || (isPlainObject(v) && Object.values(v).every(ok));
  if (!ok(value)) throw errors.badRequest(`selector: the value for "${key}" is not JSON`);
}

export function matches(doc: unknown, conditions: readonly Condition[]): boolean {
  for (const c of conditions) if (!matchesOne(doc, c)) return false;
  return true;
}

function matchesOne(doc: unknown, c: Condition): boolean {
  const values = valuesAt(doc, c.path);
  switch (c.op) {
    case 'eq':
      return values.some((v) => jsonEqual(v, c.value));
    case 'ne':
      return values.every((v) => !jsonEqual(v, c.value));
    case 'in':
      return values.some((v) => c.values.some((x) => jsonEqual(v, x)));
    case 'nin':
      return values.every((v) => !c.values.some((x) => jsonEqual(v, x)));
    case 'contains':
      return values.some((v) => contains(v, c.value));
    case 'exists':
      return values.length > 0 === c.value;
    default:
      return values.some((v) => compares(v, c.op as 'gt' | 'ge' | 'lt' | 'le', c.value as number | string));
  }
}

function contains(haystack: unknown, needle: unknown): boolean {
  if (Array.isArray(haystack)) return haystack.some((item) => jsonEqual(item, needle));
  return typeof haystack === 'string' && typeof needle === 'string' && haystack.includes(needle);
}

/** Numbers compare with numbers and strings with strings; anything else never matches. */
function compares(value: unknown, op: 'gt' | 'ge' | 'lt' | 'le', arg: number | string): boolean {
  if (typeof value !== typeof arg) return false;
  const order = compareScalars(value as number | string, arg);
  return op === 'gt' ? order > 0 : op === 'ge' ? order >= 0 : op === 'lt' ? order < 0 : order <= 0;
}
