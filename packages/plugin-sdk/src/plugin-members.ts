/**
 * The closed list of what a plugin object may hold (see ProvdPlugin). A member outside the list
 * (a misspelt `configur`) or of the wrong kind is an error at load time, never silently ignored.
 */
import { InvalidDocumentError, SdkErrorCode, type Problem } from './errors.js';

type Kind = 'function' | 'object' | 'object|false';

/** Top-level members of ProvdPlugin and what each must be. */
export const PLUGIN_MEMBERS: Readonly<Record<string, Kind>> = Object.freeze({
  info: 'object',
  extractors: 'object',
  associator: 'object',
  configureCommon: 'function',
  configure: 'function',
  deconfigure: 'function',
  synchronize: 'function',
  getRemoteStateTriggerFilename: 'function',
  isSensitiveFilename: 'function',
  http: 'object|false',
  tftp: 'object|false',
  services: 'object',
  close: 'function',
});

/** Members of the nested objects, each a closed list of functions (or objects for services). */
const NESTED: Readonly<Record<string, Readonly<Record<string, Kind>>>> = {
  extractors: { dhcp: 'object', http: 'object', tftp: 'object' },
  associator: { associate: 'function' },
  http: { rewritePath: 'function' },
  tftp: { rewriteFilename: 'function' },
  services: { install: 'object', configure: 'object' },
};

const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  'extractors.dhcp': ['extract'],
  'extractors.http': ['extract'],
  'extractors.tftp': ['extract'],
  associator: ['associate'],
  'services.install': ['installable', 'installed', 'install', 'uninstall'],
  'services.configure': ['params', 'get', 'set'],
};

function kindOk(value: unknown, kind: Kind): boolean {
  if (kind === 'function') return typeof value === 'function';
  if (kind === 'object|false' && value === false) return true;
  return typeof value === 'object' && value !== null;
}

function ownKeys(value: object): string[] {
  // class instances keep their methods on the prototype: look at both, not at Object.prototype
  const keys = new Set(Object.keys(value));
  for (let proto = Object.getPrototypeOf(value); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const key of Object.getOwnPropertyNames(proto)) if (key !== 'constructor') keys.add(key);
  }
  return [...keys];
}

/** The known name closest to `name` (edit distance ≤ 2), for "did you mean". */
function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length]!;
}

function checkObject(value: object, members: Readonly<Record<string, Kind>>, path: string, problems: Problem[]): void {
  const known = Object.keys(members);
  for (const key of ownKeys(value)) {
    const member = (value as Record<string, unknown>)[key];
    const where = path ? `${path}.${key}` : key;
    const kind = members[key];
    if (kind === undefined) {
      if (member === undefined) continue;
      const hint = closest(key, known);
      problems.push({ where, message: `unknown member${hint ? ` (did you mean "${hint}"?)` : ''}; allowed: ${known.join(', ')}` });
      continue;
    }
    if (member === undefined) continue;
    if (!kindOk(member, kind)) {
      problems.push({ where, message: `must be ${kind === 'object|false' ? 'an object or false' : `a${kind === 'object' ? 'n' : ''} ${kind}`}, got ${member === null ? 'null' : typeof member}` });
      continue;
    }
    if (typeof member !== 'object' || member === null) continue;
    const nested = NESTED[where];
    if (nested) checkObject(member, nested, where, problems);
    for (const required of REQUIRED[where] ?? []) {
      if (typeof (member as Record<string, unknown>)[required] !== 'function') problems.push({ where: `${where}.${required}`, message: 'must be a function' });
    }
  }
}

/**
 * Throws DT_ERR_PLUGIN_MEMBERS_INVALID, listing every problem, when the object a plugin factory
 * returned has members outside the contract or of the wrong kind.
 */
export function checkPluginMembers(plugin: unknown, source = 'plugin'): void {
  if (typeof plugin !== 'object' || plugin === null || Array.isArray(plugin)) {
    throw new InvalidDocumentError(SdkErrorCode.PLUGIN_MEMBERS_INVALID, source, [{ where: '(plugin)', message: 'the factory must return an object' }]);
  }
  const problems: Problem[] = [];
  checkObject(plugin, PLUGIN_MEMBERS, '', problems);
  if (problems.length > 0) throw new InvalidDocumentError(SdkErrorCode.PLUGIN_MEMBERS_INVALID, source, problems);
}
