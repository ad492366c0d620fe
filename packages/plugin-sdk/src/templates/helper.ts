/**
 * Renders a plugin's Jinja2 templates the reference way (provd-plugins.md §5): search path
 * `[<dir>/var/templates, <dir>/templates]` (admin overrides first, for extends/include too),
 * device lookup `<file>.tpl` → `<model>.tpl` → `base.tpl`, autoescape off, silent undefined,
 * trailing newline dropped.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { Environment, FileSystemLoader, TemplateError } from '@dialtone/jinja';
import type { Device } from '../device.js';
import { SdkError, SdkErrorCode, TemplateNotFoundError } from '../errors.js';
import { checkFileName } from '../file-name.js';
import type { FileSink } from '../plugin.js';
import { encodeText, type EncodeErrors } from './encode.js';

export interface TemplateHelperOptions {
  /** The plugin folder. */
  readonly dir: string;
  /** Overrides the search path (default `[<dir>/var/templates, <dir>/templates]`). */
  readonly searchPath?: readonly string[];
  /** Adds filters, tests or globals to the environment when it is created. */
  readonly setup?: (env: Environment) => void;
}

export interface RenderToOptions {
  /** utf-8 (default), latin-1 or ascii. */
  readonly encoding?: string;
  readonly errors?: EncodeErrors;
}

export interface TemplateHelper {
  readonly searchPath: readonly string[];
  /** The first candidate that exists in the search path; throws DT_ERR_TEMPLATE_NOT_FOUND. */
  resolve(candidates: string | readonly string[]): string;
  render(candidates: string | readonly string[], context: Record<string, unknown>): string;
  /** Renders, encodes and writes `name` into the sink. */
  renderTo(sink: FileSink, name: string, candidates: string | readonly string[], context: Record<string, unknown>, options?: RenderToOptions): Promise<void>;
  /**
   * Forgets resolved names and compiled templates. Edits to a template file already in use are
   * picked up by themselves (within a second); a newly added override needs this (or a reload).
   */
  invalidate(): void;
}

/** `['000fd3054848.cfg.tpl', 'D70.tpl', 'base.tpl']` for file `Digium/000fd3054848.cfg` of a D70. */
export function deviceTemplateCandidates(fileName: string, device: Pick<Device, 'model'>): string[] {
  const candidates = [`${basename(fileName)}.tpl`];
  if (typeof device.model === 'string' && device.model !== '' && !/[/\\]/.test(device.model)) candidates.push(`${device.model}.tpl`);
  candidates.push('base.tpl');
  return candidates;
}

export function createTemplateHelper(options: TemplateHelperOptions): TemplateHelper {
  const searchPath = Object.freeze([...(options.searchPath ?? [join(options.dir, 'var', 'templates'), join(options.dir, 'templates')])]);
  let env: Environment | null = null;
  // The template folders are listed once (per-device candidates like `<mac>.cfg.tpl` would
  // otherwise cost two stats per device and grow a cache without bound).
  let listing: Set<string> | null = null;

  const environment = (): Environment => {
    if (env) return env;
    env = new Environment({ loader: new FileSystemLoader([...searchPath]), autoescape: false, keepTrailingNewline: false, newlineSequence: '\n' });
    options.setup?.(env);
    return env;
  };

  const exists = (name: string): boolean => {
    listing ??= new Set(searchPath.flatMap(listTemplates));
    return isSafeTemplateName(name) && listing.has(name);
  };

  const resolve = (candidates: string | readonly string[]): string => {
    const list = typeof candidates === 'string' ? [candidates] : candidates;
    const name = list.find(exists);
    if (name === undefined) throw new TemplateNotFoundError(list, searchPath);
    return name;
  };

  const render = (candidates: string | readonly string[], context: Record<string, unknown>): string => {
    const name = resolve(candidates);
    try {
      return environment().getTemplate(name).render(context);
    } catch (err) {
      if (err instanceof SdkError) throw err;
      // Jinja errors carry the template and line where they happened (maybe an included one).
      const where = err instanceof TemplateError ? { template: err.templateName ?? name, line: err.lineno, jinjaCode: err.code } : { template: name };
      throw new SdkError(SdkErrorCode.TEMPLATE_RENDER, `rendering ${name}: ${(err as Error).message}`, { ...where, rendered: name }, { cause: err });
    }
  };

  return {
    searchPath,
    resolve,
    render,
    async renderTo(sink, name, candidates, context, renderOptions = {}) {
      checkFileName(name);
      const text = render(candidates, context);
      await sink.write(name, encodeText(text, renderOptions.encoding ?? 'utf-8', renderOptions.errors ?? 'strict'));
    },
    invalidate() {
      listing = null;
      env = null;
    },
  };
}

function isSafeTemplateName(name: string): boolean {
  return name !== '' && !name.startsWith('/') && !name.includes('\\') && !name.split('/').some((s) => s === '..' || s === '' || s === '.');
}

/** Every file under `dir` as a `/`-separated relative name; nothing when `dir` does not exist. */
function listTemplates(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile() || (e.isSymbolicLink() && isFile(join(e.parentPath, e.name))))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
