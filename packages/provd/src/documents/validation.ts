import { errors } from '../errors.js';

/** Collects validation problems; each names the offending field by its dotted path. */
export class Problems {
  readonly list: string[] = [];
  add(path: string, message: string): void {
    this.list.push(`${path}: ${message}`);
  }
  throwIfAny(what: string): void {
    if (this.list.length) throw errors.invalidDocument(`invalid ${what}: ${this.list.join('; ')}`);
  }
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`;
}

// \s leaves out the C1 controls (U+0085 NEL among them): they are listed
const idPattern = /^[^\s/\\\u0000-\u001f\u007f-\u009f]{1,255}$/;

export function checkId(problems: Problems, value: unknown, path = 'id'): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !idPattern.test(value) || value === '.' || value === '..') {
    problems.add(path, `expected a string of 1-255 characters without spaces, slashes or control characters, got ${describe(value)}`);
  }
}

export function checkString(problems: Problems, path: string, value: unknown): void {
  if (value !== undefined && value !== null && typeof value !== 'string') problems.add(path, `expected a string, got ${describe(value)}`);
}
