/** Validates a parsed family.yml and compiles it (regexes, name patterns, scores). */
import { DeviceSupport, isDeviceSupportName } from '../device-support.js';
import { InvalidDocumentError, SdkErrorCode, type Problem } from '../errors.js';
import { isValidFileName } from '../file-name.js';
import type { Capability } from '../plugin-info.js';
import { resolveEncoding, type EncodeErrors, type TextEncoding } from '../templates/encode.js';
import { DEVICE_PLACEHOLDERS, parseNamePattern, type NamePattern } from './name-pattern.js';
import type { ExtractRule, Family, FamilyTransforms, FileSpec, RuleSource } from './types.js';

export type CompiledFamily = Omit<Family, 'hooks'> & { readonly hooksFile: string | null };

type Obj = Record<string, unknown>;
const TOP_KEYS = ['vendor', 'models', 'model_defaults', 'identify', 'association', 'mac_format', 'files', 'common_files', 'sensitive_files', 'remote_state_trigger', 'serve', 'transforms', 'synchronize', 'sync_event', 'hooks'];
const INFO_KEYS = new Set(['mac', 'model', 'vendor', 'version', 'sn', 'uuid']);

class Checker {
  readonly problems: Problem[] = [];
  say(where: string, message: string): void {
    this.problems.push({ where, message });
  }
  object(v: unknown, where: string): Obj | null {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Obj;
    this.say(where, 'must be a mapping');
    return null;
  }
  string(v: unknown, where: string): string | null {
    if (typeof v === 'string' && v !== '') return v;
    this.say(where, 'must be a non-empty string');
    return null;
  }
  list(v: unknown, where: string): unknown[] {
    if (Array.isArray(v)) return v;
    this.say(where, 'must be a list');
    return [];
  }
  bool(v: unknown, where: string, fallback: boolean): boolean {
    if (v === undefined) return fallback;
    if (typeof v === 'boolean') return v;
    this.say(where, 'must be true or false');
    return fallback;
  }
  keys(o: Obj, allowed: readonly string[], where: string): void {
    for (const k of Object.keys(o)) if (!allowed.includes(k)) this.say(where ? `${where}.${k}` : k, `unknown key (allowed: ${allowed.join(', ')})`);
  }
  regex(v: unknown, where: string, flags = ''): RegExp | null {
    const text = this.string(v, where);
    if (text === null) return null;
    try {
      // Python's (?P<name>…) is accepted for familiarity.
      return new RegExp(text.replaceAll('(?P<', '(?<'), flags);
    } catch (err) {
      this.say(where, `bad regular expression: ${(err as Error).message}`);
      return null;
    }
  }
  support(v: unknown, where: string, fallback: number): number {
    if (v === undefined) return fallback;
    if (typeof v === 'string' && isDeviceSupportName(v)) return DeviceSupport[v];
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
    this.say(where, `must be a DeviceSupport name (${Object.keys(DeviceSupport).join(', ')}) or a number`);
    return fallback;
  }
}

export function compileFamily(doc: unknown, dir: string, source = 'family.yml'): CompiledFamily {
  const c = new Checker();
  const root = c.object(doc, '(root)') ?? {};
  c.keys(root, TOP_KEYS, '');
  const vendor = c.string(root.vendor, 'vendor') ?? '';
  const models = compileModels(c, root.models, root.model_defaults);
  const identify = compileIdentify(c, root.identify ?? {});
  const association = compileAssociation(c, root.association ?? {});
  const macFormat = compileMacFormat(c, root.mac_format ?? {});
  const files = compileFiles(c, root.files ?? [], 'files', true);
  const commonFiles = compileFiles(c, root.common_files ?? [], 'common_files', false);
  const sensitiveFiles = (typeof root.sensitive_files === 'string' ? [root.sensitive_files] : c.list(root.sensitive_files ?? [], 'sensitive_files'))
    .map((r, i) => c.regex(r, `sensitive_files[${i}]`))
    .filter((r): r is RegExp => r !== null);
  let remoteStateTrigger: NamePattern | null = null;
  if (root.remote_state_trigger !== undefined && root.remote_state_trigger !== null) {
    const text = c.string(root.remote_state_trigger, 'remote_state_trigger');
    if (text !== null) {
      remoteStateTrigger = pattern(c, text, 'remote_state_trigger', true);
      if (text.includes('/')) c.say('remote_state_trigger', 'is a basename: no "/"');
    }
  }
  const serveObj = c.object(root.serve ?? {}, 'serve') ?? {};
  c.keys(serveObj, ['http', 'tftp'], 'serve');
  const serve = { http: c.bool(serveObj.http, 'serve.http', true), tftp: c.bool(serveObj.tftp, 'serve.tftp', true) };
  const transforms = compileTransforms(c, root.transforms ?? {});
  const synchronize = root.synchronize ?? 'sip-notify';
  if (synchronize !== 'sip-notify' && synchronize !== 'none') c.say('synchronize', 'must be "sip-notify" or "none"');
  // the SIP NOTIFY Event header: a token with optional ;name=value parameters, one line
  const syncEvent = root.sync_event === undefined ? 'check-sync' : c.string(root.sync_event, 'sync_event');
  if (syncEvent !== null && !/^[A-Za-z0-9!%*_+`'~.-]+(?:;[A-Za-z0-9!%*_+`'~.-]+(?:=[A-Za-z0-9!%*_+`'~.-]+)?)*$/.test(syncEvent)) {
    c.say('sync_event', 'must be a SIP event such as check-sync or check-sync;reboot=false');
  }
  let hooksFile: string | null = null;
  if (root.hooks !== undefined) {
    hooksFile = c.string(root.hooks, 'hooks');
    if (hooksFile !== null && (!isValidFileName(hooksFile.replace(/^\.\//, '')) || !/\.(ts|js|mjs)$/.test(hooksFile))) {
      c.say('hooks', 'must be a .ts/.js file inside the plugin folder');
    }
  }
  if (c.problems.length > 0) throw new InvalidDocumentError(SdkErrorCode.FAMILY_INVALID, source, c.problems);
  return {
    dir, vendor, models, identify, association, macFormat, files, commonFiles, sensitiveFiles, remoteStateTrigger, serve, transforms,
    synchronize: synchronize as 'sip-notify' | 'none',
    syncEvent: syncEvent ?? 'check-sync',
    hooksFile: hooksFile === null ? null : hooksFile.replace(/^\.\//, ''),
  };
}

/** Each model's entry, `model_defaults` filling the keys it does not give. */
function compileModels(c: Checker, v: unknown, defaultsDoc: unknown): Record<string, Capability> {
  const defaults = defaultsDoc === undefined || defaultsDoc === null ? {} : (c.object(defaultsDoc, 'model_defaults') ?? {});
  const out: Record<string, Capability> = {};
  if (Array.isArray(v)) {
    v.forEach((m, i) => {
      const name = c.string(m, `models[${i}]`);
      if (name !== null) out[name] = { ...defaults };
    });
    return out;
  }
  const obj = c.object(v, 'models') ?? {};
  for (const [name, cap] of Object.entries(obj)) {
    if (cap === null || cap === undefined) out[name] = { ...defaults };
    else {
      const o = c.object(cap, `models.${name}`);
      if (o) out[name] = { ...defaults, ...o } as Capability;
    }
  }
  if (Object.keys(out).length === 0) c.say('models', 'lists no model');
  return out;
}

function compileIdentify(c: Checker, v: unknown): Family['identify'] {
  const obj = c.object(v, 'identify') ?? {};
  c.keys(obj, ['dhcp', 'http', 'tftp'], 'identify');
  const rules = (kind: 'dhcp' | 'http' | 'tftp'): ExtractRule[] =>
    c.list(obj[kind] ?? [], `identify.${kind}`).flatMap((r, i) => {
      const rule = compileRule(c, kind, r, `identify.${kind}[${i}]`);
      return rule ? [rule] : [];
    });
  return { dhcp: rules('dhcp'), http: rules('http'), tftp: rules('tftp') };
}

function compileRule(c: Checker, kind: 'dhcp' | 'http' | 'tftp', v: unknown, where: string): ExtractRule | null {
  const o = c.object(v, where);
  if (!o) return null;
  const common = ['flags', 'replace', 'set'];
  let source: RuleSource | null = null;
  let regexKey = 'match';
  if (kind === 'dhcp') {
    c.keys(o, ['option', 'match', ...common], where);
    const option = o.option ?? 60;
    if (typeof option !== 'number' || !Number.isInteger(option) || option < 1 || option > 254) c.say(`${where}.option`, 'must be a DHCP option code (1…254)');
    else source = { kind: 'dhcp-option', option };
  } else if (kind === 'http') {
    c.keys(o, ['path', 'user_agent', 'header', 'match', ...common], where);
    const given = ['path', 'user_agent', 'header'].filter((k) => o[k] !== undefined);
    if (given.length !== 1) c.say(where, 'needs exactly one of path, user_agent, header');
    else if (given[0] === 'path') {
      source = { kind: 'http-path' };
      regexKey = 'path';
    } else if (given[0] === 'user_agent') {
      source = { kind: 'http-header', header: 'user-agent' };
      regexKey = 'user_agent';
    } else {
      const header = c.string(o.header, `${where}.header`);
      if (header) source = { kind: 'http-header', header: header.toLowerCase() };
    }
  } else {
    c.keys(o, ['filename', ...common], where);
    source = { kind: 'tftp-filename' };
    regexKey = 'filename';
  }
  const flags = o.flags === undefined ? '' : String(o.flags);
  if (!/^[imsu]*$/.test(flags)) c.say(`${where}.flags`, 'only i, m, s, u');
  if (source === null) return null;
  const regex = c.regex(o[regexKey], `${where}.${regexKey}`, /^[imsu]*$/.test(flags) ? flags : '');
  const groups = regex ? Object.keys(new RegExp(`${regex.source}|`).exec('')?.groups ?? {}) : [];
  for (const name of groups) {
    if (!INFO_KEYS.has(name)) c.say(`${where}.${regexKey}`, `named group "${name}" is not a device key (${[...INFO_KEYS].join(', ')})`);
  }
  const replace: Record<string, [string, string]> = {};
  for (const [key, pair] of Object.entries(c.object(o.replace ?? {}, `${where}.replace`) ?? {})) {
    if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((s) => typeof s === 'string')) c.say(`${where}.replace.${key}`, 'must be [search, replacement]');
    else replace[key] = [pair[0], pair[1]];
  }
  const set: Record<string, string> = {};
  for (const [key, value] of Object.entries(c.object(o.set ?? {}, `${where}.set`) ?? {})) {
    if (!INFO_KEYS.has(key)) c.say(`${where}.set.${key}`, 'is not a device key');
    else if (typeof value !== 'string') c.say(`${where}.set.${key}`, 'must be a string');
    else set[key] = value;
  }
  return regex ? { source, regex, replace, set } : null;
}

function compileAssociation(c: Checker, v: unknown): Family['association'] {
  const o = c.object(v, 'association') ?? {};
  c.keys(o, ['versions', 'version_match', 'known_model', 'unknown_model', 'other_vendor', 'no_vendor'], 'association');
  const versions = c.list(o.versions ?? [], 'association.versions').map((x, i) => (typeof x === 'number' ? String(x) : c.string(x, `association.versions[${i}]`) ?? ''));
  const versionMatch = o.version_match ?? 'exact';
  if (versionMatch !== 'exact' && versionMatch !== 'prefix') c.say('association.version_match', 'must be "exact" or "prefix"');
  return {
    versions,
    versionMatch: versionMatch as 'exact' | 'prefix',
    knownModel: c.support(o.known_model, 'association.known_model', DeviceSupport.COMPLETE),
    unknownModel: c.support(o.unknown_model, 'association.unknown_model', DeviceSupport.PROBABLE),
    otherVendor: c.support(o.other_vendor, 'association.other_vendor', DeviceSupport.IMPROBABLE),
    noVendor: c.support(o.no_vendor, 'association.no_vendor', DeviceSupport.UNKNOWN),
  };
}

function compileMacFormat(c: Checker, v: unknown): Family['macFormat'] {
  const o = c.object(v, 'mac_format') ?? {};
  c.keys(o, ['separator', 'uppercase'], 'mac_format');
  const separator = o.separator ?? '';
  if (typeof separator !== 'string' || separator.length > 1) c.say('mac_format.separator', 'must be "" or one character');
  return { separator: String(separator), uppercase: c.bool(o.uppercase, 'mac_format.uppercase', false) };
}

function pattern(c: Checker, text: string, where: string, device: boolean): NamePattern {
  const p = parseNamePattern(text);
  for (const name of p.placeholders) {
    if (!device) c.say(where, `common files have no device: {{ ${name} }} cannot be used`);
    else if (!(DEVICE_PLACEHOLDERS as readonly string[]).includes(name)) c.say(where, `unknown placeholder {{ ${name} }} (${DEVICE_PLACEHOLDERS.join(', ')})`);
  }
  return p;
}

function compileFiles(c: Checker, v: unknown, key: string, device: boolean): FileSpec[] {
  return c.list(v, key).flatMap((f, i) => {
    const where = `${key}[${i}]`;
    const o = c.object(f, where);
    if (!o) return [];
    c.keys(o, ['name', 'templates', 'encoding', 'errors'], where);
    const nameText = c.string(o.name, `${where}.name`);
    if (nameText === null) return [];
    const name = pattern(c, nameText, `${where}.name`, device);
    if (!isValidFileName(nameText.replace(/\{\{\s*\w+\s*\}\}/g, 'x'))) c.say(`${where}.name`, 'must be a relative served path without "..", "\\" or empty segments');
    let templates: NamePattern[] | null = null;
    if (o.templates !== undefined) {
      const list = typeof o.templates === 'string' ? [o.templates] : c.list(o.templates, `${where}.templates`);
      templates = list.flatMap((t, j) => {
        const text = c.string(t, `${where}.templates[${j}]`);
        return text === null ? [] : [pattern(c, text, `${where}.templates[${j}]`, device)];
      });
      if (templates.length === 0) c.say(`${where}.templates`, 'lists no template');
    } else if (!device) c.say(`${where}.templates`, 'required for common files');
    let encoding: TextEncoding = 'utf-8';
    try {
      encoding = resolveEncoding(String(o.encoding ?? 'utf-8'));
    } catch (err) {
      c.say(`${where}.encoding`, (err as Error).message);
    }
    const errors = (o.errors ?? 'strict') as EncodeErrors;
    if (!['strict', 'ignore', 'replace'].includes(errors)) c.say(`${where}.errors`, 'must be strict, ignore or replace');
    return [{ name, templates, encoding, errors }];
  });
}

function compileTransforms(c: Checker, v: unknown): FamilyTransforms {
  const o = c.object(v, 'transforms') ?? {};
  c.keys(o, ['server_url', 'sip_lines', 'funckeys', 'locale', 'timezone', 'phonebook'], 'transforms');
  let locale: FamilyTransforms['locale'] = null;
  if (o.locale === true) locale = { map: {} };
  else if (o.locale !== undefined && o.locale !== false) {
    const l = c.object(o.locale, 'transforms.locale') ?? {};
    c.keys(l, ['map', 'default'], 'transforms.locale');
    const map: Record<string, string> = {};
    for (const [k, val] of Object.entries(c.object(l.map ?? {}, 'transforms.locale.map') ?? {})) {
      if (typeof val === 'string') map[k] = val;
      else c.say(`transforms.locale.map.${k}`, 'must be a string');
    }
    locale = { map, default: l.default === undefined ? undefined : (c.string(l.default, 'transforms.locale.default') ?? undefined) };
  }
  let phonebook: FamilyTransforms['phonebook'] = null;
  if (o.phonebook !== undefined && o.phonebook !== false) {
    const p = c.object(o.phonebook, 'transforms.phonebook') ?? {};
    c.keys(p, ['vendor', 'entry_point', 'qs_prefix', 'qs_suffix'], 'transforms.phonebook');
    const opt = (k: string) => (p[k] === undefined ? undefined : (c.string(p[k], `transforms.phonebook.${k}`) ?? undefined));
    phonebook = { vendor: c.string(p.vendor, 'transforms.phonebook.vendor') ?? '', entryPoint: opt('entry_point'), qsPrefix: opt('qs_prefix'), qsSuffix: opt('qs_suffix') };
  }
  return {
    serverUrl: c.bool(o.server_url, 'transforms.server_url', true),
    sipLines: c.bool(o.sip_lines, 'transforms.sip_lines', true),
    funckeys: c.bool(o.funckeys, 'transforms.funckeys', true),
    locale,
    timezone: c.bool(o.timezone, 'transforms.timezone', false),
    phonebook,
  };
}
