/**
 * confgend's configuration: embedded defaults < <dir>/config.yml < <dir>/conf.d/*.yml (alphabetical,
 * a later file wins) < flags. Known keys are checked; drivers' own keys pass through untouched.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { errors } from '../errors.js';
import { isFileKey } from '../names.js';

export type PlainObject = Record<string, unknown>;

export interface ConfgendConfig {
  readonly config_dir: string;
  readonly http: { readonly ip: string; readonly port: number };
  readonly tcp: { readonly enabled: boolean; readonly ip: string; readonly port: number };
  readonly cache: { readonly dir: string };
  readonly templates: { readonly dir: string };
  readonly drivers: { readonly dirs: readonly string[]; readonly node_modules: readonly string[] | null };
  readonly driver_timeout_ms: number;
  readonly log: { readonly level: string };
  /** "<resource>.<filename>" → driver name. */
  readonly plugins: Readonly<Record<string, string>>;
  readonly provd: { readonly url: string; readonly token: string | null };
  readonly [key: string]: unknown;
}

export interface ConfigSources {
  /** Folder holding config.yml (optional) and conf.d/. */
  configDir: string;
  /** Dotted key → value, highest precedence (what flags produce). */
  settings?: Record<string, unknown>;
  cwd?: string;
}

const defaultsFile = new URL('./default.yml', import.meta.url);

export function isPlainObject(v: unknown): v is PlainObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function deepMerge(base: PlainObject, over: PlainObject): PlainObject {
  const out: PlainObject = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return out;
}

function loadYaml(path: string): PlainObject {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(path, 'utf8'));
  } catch (err) {
    throw errors.invalidConfig(`${path}: ${(err as Error).message}`);
  }
  if (doc === null || doc === undefined) return {};
  if (!isPlainObject(doc)) throw errors.invalidConfig(`${path}: the top level must be a mapping`);
  return doc;
}

function setPath(target: PlainObject, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(node[part])) node[part] = {};
    node = node[part] as PlainObject;
  }
  node[parts[parts.length - 1]] = value;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The files merged, in order: config.yml then conf.d/*.yml (dotfiles and other extensions skipped). */
export function configFiles(configDir: string): string[] {
  const files: string[] = [];
  const main = join(configDir, 'config.yml');
  if (existsSync(main)) files.push(main);
  const confd = join(configDir, 'conf.d');
  if (existsSync(confd)) {
    for (const name of readdirSync(confd).sort()) {
      if (!name.startsWith('.') && (name.endsWith('.yml') || name.endsWith('.yaml'))) files.push(join(confd, name));
    }
  }
  return files;
}

export function resolveConfig(sources: ConfigSources): ConfgendConfig {
  const cwd = sources.cwd ?? process.cwd();
  const configDir = resolve(cwd, sources.configDir);
  if (!existsSync(configDir)) throw errors.invalidConfig(`configuration folder ${configDir} does not exist`);
  let merged = loadYaml(defaultsFile.pathname);
  for (const file of configFiles(configDir)) merged = deepMerge(merged, loadYaml(file));
  for (const [key, value] of Object.entries(sources.settings ?? {})) setPath(merged, key, value);
  const problems = validate(merged);
  if (problems.length) throw errors.invalidConfig(`invalid configuration:\n  ${problems.join('\n  ')}`);
  merged.config_dir = configDir;
  const cache = merged.cache as PlainObject;
  cache.dir = cache.dir ? resolve(configDir, cache.dir as string) : join(configDir, 'cache');
  const templates = merged.templates as PlainObject;
  templates.dir = templates.dir ? resolve(configDir, templates.dir as string) : join(configDir, 'templates');
  const drivers = merged.drivers as PlainObject;
  drivers.dirs = (drivers.dirs as string[]).map((d) => resolve(cwd, d));
  if (drivers.node_modules) drivers.node_modules = (drivers.node_modules as string[]).map((d) => resolve(cwd, d));
  return deepFreeze(merged) as unknown as ConfgendConfig;
}

const port = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 65535;

function validate(c: PlainObject): string[] {
  const problems: string[] = [];
  const at = (path: string): unknown => path.split('.').reduce<unknown>((n, k) => (isPlainObject(n) ? n[k] : undefined), c);
  const check = (path: string, ok: (v: unknown) => boolean, expected: string) => {
    const v = at(path);
    if (!ok(v)) problems.push(`${path}: expected ${expected}, got ${JSON.stringify(v)}`);
  };
  const str = (v: unknown) => typeof v === 'string' && v.length > 0;
  check('http.ip', str, 'an address');
  check('http.port', port, 'an integer from 0 to 65535');
  check('tcp.enabled', (v) => typeof v === 'boolean', 'true or false');
  check('tcp.ip', str, 'an address');
  check('tcp.port', port, 'an integer from 0 to 65535');
  check('cache.dir', (v) => v === null || str(v), 'a folder or null');
  check('templates.dir', (v) => v === null || str(v), 'a folder or null');
  check('drivers.dirs', (v) => Array.isArray(v) && v.every(str), 'a list of folders');
  check('drivers.node_modules', (v) => v === null || (Array.isArray(v) && v.every(str)), 'a list of folders or null');
  check('driver_timeout_ms', (v) => Number.isInteger(v) && (v as number) > 0, 'a positive integer');
  check('provd.url', (v) => typeof v === 'string' && /^https?:\/\//.test(v), 'an http(s) URL');
  check('provd.token', (v) => v === null || str(v), 'a string or null');
  const plugins = c.plugins;
  if (!isPlainObject(plugins)) problems.push(`plugins: expected a mapping of "<resource>.<filename>" to a driver name`);
  else {
    for (const [key, value] of Object.entries(plugins)) {
      if (!isFileKey(key)) problems.push(`plugins.${key}: not a "<resource>.<filename>" key`);
      else if (typeof value !== 'string' || !value) problems.push(`plugins.${key}: expected a driver name, got ${JSON.stringify(value)}`);
    }
  }
  return problems;
}
