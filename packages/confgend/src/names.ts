/** Names of generated files: `<resource>/<filename>` on the wire, `<resource>.<filename>` in config. */
import { errors } from './errors.js';

/** One path segment: letters, digits, `_`, `-`, `.` and `+`, not starting with a dot, at most 128. */
const SEGMENT = /^[A-Za-z0-9_+-][A-Za-z0-9_.+-]{0,127}$/;
const RESOURCE = /^[A-Za-z0-9_-]{1,64}$/;

export interface FileName {
  readonly resource: string;
  readonly filename: string;
}

/** `asterisk.sip.conf` → true: a resource (no dot) then a dot then a file name. */
export function isFileKey(key: string): boolean {
  const dot = key.indexOf('.');
  return dot > 0 && RESOURCE.test(key.slice(0, dot)) && SEGMENT.test(key.slice(dot + 1));
}

/** `asterisk.sip.conf` → {asterisk, sip.conf}. */
export function parseFileKey(key: string): FileName {
  if (!isFileKey(key)) throw errors.badFileName(`"${key}" is not "<resource>.<filename>"`);
  const dot = key.indexOf('.');
  return { resource: key.slice(0, dot), filename: key.slice(dot + 1) };
}

/** Checks both parts of `<resource>/<filename>` (so neither can escape the cache folder). */
export function checkFileName(resource: string, filename: string): FileName {
  if (!RESOURCE.test(resource)) throw errors.badFileName(`resource "${resource}" must be letters, digits, "_" or "-"`);
  if (!SEGMENT.test(filename) || filename.includes('..')) throw errors.badFileName(`file name "${filename}" must be one path segment of letters, digits, "_", "-", "+" or "." not starting with a dot`);
  return { resource, filename };
}

/** `asterisk/sip.conf` → {asterisk, sip.conf}. */
export function parseFilePath(path: string): FileName {
  const slash = path.indexOf('/');
  if (slash < 0) throw errors.badFileName(`"${path}" is not "<resource>/<filename>"`);
  return checkFileName(path.slice(0, slash), path.slice(slash + 1));
}

export const fileKey = (f: FileName): string => `${f.resource}.${f.filename}`;
export const filePath = (f: FileName): string => `${f.resource}/${f.filename}`;
