/**
 * A plugin source folder as the tools see it: its files (minus what never ships), its build
 * targets (`build.yml`: one description, several firmware versions as parameters) and, per
 * target, the files after `@@param@@` substitution with plugin-info's capabilities generated
 * from family.yml (one model list).
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { compileFamilyWithHooks, isSdkError, parseFamilyYaml, parsePluginInfo, type Capability, type Family, type PluginInfo } from '@dialtone/plugin-sdk';
import { parse as parseYaml } from 'yaml';
import { compileModules } from './compile-modules.js';
import { ToolError, ToolErrorCode, type Finding } from './errors.js';
import { jsonLineOf, yamlLineOf } from './yaml-lines.js';

/** Top-level names of a source folder that are never part of a bundle. */
export const SKIPPED_TOP = new Set(['test', 'tests', 'src', 'node_modules', 'package.json', 'package-lock.json', 'tsconfig.json', 'build.yml', 'README.md', 'dist']);
/** Files in which `@@name@@` placeholders are replaced per target. */
const PARAM_FILES = /^(plugin-info|family\.yml|pkgs\/[^/]+)$/;
export const BUILD_FILE = 'build.yml';
const ID = /^[a-z0-9][a-z0-9._-]*$/;

export interface BuildTarget {
  readonly id: string;
  /** Shown in the capability keys `Vendor, Model, <firmware>`; `*` when not given. */
  readonly firmware?: string;
  readonly params: Readonly<Record<string, string>>;
}

export interface PluginSource {
  readonly dir: string;
  /** Relative '/'-separated path → content, sorted by path. */
  readonly files: ReadonlyMap<string, Buffer>;
  readonly targets: readonly BuildTarget[];
}

export interface RenderedTarget {
  readonly id: string;
  readonly target: BuildTarget;
  readonly info: PluginInfo;
  /** The bundle's files (relative to `<id>/`): plugin-info generated, TypeScript compiled (no `.ts`). */
  readonly files: ReadonlyMap<string, Buffer>;
  /** The compiled family (hooks not loaded), when the plugin is a family. */
  readonly family: Omit<Family, 'hooks'> | null;
}

async function walk(dir: string, rel: string, out: Map<string, Buffer>, findings: Finding[]): Promise<void> {
  const entries = await readdir(join(dir, rel), { withFileTypes: true });
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.name.startsWith('.')) continue;
    const path = rel === '' ? e.name : `${rel}/${e.name}`;
    if (rel === '' && SKIPPED_TOP.has(e.name)) continue;
    if (e.isSymbolicLink()) findings.push({ file: path, message: 'symbolic links are not bundled: copy the file' });
    else if (e.isDirectory()) await walk(dir, path, out, findings);
    else if (e.isFile()) out.set(path, await readFile(join(dir, path)));
  }
}

export function readTargets(dir: string, text: string | null): BuildTarget[] {
  if (text === null) return [{ id: basename(resolve(dir)), params: {} }];
  const findings: Finding[] = [];
  const say = (field: string, message: string) => findings.push({ file: BUILD_FILE, line: yamlLineOf(text, field), field, message });
  let doc: unknown;
  try {
    doc = parseYaml(text, { uniqueKeys: true });
  } catch (err) {
    throw new ToolError(ToolErrorCode.SOURCE_INVALID, `${dir}: bad ${BUILD_FILE}`, [{ file: BUILD_FILE, message: (err as Error).message.split('\n')[0] }]);
  }
  const targets: BuildTarget[] = [];
  const list = (doc as { targets?: unknown } | null)?.targets;
  if (!Array.isArray(list) || list.length === 0) say('targets', 'must be a non-empty list of { id, firmware, params }');
  else {
    const seen = new Set<string>();
    list.forEach((t: unknown, i) => {
      const where = `targets[${i}]`;
      const o = (typeof t === 'object' && t !== null ? t : {}) as Record<string, unknown>;
      for (const k of Object.keys(o)) if (!['id', 'firmware', 'params'].includes(k)) say(`${where}.${k}`, 'unknown key (allowed: id, firmware, params)');
      const id = o.id;
      if (typeof id !== 'string' || !ID.test(id)) return say(`${where}.id`, 'must be a plugin id: lower-case letters, digits, ".", "_", "-"');
      if (seen.has(id)) say(`${where}.id`, `duplicate id ${id}`);
      seen.add(id);
      const params: Record<string, string> = {};
      const p = o.params ?? {};
      if (typeof p !== 'object' || p === null || Array.isArray(p)) say(`${where}.params`, 'must be a mapping');
      else for (const [k, v] of Object.entries(p)) {
        if (!/^\w+$/.test(k)) say(`${where}.params.${k}`, 'parameter names are letters, digits and _');
        else if (typeof v !== 'string' && typeof v !== 'number') say(`${where}.params.${k}`, 'must be a string');
        else params[k] = String(v);
      }
      if (o.firmware !== undefined && typeof o.firmware !== 'string' && typeof o.firmware !== 'number') say(`${where}.firmware`, 'must be a string');
      targets.push({ id, firmware: o.firmware === undefined ? undefined : String(o.firmware), params });
    });
  }
  if (findings.length > 0) throw new ToolError(ToolErrorCode.SOURCE_INVALID, `${dir}: bad ${BUILD_FILE}`, findings);
  return targets;
}

/** Reads a source folder. Throws DT_ERR_TOOL_SOURCE_INVALID (with findings) for a bad one. */
export async function readSource(dir: string): Promise<PluginSource> {
  const files = new Map<string, Buffer>();
  const findings: Finding[] = [];
  await walk(dir, '', files, findings);
  if (!files.has('plugin-info')) findings.push({ file: 'plugin-info', message: 'missing: not a plugin source folder' });
  if (findings.length > 0) throw new ToolError(ToolErrorCode.SOURCE_INVALID, `${dir}: not a buildable plugin source`, findings);
  let buildText: string | null = null;
  try {
    buildText = await readFile(join(dir, BUILD_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return { dir, files, targets: readTargets(dir, buildText) };
}

/** Replaces `@@name@@` from the target; unknown names become findings. */
export function substitute(text: string, file: string, values: Readonly<Record<string, string>>, findings: Finding[]): string {
  return text.replace(/@@(\w+)@@/g, (whole, name: string, offset: number) => {
    if (Object.hasOwn(values, name)) return values[name];
    findings.push({ file, line: text.slice(0, offset).split('\n').length, field: whole, message: `unknown build parameter (known: ${Object.keys(values).join(', ') || 'none'})` });
    return whole;
  });
}

function targetValues(t: BuildTarget): Record<string, string> {
  return { id: t.id, ...(t.firmware === undefined ? {} : { firmware: t.firmware }), ...t.params };
}

/** The reference's capability fields, in the order plugin-info writes them. */
export const CAPABILITY_FIELDS = ['lines', 'high_availability', 'function_keys', 'expansion_modules', 'switchboard', 'multicell', 'type', 'protocol'] as const;

/**
 * `Vendor, Model, Version` → capability, in the order of family.yml's models. Version: the model's
 * `info_version` (shown only: an older generation this plugin lists without shipping its
 * firmware), else its `version` (the firmware the plugin targets for that model, e.g. Yealink's one
 * version per hardware id), else the target's firmware, else `*`. Only the capability fields are
 * copied, in a fixed order; the other model keys (`firmware`, `hw`…) are for templates and hooks.
 */
export function capabilitiesOf(family: Pick<Family, 'vendor' | 'models'>, firmware: string | undefined): Record<string, Capability> {
  const out: Record<string, Capability> = {};
  const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
  for (const [model, entry] of Object.entries(family.models)) {
    const version = text(entry.info_version) ?? text(entry.version) ?? firmware ?? '*';
    const cap: Record<string, unknown> = {};
    for (const field of CAPABILITY_FIELDS) if (entry[field] !== undefined) cap[field] = entry[field];
    out[`${family.vendor}, ${model}, ${version}`] = cap;
  }
  return out;
}

/** family.yml's `hooks` file (relative, without `./`), or null. */
export function hooksFileOf(text: string): string | null {
  try {
    const doc = parseFamilyYaml(text, 'family.yml') as { hooks?: unknown } | null;
    return typeof doc?.hooks === 'string' ? doc.hooks.replace(/^\.\//, '') : null;
  } catch {
    return null;
  }
}

/** Compiles family.yml text without importing its hooks (build and lint's first pass). */
export async function compileFamilyText(text: string, dir: string, findings: Finding[]): Promise<Omit<Family, 'hooks'> | null> {
  try {
    const doc = parseFamilyYaml(text, 'family.yml') as Record<string, unknown> | null;
    const copy = doc && typeof doc === 'object' ? { ...doc } : doc;
    if (copy && typeof copy === 'object') delete (copy as Record<string, unknown>).hooks;
    return await compileFamilyWithHooks(copy, dir, 'family.yml');
  } catch (err) {
    if (!isSdkError(err)) throw err;
    const problems = (err as { problems?: Array<{ where: string; message: string }> }).problems ?? [{ where: '', message: err.message }];
    for (const p of problems) {
      const lineMatch = /^line (\d+)/.exec(p.where);
      findings.push({ file: 'family.yml', line: lineMatch ? Number(lineMatch[1]) : yamlLineOf(text, p.where), field: lineMatch ? undefined : p.where, message: p.message });
    }
    return null;
  }
}

/**
 * The bundle content of one target. Findings (bad parameters, bad plugin-info or family.yml, and
 * with `strict` — lint — hand-written capabilities next to a family.yml) go to `findings`; null
 * when the target cannot build. Without `strict` (build), hand-written capabilities are kept.
 */
export async function renderTarget(source: PluginSource, target: BuildTarget, findings: Finding[], options: { strict?: boolean } = {}): Promise<RenderedTarget | null> {
  const before = findings.length;
  const values = targetValues(target);
  const files = new Map<string, Buffer>();
  for (const [path, content] of source.files) {
    files.set(path, PARAM_FILES.test(path) ? Buffer.from(substitute(content.toString('utf8'), path, values, findings), 'utf8') : content);
  }
  const infoText = files.get('plugin-info')!.toString('utf8');
  let info: PluginInfo | null = null;
  try {
    info = parsePluginInfo(infoText, 'plugin-info');
  } catch (err) {
    if (!isSdkError(err)) throw err;
    for (const p of (err as unknown as { problems: Array<{ where: string; message: string }> }).problems ?? []) {
      findings.push({ file: 'plugin-info', line: jsonLineOf(infoText, p.where.replace(/\[.*$/, '')), field: p.where, message: p.message });
    }
  }
  let family: Omit<Family, 'hooks'> | null = null;
  const familyText = files.get('family.yml');
  if (familyText) family = await compileFamilyText(familyText.toString('utf8'), source.dir, findings);
  const handWritten = info !== null && familyText !== undefined && info.capabilities !== undefined;
  if (handWritten && options.strict) {
    findings.push({ file: 'plugin-info', line: jsonLineOf(infoText, 'capabilities'), field: 'capabilities', message: 'generated from family.yml models: remove it (one model list)' });
  }
  await compileModules(files, source.dir, familyText ? hooksFileOf(familyText.toString('utf8')) : null, findings);
  if (findings.length > before || info === null) return null;
  // build keeps a hand-written list (lint reports it); generated otherwise
  const generated: PluginInfo = family && !handWritten ? { ...info, capabilities: capabilitiesOf(family, target.firmware) } : info;
  files.set('plugin-info', Buffer.from(`${JSON.stringify(generated, null, 2)}\n`, 'utf8'));
  return { id: target.id, target, info: generated, files, family };
}
