import { errors } from '../errors.js';
import { NAME_RE, NAMESPACE_RE, type FieldErrors } from '../metadata/index.js';
import type { InstallRequest } from './context.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const req = (): FieldErrors[string] => ({ constraint_id: 'required', constraint: 'required', message: 'Missing data for required field.' });
const type = (t: string): FieldErrors[string] => ({ constraint_id: 'type', constraint: t, message: `Not a valid ${t}.` });

function optString(o: Record<string, unknown>, key: string, errs: FieldErrors, re?: RegExp, why?: string): string | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' || v === '') {
    errs[`options.${key}`] = type('string');
    return null;
  }
  if (re && !re.test(v)) errs[`options.${key}`] = { constraint_id: 'regex', constraint: re.source, message: why ?? 'String does not match expected pattern.' };
  return v;
}

/** Validates a `POST /plugins` body; throws `invalid-data` (400) with per-field errors. */
export function parseInstallRequest(body: unknown, reinstall: boolean): InstallRequest {
  const errs: FieldErrors = {};
  if (!isObj(body)) throw errors.invalidData('the body must be a JSON object {method, options}', { _schema: type('object') });
  const method = body.method;
  const options = body.options ?? {};
  if (method === undefined) errs.method = req();
  else if (method !== 'git' && method !== 'url' && method !== 'market') errs.method = { constraint_id: 'regex', constraint: '^(git|url|market)$', message: 'Must be one of: git, url, market.' };
  if (!isObj(options)) errs.options = type('object');
  if (Object.keys(errs).length) throw errors.invalidData(`invalid install request: ${Object.keys(errs).join(', ')}`, errs);
  const o = options as Record<string, unknown>;
  let result: InstallRequest;
  const noDash = /^[^-\s]\S*$/;
  const relative = /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$)).+$/;
  if (method === 'git' || method === 'url') {
    const url = optString(o, 'url', errs, noDash, 'Must not start with "-" or contain spaces.');
    if (url === null && !errs['options.url']) errs['options.url'] = req();
    const subdirectory = optString(o, 'subdirectory', errs, relative, 'Must be a relative path inside the download.');
    if (method === 'git') {
      const ref = optString(o, 'ref', errs, noDash, 'Must not start with "-" or contain spaces.');
      result = { method, options: { url: url!, ref, subdirectory }, reinstall };
    } else {
      if (url && !/^(https?|file):\/\//.test(url) && !url.startsWith('/')) errs['options.url'] = { constraint_id: 'regex', constraint: '^(https?|file)://', message: 'Must be an http(s) or file URL.' };
      const sha256 = optString(o, 'sha256', errs, /^[0-9a-fA-F]{64}$/);
      result = { method, options: { url: url!, subdirectory, sha256 }, reinstall };
    }
  } else {
    const namespace = optString(o, 'namespace', errs, NAMESPACE_RE);
    const name = optString(o, 'name', errs, NAME_RE);
    if (namespace === null && !errs['options.namespace']) errs['options.namespace'] = req();
    if (name === null && !errs['options.name']) errs['options.name'] = req();
    const version = optString(o, 'version', errs);
    result = { method: 'market', options: { namespace: namespace!, name: name!, ...(version ? { version } : {}) }, reinstall };
  }
  if (Object.keys(errs).length) throw errors.invalidData(`invalid install request: ${Object.keys(errs).join(', ')}`, errs);
  return result;
}

/** The key two installs of the same source share (the second is refused while the first runs). */
export function sourceKey(r: InstallRequest): string {
  if (r.method === 'market') return `${r.options.namespace}/${r.options.name}`;
  const o = r.options as { url: string; ref?: string | null; subdirectory?: string | null };
  return `${r.method}:${o.url}#${o.ref ?? ''}:${o.subdirectory ?? ''}`;
}
