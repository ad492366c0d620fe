import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { errors } from '../errors.js';
import { configSchema, validateAgainst } from './schema.js';
import { deepFreeze, deepMerge, isPlainObject, setPath, type PlainObject } from './merge.js';
import { overrides, parseOverride } from './overrides.js';
import type { ResolvedConfig } from './types.js';

const defaultsFile = new URL('./default.yml', import.meta.url);

export interface ConfigSources {
  /** A YAML file; its folder's conf.d/*.yml are merged over it. */
  configFile?: string;
  /** Environment (PROVD_* variables are read). Defaults to none, so tests stay hermetic. */
  env?: Record<string, string | undefined>;
  /** Dotted key → value, highest precedence (what command-line flags produce). */
  settings?: Record<string, unknown>;
  /** Working directory relative paths are resolved against. */
  cwd?: string;
}

function loadYaml(path: string): PlainObject {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw errors.invalidConfig(`cannot read configuration file ${path}: ${(err as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw errors.invalidConfig(`${path}: invalid YAML: ${(err as Error).message}`);
  }
  if (doc === null || doc === undefined) return {};
  if (!isPlainObject(doc)) throw errors.invalidConfig(`${path}: the top level must be a mapping`);
  return doc;
}

/** Layers the sources by precedence, validates, fills derived values and freezes. */
/** The embedded default of one dotted key, as written in default.yml (for --help). */
export function embeddedDefault(key: string): unknown {
  let node: unknown = loadYaml(defaultsFile.pathname);
  for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as PlainObject)[part] : undefined;
  return node;
}

export function resolveConfig(sources: ConfigSources = {}): ResolvedConfig {
  const cwd = sources.cwd ?? process.cwd();
  let merged = loadYaml(defaultsFile.pathname);
  if (sources.configFile) {
    const file = resolvePath(cwd, sources.configFile);
    merged = deepMerge(merged, loadYaml(file));
    const confd = join(dirname(file), 'conf.d');
    if (existsSync(confd)) {
      const names = readdirSync(confd).filter((n) => n.endsWith('.yml') || n.endsWith('.yaml')).sort();
      for (const name of names) merged = deepMerge(merged, loadYaml(join(confd, name)));
    }
  }
  const problems: string[] = [];
  for (const o of overrides) {
    const raw = sources.env?.[o.env];
    if (raw === undefined || raw === '') continue;
    const parsed = parseOverride(o, raw, `environment variable ${o.env}`);
    if ('error' in parsed) problems.push(parsed.error);
    else setPath(merged, o.key, parsed.value);
  }
  for (const [key, value] of Object.entries(sources.settings ?? {})) setPath(merged, key, value);
  problems.push(...validateAgainst(configSchema, merged));
  if (problems.length) {
    throw errors.invalidConfig(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const config = merged as unknown as ResolvedConfig;
  config.general.data_dir = resolvePath(cwd, config.general.data_dir);
  const repository = config.plugins.repository;
  if (repository && !/^https?:\/\//.test(repository)) (config.plugins as { repository: string }).repository = resolvePath(cwd, repository);
  if (!config.database.url) config.database.url = `sqlite:${join(config.general.data_dir, 'provd.sqlite')}`;
  return deepFreeze(config);
}
