/**
 * What may be stored: a plain JSON object whose `id` is a safe string. Checked before any SQL
 * runs, so a bad document never reaches the database and both backends reject the same things.
 */
import { randomUUID } from 'node:crypto';
import { errors } from '../errors.js';
import { isPlainObject, isWellFormed } from './json.js';

const MAX_ID_LENGTH = 255;
const MAX_DEPTH = 64;
// C0, DEL, C1 (U+0085 NEL among them) and the Unicode line/paragraph separators: ids end up in
// log lines, URLs and file names, where any of them can split or forge a line
const controlChars = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Why `id` cannot be a document id, or null when it can. */
export function idProblem(id: unknown): string | null {
  if (typeof id !== 'string') return 'must be a string';
  if (id.length === 0) return 'must not be empty';
  if (id.length > MAX_ID_LENGTH) return `must be at most ${MAX_ID_LENGTH} characters`;
  if (id.includes('/')) return 'must not contain "/"';
  if (id === '.' || id === '..') return 'must not be "." or ".."';
  if (controlChars.test(id)) return 'must not contain control characters';
  if (!isWellFormed(id)) return 'must be well-formed Unicode';
  return null;
}

export function assertValidId(id: unknown, noun: string): asserts id is string {
  const problem = idProblem(id);
  if (problem) throw errors.invalidDocument(`${noun} id: ${problem} (got ${describe(id)})`);
}

/** A new uuid4 id in the reference's form: 32 lowercase hex digits, no dashes. */
export function uuidId(): string {
  return randomUUID().replace(/-/g, '');
}

/**
 * Checks that a document can be stored as JSON, rejecting what JSON cannot carry faithfully (functions,
 * symbols, bigints, NaN/Infinity, class instances, `undefined` in arrays, cycles). Object keys
 * whose value is `undefined` are dropped, as JSON.stringify does.
 */
export function checkDocument(doc: unknown, noun: string): asserts doc is Record<string, unknown> {
  if (!isPlainObject(doc)) throw errors.invalidDocument(`${noun} must be a JSON object`);
  checkValue(doc, noun, 0, new Set());
}

function checkValue(value: unknown, path: string, depth: number, seen: Set<object>): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw errors.invalidDocument(`${path}: ${value} is not a JSON number`);
      return;
    case 'object':
      break;
    default:
      throw errors.invalidDocument(`${path}: a ${typeof value} is not a JSON value`);
  }
  if (value === null) return;
  if (depth >= MAX_DEPTH) throw errors.invalidDocument(`${path}: nested deeper than ${MAX_DEPTH} levels`);
  if (seen.has(value)) throw errors.invalidDocument(`${path}: circular reference`);
  seen.add(value);
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (item === undefined) throw errors.invalidDocument(`${path}[${i}]: undefined is not a JSON value`);
      checkValue(item, `${path}[${i}]`, depth + 1, seen);
    });
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      if (value[key] !== undefined) checkValue(value[key], `${path}.${key}`, depth + 1, seen);
    }
  } else {
    throw errors.invalidDocument(`${path}: a ${value.constructor?.name ?? 'non-plain'} object is not a JSON value`);
  }
  seen.delete(value);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return value === null ? 'null' : typeof value;
}
