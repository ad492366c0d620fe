/**
 * pkgs.db: the firmware and language packages a plugin can install (reference provd-plugins.md
 * §3, xivo-fetchfw format). Parses, resolves defaults and checks every cross-reference, so an
 * installer can trust what it gets.
 */
import { InvalidDocumentError, SdkErrorCode, type Problem } from '../errors.js';
import { parseIni, type IniDocument } from './ini.js';

export const INSTALL_COMMANDS = ['unzip', 'cp', 'include', 'untar', 'unsign', 'unrar', 'exclude', '7z', 'null'] as const;
export type InstallCommand = (typeof INSTALL_COMMANDS)[number];

export interface PkgDef {
  readonly id: string;
  readonly description?: string;
  /** `description_fr` → `{ fr: … }`. */
  readonly descriptions: Readonly<Record<string, string>>;
  readonly version?: string;
  /** File ids, in order ($FILE1, $FILE2…). */
  readonly files: readonly string[];
  readonly install: null | { readonly id: string; readonly args: readonly string[] };
  readonly depends: readonly string[];
  /** Other keys, kept as they are. */
  readonly extra: Readonly<Record<string, string>>;
}

export interface FileDef {
  readonly id: string;
  /** Empty when the file must be put in var/cache by hand. */
  readonly url: string;
  readonly size: number;
  readonly sha1sum: string;
  /** Name in the cache: given, or the URL's basename. */
  readonly filename: string;
  readonly downloader: string;
}

export interface InstallStep {
  readonly src: string;
  readonly dst: string;
  readonly command: InstallCommand;
  readonly args: readonly string[];
}

export interface InstallDef {
  readonly id: string;
  /** Ordered so that each step's source exists before it runs (breadth-first from `a`). */
  readonly steps: readonly InstallStep[];
}

export interface PkgsDb {
  readonly packages: Readonly<Record<string, PkgDef>>;
  readonly files: Readonly<Record<string, FileDef>>;
  readonly installs: Readonly<Record<string, InstallDef>>;
}

/**
 * Parses one or more pkgs.db documents (every non-dot file of `pkgs/` merges into one db).
 * Throws DT_ERR_PKGS_DB_SYNTAX for INI syntax errors and DT_ERR_PKGS_DB_INVALID listing every
 * problem by `[section] key`.
 */
export function parsePkgsDb(input: string | readonly IniDocument[]): PkgsDb {
  const docs = typeof input === 'string' ? [{ text: input, source: 'pkgs.db' }] : input;
  const sections = parseIni(docs);
  const problems: Problem[] = [];
  const packages: Record<string, PkgDef> = {};
  const files: Record<string, FileDef> = {};
  const installs: Record<string, InstallDef> = {};
  for (const [name, options] of sections) {
    const m = /^(pkg|file|install)_(.+)$/.exec(name);
    if (!m) {
      problems.push({ where: `[${name}]`, message: 'unknown section (expected pkg_<id>, file_<id> or install_<id>)' });
      continue;
    }
    const [, kind, id] = m;
    const say = (key: string, message: string) => problems.push({ where: key ? `[${name}] ${key}` : `[${name}]`, message });
    if (kind === 'pkg') packages[id] = readPkg(id, options);
    else if (kind === 'file') {
      const file = readFile(id, options, say);
      if (file) files[id] = file;
    } else installs[id] = readInstall(id, options, say);
  }
  crossCheck(packages, files, installs, problems);
  if (problems.length > 0) throw new InvalidDocumentError(SdkErrorCode.PKGS_DB_INVALID, docs.map((d) => d.source ?? 'pkgs.db').join(', '), problems);
  return { packages, files, installs };
}

function readPkg(id: string, options: Map<string, string>): PkgDef {
  const descriptions: Record<string, string> = {};
  const extra: Record<string, string> = {};
  for (const [k, v] of options) {
    if (k.startsWith('description_')) descriptions[k.slice('description_'.length)] = v;
    else if (!['description', 'version', 'files', 'install', 'depends'].includes(k)) extra[k] = v;
  }
  const install = words(options.get('install'));
  return {
    id,
    description: options.get('description'),
    descriptions,
    version: options.get('version'),
    files: words(options.get('files')),
    install: install.length > 0 ? { id: install[0], args: install.slice(1) } : null,
    depends: words(options.get('depends')),
    extra,
  };
}

function readFile(id: string, options: Map<string, string>, say: (key: string, message: string) => void): FileDef | null {
  let ok = true;
  const bad = (key: string, message: string) => {
    ok = false;
    say(key, message);
  };
  const url = options.get('url');
  const size = options.get('size');
  const sha1sum = options.get('sha1sum');
  if (url === undefined) bad('url', 'missing (leave it empty for a file put in var/cache by hand)');
  else if (url !== '' && !/^(https?|ftp):\/\/\S+$/.test(url)) bad('url', `not an http(s)/ftp URL: ${url}`);
  if (size === undefined || !/^\d+$/.test(size)) bad('size', size === undefined ? 'missing' : `not a byte count: ${size}`);
  if (sha1sum === undefined || !/^[0-9a-fA-F]{40}$/.test(sha1sum)) bad('sha1sum', sha1sum === undefined ? 'missing' : 'not 40 hex digits');
  let filename = options.get('filename');
  if (filename === undefined && url) filename = urlBasename(url);
  if (!filename) bad('filename', 'missing (needed when the URL is empty or ends with "/")');
  else if (filename.includes('/') || filename.includes('\\') || filename === '.' || filename === '..') bad('filename', `not a plain file name: ${filename}`);
  if (!ok) return null;
  return { id, url: url!, size: Number(size), sha1sum: sha1sum!.toLowerCase(), filename: filename!, downloader: options.get('downloader') ?? 'default' };
}

function urlBasename(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
  } catch {
    return '';
  }
}

const VARIABLE = /\\\$|\$\{(\w+)\}|\$(\w+)/g;

function readInstall(id: string, options: Map<string, string>, say: (key: string, message: string) => void): InstallDef {
  const steps: InstallStep[] = [];
  const sources = new Map<string, string>();
  for (const [key, value] of options) {
    const edge = /^([a-z0-9_]+)-([a-z0-9_]+)$/.exec(key);
    if (!edge) {
      say(key, 'not an install step "<src>-<dst>"');
      continue;
    }
    const [, src, dst] = edge;
    if (dst === 'a') say(key, '"a" holds the downloaded files and cannot be a destination');
    if (sources.has(dst)) say(key, `node "${dst}" already has a source (${sources.get(dst)})`);
    sources.set(dst, src);
    const [command, ...args] = words(value);
    if (!INSTALL_COMMANDS.includes(command as InstallCommand)) {
      say(key, `unknown command "${command ?? ''}" (one of ${INSTALL_COMMANDS.join(', ')})`);
      continue;
    }
    const arity = checkArity(command as InstallCommand, args);
    if (arity) say(key, arity);
    for (const arg of args) {
      for (const v of arg.matchAll(VARIABLE)) {
        const variable = v[1] ?? v[2];
        if (variable !== undefined && !/^(FILE|ARG)[1-9]\d*$/.test(variable)) say(key, `unknown variable $${variable}`);
      }
      if (command !== 'null' && (arg.startsWith('/') || arg.split('/').includes('..'))) say(key, `path escapes the work folder: ${arg}`);
    }
    steps.push({ src, dst, command: command as InstallCommand, args });
  }
  return { id, steps: orderSteps(steps, say) };
}

function checkArity(command: InstallCommand, args: string[]): string | null {
  const needs: Record<InstallCommand, [number, number]> = {
    unzip: [1, 1], untar: [1, 1], unrar: [1, 1], '7z': [1, 1], unsign: [2, 2], cp: [2, Infinity], include: [1, Infinity], exclude: [1, Infinity], null: [0, 0],
  };
  const [min, max] = needs[command];
  if (args.length < min || args.length > max) return `${command} takes ${min === max ? min : `${min}+`} argument(s), got ${args.length}`;
  return null;
}

function orderSteps(steps: InstallStep[], say: (key: string, message: string) => void): InstallStep[] {
  const ordered: InstallStep[] = [];
  const reached = new Set(['a']);
  let frontier = ['a'];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const step of steps) {
        if (step.src === node && !reached.has(step.dst)) {
          reached.add(step.dst);
          ordered.push(step);
          next.push(step.dst);
        }
      }
    }
    frontier = next;
  }
  for (const step of steps) {
    if (!ordered.includes(step)) say(`${step.src}-${step.dst}`, `not reachable from "a" (unknown source "${step.src}" or a cycle)`);
  }
  return ordered;
}

function crossCheck(packages: Record<string, PkgDef>, files: Record<string, FileDef>, installs: Record<string, InstallDef>, problems: Problem[]): void {
  const byFilename = new Map<string, string>();
  for (const file of Object.values(files)) {
    const other = byFilename.get(file.filename);
    if (other) problems.push({ where: `[file_${file.id}] filename`, message: `"${file.filename}" is also the cache name of file_${other}` });
    byFilename.set(file.filename, file.id);
  }
  for (const pkg of Object.values(packages)) {
    const where = (key: string) => `[pkg_${pkg.id}] ${key}`;
    for (const f of pkg.files) if (!files[f]) problems.push({ where: where('files'), message: `no section [file_${f}]` });
    for (const d of pkg.depends) if (!packages[d]) problems.push({ where: where('depends'), message: `no section [pkg_${d}]` });
    if (!pkg.install) continue;
    const install = installs[pkg.install.id];
    if (!install) {
      problems.push({ where: where('install'), message: `no section [install_${pkg.install.id}]` });
      continue;
    }
    for (const step of install.steps) {
      for (const arg of step.args) {
        for (const v of arg.matchAll(VARIABLE)) {
          const m = /^(FILE|ARG)(\d+)$/.exec(v[1] ?? v[2] ?? '');
          if (!m) continue;
          const n = Number(m[2]);
          const limit = m[1] === 'FILE' ? pkg.files.length : pkg.install.args.length;
          if (n > limit) problems.push({ where: where('install'), message: `install_${install.id} ${step.src}-${step.dst} uses $${m[1]}${n} but the package has ${limit}` });
        }
      }
    }
  }
}

function words(value: string | undefined): string[] {
  return value === undefined ? [] : value.split(/\s+/).filter((w) => w !== '');
}
