/**
 * Finds drivers, the Node counterpart of setuptools entry points:
 *  - installed npm packages whose package.json declares
 *    `"dialtone": { "confgend": { "<resource>.<filename>": { "<driver>": "./dist/driver.js[#Export]" } } }`;
 *  - local driver folders: `<dir>/<package>/package.json` (same manifest), or
 *    `<dir>/<resource>.<filename>/<driver>.{js,mjs,ts}` (default export).
 * Nothing is imported here. Every problem is returned with the package or path that caused it.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { errors, type ConfgendError } from './errors.js';
import { isFileKey } from './names.js';

export type DriverOrigin =
  | { readonly kind: 'builtin' }
  | { readonly kind: 'package'; readonly package: string; readonly version: string; readonly dir: string }
  | { readonly kind: 'folder'; readonly dir: string };

export interface DriverDeclaration {
  /** `<resource>.<filename>` */
  readonly file: string;
  readonly name: string;
  readonly origin: DriverOrigin;
  /** Absolute path of the module (none for built-ins). */
  readonly module?: string;
  /** The export holding the class; `default` unless the entry says `#Name`. */
  readonly exportName: string;
  /** The driver's own template folder, searched after the administrator's. */
  readonly templatesDir?: string;
  /** Built-ins load without a module path. */
  readonly load?: () => Promise<unknown>;
}

export interface DiscoveryResult {
  readonly declarations: DriverDeclaration[];
  readonly problems: ConfgendError[];
}

export interface DiscoveryOptions {
  /** node_modules folders, nearest first; a package name found twice keeps its first copy. */
  readonly nodeModules: readonly string[];
  readonly driversDirs: readonly string[];
}

const DRIVER_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;
const MODULE_EXT = new Set(['.js', '.mjs', '.ts', '.mts']);

/** node_modules folders of `from` and each of its ancestors. */
export function ancestorNodeModules(from: string): string[] {
  const out: string[] = [];
  let dir = resolve(from);
  while (true) {
    const candidate = join(dir, 'node_modules');
    if (existsSync(candidate)) out.push(candidate);
    const parent = dirname(dir);
    if (parent === dir) return out;
    dir = parent;
  }
}

export function originLabel(origin: DriverOrigin): string {
  if (origin.kind === 'builtin') return 'built-in';
  if (origin.kind === 'package') return `package ${origin.package}@${origin.version} (${origin.dir})`;
  return `folder ${origin.dir}`;
}

export function discoverDrivers(options: DiscoveryOptions): DiscoveryResult {
  const declarations: DriverDeclaration[] = [];
  const problems: ConfgendError[] = [];
  const seenPackages = new Set<string>();
  const seenDirs = new Set<string>();
  for (const root of options.nodeModules) {
    for (const dir of packageDirs(root)) {
      let real: string;
      try {
        real = realpathSync(dir);
      } catch {
        continue;
      }
      if (seenDirs.has(real)) continue;
      seenDirs.add(real);
      readPackage(real, seenPackages, declarations, problems);
    }
  }
  for (const root of options.driversDirs) {
    if (!existsSync(root)) {
      problems.push(errors.badManifest(`drivers folder ${root} does not exist`));
      continue;
    }
    for (const entry of readdirSync(root, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const dir = join(root, entry.name);
      if (!isDirectory(dir)) continue;
      if (existsSync(join(dir, 'package.json'))) readPackage(realpathSync(dir), seenPackages, declarations, problems, dir);
      else if (isFileKey(entry.name)) readFolder(dir, entry.name, root, declarations, problems);
      else if (entry.name.startsWith('@')) {
        // a node_modules folder given as a drivers folder: its scoped packages
        for (const sub of readdirSync(dir).sort()) {
          if (existsSync(join(dir, sub, 'package.json'))) readPackage(realpathSync(join(dir, sub)), seenPackages, declarations, problems, join(dir, sub));
        }
      }
    }
  }
  return { declarations, problems };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Package folders under a node_modules folder, scoped ones included. */
function packageDirs(root: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of entries.sort()) {
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) {
      let scoped: string[] = [];
      try {
        scoped = readdirSync(join(root, name));
      } catch {
        continue;
      }
      for (const sub of scoped.sort()) if (!sub.startsWith('.')) out.push(join(root, name, sub));
    } else out.push(join(root, name));
  }
  return out;
}

function readPackage(dir: string, seen: Set<string>, out: DriverDeclaration[], problems: ConfgendError[], folder?: string): void {
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch (err) {
    // Any package may hold a broken package.json; only one that we can tell declares drivers matters.
    if (folder) problems.push(errors.badManifest(`${join(dir, 'package.json')}: ${(err as Error).message}`));
    return;
  }
  const dialtone = pkg.dialtone as Record<string, unknown> | undefined;
  if (!dialtone || typeof dialtone !== 'object' || !('confgend' in dialtone)) return;
  const name = typeof pkg.name === 'string' ? pkg.name : relative(dirname(dir), dir);
  if (seen.has(name)) return; // a farther copy of a package already found
  seen.add(name);
  const version = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  const origin: DriverOrigin = { kind: 'package', package: name, version, dir };
  const manifest = dialtone.confgend;
  const where = `package ${name} (${join(dir, 'package.json')}): dialtone.confgend`;
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) {
    problems.push(errors.badManifest(`${where} must be a mapping of "<resource>.<filename>" to drivers`));
    return;
  }
  const templatesDir = existsSync(join(dir, 'templates')) ? join(dir, 'templates') : undefined;
  for (const [file, drivers] of Object.entries(manifest as Record<string, unknown>)) {
    if (!isFileKey(file)) {
      problems.push(errors.badManifest(`${where}: "${file}" is not "<resource>.<filename>"`));
      continue;
    }
    if (!drivers || typeof drivers !== 'object' || Array.isArray(drivers)) {
      problems.push(errors.badManifest(`${where}.${file} must map driver names to module paths`));
      continue;
    }
    for (const [driver, entry] of Object.entries(drivers as Record<string, unknown>)) {
      if (!DRIVER_NAME.test(driver)) {
        problems.push(errors.badManifest(`${where}.${file}: "${driver}" is not a driver name (letters, digits, "_", "-", ".")`, { driver }));
        continue;
      }
      if (typeof entry !== 'string') {
        problems.push(errors.badManifest(`${where}.${file}.${driver}: expected "./path/to/module.js[#Export]"`, { driver }));
        continue;
      }
      const [path, exportName = 'default'] = entry.split('#', 2);
      const module = resolve(dir, path);
      if (!module.startsWith(dir + sep)) {
        problems.push(errors.badManifest(`${where}.${file}.${driver}: "${path}" is outside the package`, { driver }));
        continue;
      }
      out.push({ file, name: driver, origin, module, exportName, ...(templatesDir ? { templatesDir } : {}) });
    }
  }
}

function readFolder(dir: string, file: string, root: string, out: DriverDeclaration[], problems: ConfgendError[]): void {
  const templatesDir = existsSync(join(root, 'templates')) ? join(root, 'templates') : undefined;
  for (const entry of readdirSync(dir).sort()) {
    const ext = extname(entry);
    if (entry.startsWith('.') || !MODULE_EXT.has(ext) || entry.endsWith('.d.ts') || entry.endsWith('.test.ts')) continue;
    const name = entry.slice(0, -ext.length);
    if (!DRIVER_NAME.test(name)) {
      problems.push(errors.badManifest(`${join(dir, entry)}: "${name}" is not a driver name (letters, digits, "_", "-", ".")`));
      continue;
    }
    out.push({ file, name, origin: { kind: 'folder', dir: root }, module: join(dir, entry), exportName: 'default', ...(templatesDir ? { templatesDir } : {}) });
  }
}
