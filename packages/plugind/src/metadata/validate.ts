import { parse } from 'yaml';
import { compareVersions, isValidVersion } from '../version.js';
import type { FieldErrors, PluginMetadata, PluginRef } from './types.js';

export const NAME_RE = /^[a-z0-9-]+$/;
export const NAMESPACE_RE = /^[a-z0-9]+$/;
export const DEBIAN_PACKAGE_RE = /^[a-z0-9][a-z0-9+.-]+(?: \((?:<<|<=|=|>=|>>) [A-Za-z0-9.+~:-]+\))?$/;
export const MAX_PLUGIN_FORMAT_VERSION = 2;

/**
 * Parses plugin.yml text with YAML's failsafe schema: every scalar stays the string it was
 * written as, so `version: 0.10` is "0.10" (the reference turns it into "0.1").
 */
export function parsePluginYml(text: string): unknown {
  return parse(text, { schema: 'failsafe', maxAliasCount: 50 });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type Result = { ok: true; metadata: PluginMetadata } | { ok: false; errors: FieldErrors };

function checkRef(raw: unknown, key: string, errs: FieldErrors): PluginRef | undefined {
  if (!isObject(raw)) {
    errs[key] = { constraint_id: 'type', constraint: 'mapping', message: 'must be a mapping with namespace and name' };
    return undefined;
  }
  const before = Object.keys(errs).length;
  checkString(raw.name, `${key}.name`, errs, true, NAME_RE);
  checkString(raw.namespace, `${key}.namespace`, errs, true, NAMESPACE_RE);
  if (raw.version !== undefined) checkString(raw.version, `${key}.version`, errs, false);
  if (Object.keys(errs).length !== before) return undefined;
  const ref: PluginRef = { namespace: raw.namespace as string, name: raw.name as string };
  if (typeof raw.version === 'string') ref.version = raw.version;
  return ref;
}

function checkString(v: unknown, key: string, errs: FieldErrors, required: boolean, re?: RegExp): v is string {
  if (v === undefined || v === null || v === '') {
    if (required) errs[key] = { constraint_id: 'required', constraint: 'required', message: 'Missing data for required field.' };
    return false;
  }
  if (typeof v !== 'string') {
    errs[key] = { constraint_id: 'type', constraint: 'string', message: 'Not a valid string.' };
    return false;
  }
  if (re && !re.test(v)) {
    errs[key] = { constraint_id: 'regex', constraint: re.source, message: 'String does not match expected pattern.' };
    return false;
  }
  return true;
}

/**
 * Validates a parsed plugin.yml against the reference's rules, reporting every failed field at
 * once. `wazoVersion` is the running platform version that min/max_wazo_version are compared to
 * (with Debian version ordering, not as strings).
 */
export function validateMetadata(raw: unknown, wazoVersion: string): Result {
  const errs: FieldErrors = {};
  if (!isObject(raw)) {
    return { ok: false, errors: { _schema: { constraint_id: 'type', constraint: 'mapping', message: 'plugin.yml must be a mapping' } } };
  }
  checkString(raw.name, 'name', errs, true, NAME_RE);
  checkString(raw.namespace, 'namespace', errs, true, NAMESPACE_RE);
  if (checkString(raw.version, 'version', errs, true) && !isValidVersion(raw.version)) {
    errs.version = { constraint_id: 'regex', constraint: 'debian-version', message: `"${raw.version}" is not a valid Debian version.` };
  }
  if (raw.description !== undefined) checkString(raw.description, 'description', errs, false);

  let format = 0;
  if (raw.plugin_format_version !== undefined && raw.plugin_format_version !== null) {
    const v = raw.plugin_format_version;
    if (typeof v !== 'string' || !/^\d+$/.test(v)) {
      errs.plugin_format_version = { constraint_id: 'type', constraint: 'integer', message: 'Not a valid integer.' };
    } else {
      format = Number(v);
      if (format > MAX_PLUGIN_FORMAT_VERSION) {
        errs.plugin_format_version = {
          constraint_id: 'range',
          constraint: { min: 0, max: MAX_PLUGIN_FORMAT_VERSION },
          message: `Must be greater than or equal to 0 and less than or equal to ${MAX_PLUGIN_FORMAT_VERSION}.`,
        };
      }
    }
  }

  for (const [key, bound] of [['min_wazo_version', 'max'], ['max_wazo_version', 'min']] as const) {
    const v = raw[key];
    if (v === undefined || v === null) continue;
    if (!checkString(v, key, errs, false)) continue;
    const cmp = compareVersions(v, wazoVersion);
    if ((bound === 'max' && cmp > 0) || (bound === 'min' && cmp < 0)) {
      errs[key] = {
        constraint_id: 'range',
        constraint: { [bound]: wazoVersion },
        message: bound === 'max' ? `Needs Wazo ${v} or later; this is ${wazoVersion}.` : `Needs Wazo ${v} or earlier; this is ${wazoVersion}.`,
      };
    }
  }

  const depends: PluginRef[] = [];
  if (raw.depends !== undefined && raw.depends !== null && raw.depends !== '') {
    if (!Array.isArray(raw.depends)) errs.depends = { constraint_id: 'type', constraint: 'list', message: 'Not a valid list.' };
    else raw.depends.forEach((d, i) => {
      const ref = checkRef(d, `depends.${i}`, errs);
      if (ref) depends.push(ref);
    });
  }
  const debianDepends: string[] = [];
  if (raw.debian_depends !== undefined && raw.debian_depends !== null && raw.debian_depends !== '') {
    if (!Array.isArray(raw.debian_depends)) errs.debian_depends = { constraint_id: 'type', constraint: 'list', message: 'Not a valid list.' };
    else raw.debian_depends.forEach((d, i) => {
      if (checkString(d, `debian_depends.${i}`, errs, true, DEBIAN_PACKAGE_RE)) debianDepends.push(d);
    });
  }
  if (Object.keys(errs).length > 0) return { ok: false, errors: errs };
  const metadata: PluginMetadata = {
    ...raw,
    name: raw.name as string,
    namespace: raw.namespace as string,
    version: raw.version as string,
    plugin_format_version: format,
    depends,
    debian_depends: debianDepends,
  };
  return { ok: true, metadata };
}
