// A compiled template: render(), and what includes, imports and extends need from it.
import { enrichError } from './debug.js';
import type { Environment } from './environment.js';
import { blankObject, Context, type BlockFn, type RuntimeTemplate } from './runtime/context.js';
import { dictEntries, isDictLike } from './runtime/dict.js';
import { TemplateModule } from './runtime/objects.js';
import { MISSING, PY_TYPE } from './runtime/values.js';

export interface CompiledModule {
  root: (ctx: Context) => string;
  blocks: Record<string, BlockFn>;
}

export class Template implements RuntimeTemplate {
  readonly blocks: Record<string, BlockFn>;
  private module: TemplateModule | null = null;
  /** Set by the environment's cache: when the source was last checked for changes. */
  checkedAt = 0;
  readonly [PY_TYPE] = 'Template';

  constructor(
    readonly environment: Environment,
    private readonly compiled: CompiledModule,
    readonly name: string | null,
    readonly filename: string | null,
    /** Variables every render of this template sees (null-prototype, chained to env.globals). */
    readonly globals: Record<string, unknown>,
    readonly uptodate: (() => boolean) | null,
  ) {
    this.blocks = compiled.blocks;
  }

  /** Renders with `vars` (a plain object, Map or PyDict of variable names to values). */
  render(vars: Record<string, unknown> | Map<string, unknown> = {}): string {
    const ctx = this.newContext(vars as Record<string, unknown>, false, null);
    try {
      return this.compiled.root(ctx);
    } catch (e) {
      throw enrichError(e);
    }
  }

  rootRender(ctx: Context): string {
    return this.compiled.root(ctx);
  }

  newContext(vars: Record<string, unknown> | null, shared: boolean, locals: Record<string, unknown> | null): Context {
    let parent: Record<string, unknown>;
    if (shared && vars) {
      parent = vars;
      if (locals) {
        parent = blankObject();
        for (const k in vars) parent[k] = vars[k];
      }
    } else {
      parent = Object.create(this.globals) as Record<string, unknown>;
      if (vars) {
        if (isDictLike(vars) && Object.getPrototypeOf(vars) !== Object.prototype && Object.getPrototypeOf(vars) !== null) {
          for (const [k, v] of dictEntries(vars)) if (typeof k === 'string') parent[k] = v;
        } else for (const k of Object.keys(vars)) parent[k] = vars[k];
      }
    }
    if (locals) for (const k of Object.keys(locals)) if (locals[k] !== MISSING) parent[k] = locals[k];
    return new Context(this.environment, parent, this.name, this.blocks);
  }

  makeModule(vars: Record<string, unknown> | null = null, shared = false, locals: Record<string, unknown> | null = null): TemplateModule {
    const ctx = this.newContext(vars, shared, locals);
    const body = this.compiled.root(ctx);
    return new TemplateModule(this.name, ctx.getExported(), body);
  }

  /** The module of this template rendered without context (cached, as Jinja does). */
  defaultModule(): TemplateModule {
    return (this.module ??= this.makeModule());
  }

  /** The template's top-level exported variables and macros (Jinja's `template.module`). */
  get moduleExports(): TemplateModule {
    return this.defaultModule();
  }
}
