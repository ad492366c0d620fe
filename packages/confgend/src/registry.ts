/**
 * The driver registry: every declaration (built-in, packages, folders) by file and name, the
 * selection rule (conf.d `plugins`, else the built-in `dialtone` driver) and loading. Conflicts
 * and load failures are errors naming the driver, never a silent fall-through.
 */
import { pathToFileURL } from 'node:url';
import type { ConfgendConfig } from './config/config.js';
import { originLabel, type DriverDeclaration } from './discovery.js';
import { isDriverClass, type DriverClass } from './driver.js';
import { errors, type ConfgendError } from './errors.js';
import { fileKey, filePath, type FileName } from './names.js';

export const BUILTIN_DRIVER = 'dialtone';

export interface DriverStatus {
  readonly file: string;
  readonly name: string;
  readonly origin: string;
  readonly selected: boolean;
  /** `ok` once loaded, `unloaded` before first use, else the error code. */
  readonly status: string;
  readonly error?: string;
}

export interface Registry {
  /** The declaration that serves this file; throws a coded error naming what is wrong. */
  select(file: FileName): DriverDeclaration;
  load(declaration: DriverDeclaration): Promise<DriverClass>;
  /** Loads every selected or built-in driver; returns the failures (also kept for list()). */
  preload(): Promise<ConfgendError[]>;
  list(): DriverStatus[];
  /** Discovery problems (bad manifests). */
  readonly problems: readonly ConfgendError[];
}

export function driverLabel(d: Pick<DriverDeclaration, 'name' | 'file'>): string {
  return `driver "${d.name}" of ${d.file}`;
}

export function createRegistry(config: ConfgendConfig, declarations: readonly DriverDeclaration[], problems: readonly ConfgendError[]): Registry {
  const byFile = new Map<string, Map<string, DriverDeclaration[]>>();
  for (const d of declarations) {
    let names = byFile.get(d.file);
    if (!names) byFile.set(d.file, (names = new Map()));
    const list = names.get(d.name) ?? [];
    list.push(d);
    names.set(d.name, list);
  }
  const loaded = new Map<DriverDeclaration, DriverClass>();
  const failures = new Map<DriverDeclaration, ConfgendError>();

  const available = (names: Map<string, DriverDeclaration[]> | undefined) =>
    names && names.size ? [...names.keys()].sort().join(', ') : 'none';

  const selectedName = (key: string): string | undefined => {
    const chosen = config.plugins[key];
    if (chosen) return chosen;
    return byFile.get(key)?.get(BUILTIN_DRIVER)?.some((d) => d.origin.kind === 'builtin') ? BUILTIN_DRIVER : undefined;
  };

  const select = (file: FileName): DriverDeclaration => {
    const key = fileKey(file);
    const names = byFile.get(key);
    const chosen = selectedName(key);
    if (!names) {
      const files = [...byFile.keys()].sort().map((k) => `${k.replace('.', '/')} (${available(byFile.get(k))})`);
      const selected = chosen ? `; conf.d selects driver "${chosen}" but nothing declares it` : '';
      throw errors.unknownFile(`no driver generates ${filePath(file)}${selected}; files with drivers: ${files.join(', ') || 'none'}`, chosen ? { driver: chosen } : {});
    }
    if (!chosen) {
      throw errors.unknownDriver(`no driver is selected for ${filePath(file)}: set plugins: {${key}: <driver>} in conf.d; available drivers: ${available(names)}`);
    }
    const list = names.get(chosen);
    if (!list) throw errors.unknownDriver(`driver "${chosen}" selected for ${key} in conf.d does not exist; available drivers: ${available(names)}`, { driver: chosen });
    if (list.length > 1) {
      throw errors.driverConflict(`driver "${chosen}" of ${key} is declared ${list.length} times: ${list.map((d) => originLabel(d.origin)).join('; ')}`, { driver: chosen });
    }
    return list[0];
  };

  const load = async (d: DriverDeclaration): Promise<DriverClass> => {
    const done = loaded.get(d);
    if (done) return done;
    let mod: unknown;
    try {
      mod = d.load ? await d.load() : await import(pathToFileURL(d.module!).href);
    } catch (err) {
      const e = errors.driverLoad(`${driverLabel(d)} (${originLabel(d.origin)}) failed to load: ${(err as Error).message}`, { driver: d.name, cause: err });
      failures.set(d, e);
      throw e;
    }
    const cls = (mod as Record<string, unknown> | null)?.[d.exportName];
    if (!isDriverClass(cls)) {
      const e = errors.driverLoad(`${driverLabel(d)} (${originLabel(d.origin)}): export "${d.exportName}" of ${d.module ?? 'the built-in module'} is not a class with a generate() method`, { driver: d.name });
      failures.set(d, e);
      throw e;
    }
    failures.delete(d);
    loaded.set(d, cls);
    return cls;
  };

  return {
    problems,
    select,
    load,
    async preload() {
      const out: ConfgendError[] = [];
      for (const [key, names] of byFile) {
        const chosen = selectedName(key);
        for (const [name, list] of names) {
          if (name !== chosen) continue;
          if (list.length > 1) {
            out.push(errors.driverConflict(`driver "${name}" of ${key} is declared ${list.length} times: ${list.map((d) => originLabel(d.origin)).join('; ')}`, { driver: name }));
            continue;
          }
          await load(list[0]).catch((err: ConfgendError) => out.push(err));
        }
      }
      for (const [key, chosen] of Object.entries(config.plugins)) {
        if (!byFile.get(key)?.has(chosen)) out.push(errors.unknownDriver(`driver "${chosen}" selected for ${key} in conf.d does not exist; available drivers: ${available(byFile.get(key))}`, { driver: chosen }));
      }
      return out;
    },
    list() {
      const out: DriverStatus[] = [];
      for (const [key, names] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
        const chosen = selectedName(key);
        for (const [name, list] of [...names].sort(([a], [b]) => a.localeCompare(b))) {
          for (const d of list) {
            const failure = list.length > 1 ? errors.driverConflict(`declared ${list.length} times`) : failures.get(d);
            out.push({
              file: key,
              name,
              origin: originLabel(d.origin),
              selected: name === chosen,
              status: failure ? failure.code : loaded.has(d) ? 'ok' : 'unloaded',
              ...(failure ? { error: failure.message } : {}),
            });
          }
        }
      }
      return out;
    },
  };
}
