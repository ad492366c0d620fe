// Template loaders: where template sources come from (Jinja's loaders module).
import { readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { TemplateNotFound } from './errors.js';

export interface TemplateSource {
  source: string;
  /** File the source came from, if any (shown in errors). */
  filename: string | null;
  /** Returns false once the source changed (drives the compiled-template cache). */
  uptodate: (() => boolean) | null;
}

export interface Loader {
  getSource(name: string): TemplateSource;
  listTemplates?(): string[];
}

/** Splits a template name into path pieces; `..` (and backslashes) never escape the search path. */
export function splitTemplatePath(template: string): string[] {
  const pieces: string[] = [];
  for (const piece of template.split('/')) {
    if (piece.includes(sep) || piece.includes('\\') || piece === '..') throw new TemplateNotFound(template);
    if (piece && piece !== '.') pieces.push(piece);
  }
  return pieces;
}

function decode(buf: Buffer, encoding: string): string {
  const enc = encoding.toLowerCase().replace(/[-_]/g, '');
  if (enc === 'utf8') return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf);
  if (enc === 'latin1' || enc === 'iso88591') return buf.toString('latin1');
  if (enc === 'ascii') {
    if (buf.some((b) => b > 0x7f)) throw new Error(`cannot decode template as ascii`);
    return buf.toString('latin1');
  }
  return new TextDecoder(encoding, { fatal: true }).decode(buf);
}

export interface FileSystemLoaderOptions {
  /** Source encoding, 'utf-8' by default. */
  encoding?: string;
}

/** Loads templates from folders; the first folder holding the name wins (overrides first). */
export class FileSystemLoader implements Loader {
  readonly searchPath: string[];
  readonly encoding: string;

  constructor(searchPath: string | string[], options: FileSystemLoaderOptions = {}) {
    this.searchPath = Array.isArray(searchPath) ? [...searchPath] : [searchPath];
    this.encoding = options.encoding ?? 'utf-8';
  }

  getSource(template: string): TemplateSource {
    const pieces = splitTemplatePath(template);
    for (const dir of this.searchPath) {
      const filename = join(dir, ...pieces);
      let mtime: number;
      try {
        const st = statSync(filename);
        if (!st.isFile()) continue;
        mtime = st.mtimeMs;
      } catch {
        continue;
      }
      const source = decode(readFileSync(filename), this.encoding);
      const uptodate = (): boolean => {
        try {
          return statSync(filename).mtimeMs === mtime;
        } catch {
          return false;
        }
      };
      return { source, filename, uptodate };
    }
    throw new TemplateNotFound(template);
  }
}

/** Templates held in memory, by name. */
export class DictLoader implements Loader {
  constructor(readonly mapping: Record<string, string>) {}
  getSource(template: string): TemplateSource {
    if (!Object.prototype.hasOwnProperty.call(this.mapping, template)) throw new TemplateNotFound(template);
    const source = this.mapping[template];
    return { source, filename: null, uptodate: () => this.mapping[template] === source };
  }
  listTemplates(): string[] {
    return Object.keys(this.mapping).sort();
  }
}

export type LoadFunction = (name: string) => string | Partial<TemplateSource> | null | undefined;

/** Templates produced by a function (null/undefined for "not found"). */
export class FunctionLoader implements Loader {
  constructor(private readonly load: LoadFunction) {}
  getSource(template: string): TemplateSource {
    const rv = this.load(template);
    if (rv === null || rv === undefined) throw new TemplateNotFound(template);
    if (typeof rv === 'string') return { source: rv, filename: null, uptodate: null };
    return { source: rv.source ?? '', filename: rv.filename ?? null, uptodate: rv.uptodate ?? null };
  }
}

/** Tries several loaders in order. */
export class ChoiceLoader implements Loader {
  constructor(readonly loaders: Loader[]) {}
  getSource(template: string): TemplateSource {
    for (const loader of this.loaders) {
      try {
        return loader.getSource(template);
      } catch (e) {
        if (!(e instanceof TemplateNotFound)) throw e;
      }
    }
    throw new TemplateNotFound(template);
  }
}

/** Dispatches on a name prefix: `prefix/name` goes to mapping[prefix]. */
export class PrefixLoader implements Loader {
  constructor(
    readonly mapping: Record<string, Loader>,
    readonly delimiter = '/',
  ) {}
  getSource(template: string): TemplateSource {
    const i = template.indexOf(this.delimiter);
    const prefix = i < 0 ? template : template.slice(0, i);
    const rest = i < 0 ? '' : template.slice(i + this.delimiter.length);
    const loader = Object.prototype.hasOwnProperty.call(this.mapping, prefix) ? this.mapping[prefix] : undefined;
    if (!loader) throw new TemplateNotFound(template);
    try {
      return loader.getSource(rest);
    } catch (e) {
      if (e instanceof TemplateNotFound) throw new TemplateNotFound(template);
      throw e;
    }
  }
}
