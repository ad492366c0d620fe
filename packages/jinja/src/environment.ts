// The Environment: options, filters/tests/globals, the loader and the compiled-template cache.
import { CodeGenerator } from './compiler/codegen.js';
import { registerTemplate } from './debug.js';
import { TemplateNotFound, TemplatesNotFound, TemplateSyntaxError, typeError } from './errors.js';
import { DEFAULT_FILTERS } from './filters/index.js';
import { DEFAULT_GLOBALS } from './globals.js';
import { prepareSource, type LexerOptions } from './lexer.js';
import type { Loader } from './loaders.js';
import { Parser } from './parser.js';
import type { RuntimeEnvironment } from './runtime/context.js';
import { runtime } from './runtime/helpers.js';
import { iterate } from './runtime/protocol.js';
import { pyStr } from './runtime/repr.js';
import { Undefined, type UndefinedClass } from './runtime/undefined.js';
import { PY_TYPE } from './runtime/values.js';
import { Template, type CompiledModule } from './template.js';
import { DEFAULT_TESTS } from './tests.js';

export interface EnvironmentOptions {
  loader?: Loader | null;
  /** HTML autoescaping: a boolean or a function of the template name. Off by default. */
  autoescape?: boolean | ((templateName: string | null) => boolean);
  /** Undefined (default), ChainableUndefined, DebugUndefined or StrictUndefined. */
  undefined?: UndefinedClass;
  trimBlocks?: boolean;
  lstripBlocks?: boolean;
  keepTrailingNewline?: boolean;
  newlineSequence?: '\n' | '\r\n' | '\r';
  /** Applied to every `{{ expression }}` result before it is printed. */
  finalize?: ((value: unknown) => unknown) | null;
  /** Re-check template sources for changes (default true). */
  autoReload?: boolean;
  /** Minimum time between two checks of one template's source, in ms (default 1000). */
  reloadCheckInterval?: number;
  /** Compiled templates kept (least recently used are dropped); default 400, like Jinja. */
  cacheSize?: number;
}

function nullProto<T>(src: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, src);
}

export class Environment implements RuntimeEnvironment {
  loader: Loader | null;
  autoescape: boolean | ((templateName: string | null) => boolean);
  undefined: UndefinedClass;
  readonly trimBlocks: boolean;
  readonly lstripBlocks: boolean;
  readonly keepTrailingNewline: boolean;
  readonly newlineSequence: '\n' | '\r\n' | '\r';
  finalize: ((value: unknown) => unknown) | null;
  autoReload: boolean;
  reloadCheckInterval: number;
  readonly cacheSize: number;
  policies: Record<string, unknown> = {
    'urlize.rel': 'noopener',
    'urlize.target': null,
    'urlize.extra_schemes': null,
    'truncate.leeway': 5,
    'json.dumps_kwargs': { sort_keys: true },
  };
  private filtersTable: Record<string, unknown> = nullProto(DEFAULT_FILTERS);
  private testsTable: Record<string, unknown> = nullProto(DEFAULT_TESTS);
  private globalsTable: Record<string, unknown> = nullProto(DEFAULT_GLOBALS);
  private readonly cache = new Map<string, Template>();
  readonly [PY_TYPE] = 'Environment';

  constructor(options: EnvironmentOptions = {}) {
    this.loader = options.loader ?? null;
    this.autoescape = options.autoescape ?? false;
    this.undefined = options.undefined ?? Undefined;
    this.trimBlocks = options.trimBlocks ?? false;
    this.lstripBlocks = options.lstripBlocks ?? false;
    this.keepTrailingNewline = options.keepTrailingNewline ?? false;
    this.newlineSequence = options.newlineSequence ?? '\n';
    if (!['\n', '\r\n', '\r'].includes(this.newlineSequence)) throw new TypeError('newlineSequence must be one of "\\n", "\\r\\n", "\\r"');
    this.finalize = options.finalize ?? null;
    this.autoReload = options.autoReload ?? true;
    this.reloadCheckInterval = options.reloadCheckInterval ?? 1000;
    this.cacheSize = options.cacheSize ?? 400;
  }

  /** Filters by name; add functions to extend (see docs for keyword arguments). */
  get filters(): Record<string, unknown> {
    return this.filtersTable;
  }
  set filters(value: Record<string, unknown>) {
    this.filtersTable = nullProto(value);
  }
  get tests(): Record<string, unknown> {
    return this.testsTable;
  }
  set tests(value: Record<string, unknown>) {
    this.testsTable = nullProto(value);
  }
  get globals(): Record<string, unknown> {
    return this.globalsTable;
  }
  set globals(value: Record<string, unknown>) {
    this.globalsTable = nullProto(value);
  }

  isAutoescape(templateName: string | null): boolean {
    return typeof this.autoescape === 'function' ? !!this.autoescape(templateName) : this.autoescape;
  }

  private lexerOptions(): LexerOptions {
    return {
      trimBlocks: this.trimBlocks,
      lstripBlocks: this.lstripBlocks,
      keepTrailingNewline: this.keepTrailingNewline,
      newlineSequence: this.newlineSequence,
    };
  }

  /** Compiles source to the module of a template (without caching). */
  compileModule(source: string, name: string | null, filename: string | null = null): CompiledModule {
    try {
      const ast = new Parser(source, name, this.lexerOptions()).parse();
      const filters = this.filtersTable;
      const tests = this.testsTable;
      const generated = new CodeGenerator(
        {
          hasFilter: (n) => Object.prototype.hasOwnProperty.call(filters, n),
          hasTest: (n) => Object.prototype.hasOwnProperty.call(tests, n),
          finalize: this.finalize,
          fold: { filters, tests, environment: this },
          undefinedClass: this.undefined,
        },
        name,
      ).generate(ast, this.isAutoescape(name));
      const url = registerTemplate(name ?? filename, generated.lineMap);
      const factory = new Function('rt', 'env', `${generated.code}\n//# sourceURL=${url}`) as (rt: unknown, env: unknown) => CompiledModule;
      return factory(runtime, this);
    } catch (e) {
      if (e instanceof TemplateSyntaxError && e.sourceLine === null) e.withSource(prepareSource(source, this.keepTrailingNewline));
      throw e;
    }
  }

  /** A template from a source string (not cached, not loaded through the loader). */
  fromString(source: string, globals: Record<string, unknown> | null = null): Template {
    return new Template(this, this.compileModule(source, null), null, null, this.templateGlobals(globals), null);
  }

  private templateGlobals(extra: Record<string, unknown> | null): readonly Record<string, unknown>[] {
    if (!extra) return [this.globalsTable];
    return [nullProto(extra), this.globalsTable];
  }

  /** Jinja's join_path: how a name used inside `parent` is resolved (unchanged by default). */
  joinPath(template: string, _parent: string | null): string {
    return template;
  }

  private loadTemplate(name: string): Template {
    if (!this.loader) throw new TypeError('no loader for this environment specified');
    const cached = this.cache.get(name);
    const now = Date.now();
    if (cached) {
      if (!this.autoReload || !cached.uptodate || now - cached.checkedAt < this.reloadCheckInterval) {
        this.touch(name, cached);
        return cached;
      }
      cached.checkedAt = now;
      if (cached.uptodate()) {
        this.touch(name, cached);
        return cached;
      }
      this.cache.delete(name);
    }
    const src = this.loader.getSource(name);
    const template = new Template(this, this.compileModule(src.source, name, src.filename), name, src.filename, this.templateGlobals(null), src.uptodate);
    template.checkedAt = now;
    this.touch(name, template);
    return template;
  }

  private useCounter = 0;

  /** Marks a template as recently used; drops the least recently used one beyond cacheSize. */
  private touch(name: string, template: Template): void {
    template.lastUsed = ++this.useCounter;
    if (this.cache.get(name) === template) return;
    this.cache.set(name, template);
    if (this.cache.size > this.cacheSize && this.cacheSize > 0) {
      let oldest: string | null = null;
      let oldestUse = Infinity;
      for (const [key, t] of this.cache) {
        if (t.lastUsed < oldestUse) {
          oldestUse = t.lastUsed;
          oldest = key;
        }
      }
      if (oldest !== null) this.cache.delete(oldest);
    }
  }

  /** Drops every compiled template (they are recompiled on next use). */
  clearCache(): void {
    this.cache.clear();
  }

  getTemplate(name: unknown, parent: string | null = null): Template {
    if (name instanceof Template) return name;
    if (name instanceof Undefined) name.fail();
    if (typeof name !== 'string') throw typeError(`template name must be a string, not ${typeof name}`);
    return this.loadTemplate(parent !== null ? this.joinPath(name, parent) : name);
  }

  selectTemplate(names: unknown, parent: string | null = null): Template {
    if (names instanceof Undefined) names.fail();
    const list = names === null || names === undefined || names === '' || names === 0 || names === false ? [] : [...iterate(names)];
    if (!list.length) throw new TemplatesNotFound([], 'Tried to select from an empty list of templates.');
    for (const entry of list) {
      if (entry instanceof Template) return entry;
      try {
        if (entry instanceof Undefined) entry.fail();
        const n = parent !== null ? this.joinPath(entry as string, parent) : (entry as string);
        return this.loadTemplate(n);
      } catch (e) {
        if (!(e instanceof TemplateNotFound) && !(e instanceof Error && e.name === 'UndefinedError')) throw e;
      }
    }
    throw new TemplatesNotFound(list.map((n) => (n instanceof Undefined ? n.undefinedMessage : pyStr(n))));
  }

  getOrSelectTemplate(nameOrList: unknown, parent: string | null = null): Template {
    if (typeof nameOrList === 'string') return this.getTemplate(nameOrList, parent);
    if (nameOrList instanceof Template) return nameOrList;
    return this.selectTemplate(nameOrList, parent);
  }

  listTemplates(): string[] {
    if (!this.loader?.listTemplates) throw new TypeError('this loader cannot list templates');
    return this.loader.listTemplates();
  }
}
