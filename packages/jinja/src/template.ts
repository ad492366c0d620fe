// A compiled template: render(), and what includes, imports and extends need from it.
import { enrichError } from './debug.js';
import type { Environment } from './environment.js';
import { blankObject, Context, Scopes, type BlockFn, type RuntimeTemplate } from './runtime/context.js';
import { dictEntries, isDictLike } from './runtime/dict.js';
import { TemplateModule } from './runtime/objects.js';
import { isPlainObject, MISSING, PY_TYPE } from './runtime/values.js';

export interface CompiledModule {
  root: (ctx: Context) => string;
  blocks: Record<string, BlockFn>;
}

export class Template implements RuntimeTemplate {
  readonly blocks: Record<string, BlockFn>;
  private cachedModule: TemplateModule | null = null;
  /** Set by the environment's cache: when the source was last checked for changes. */
  checkedAt = 0;
  /** Set by the environment's cache (least recently used eviction). */
  lastUsed = 0;
  readonly [PY_TYPE] = 'Template';

  constructor(
    readonly environment: Environment,
    private readonly compiled: CompiledModule,
    readonly name: string | null,
    readonly filename: string | null,
    /** Variables every render of this template sees: its own globals (if any), then env.globals. */
    readonly globalLayers: readonly Record<string, unknown>[],
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

  newContext(vars: Scopes | Record<string, unknown> | null, shared: boolean, locals: Record<string, unknown> | null): Context {
    let scopes: Scopes;
    if (shared && vars instanceof Scopes) scopes = vars;
    else {
      const own = blankObject();
      if (vars) {
        if (vars instanceof Scopes) {
          for (let i = vars.layers.length - 1; i >= 0; i--) for (const k in vars.layers[i]) own[k] = vars.layers[i][k];
        } else if (isDictLike(vars) && !isPlainObject(vars)) {
          for (const [k, v] of dictEntries(vars)) if (typeof k === 'string') own[k] = v;
        } else for (const k of Object.keys(vars)) own[k] = vars[k];
      }
      scopes = new Scopes([own, ...this.globalLayers]);
    }
    if (locals) {
      let top: Record<string, unknown> | null = null;
      for (const k in locals) {
        if (locals[k] === MISSING) continue;
        top ??= blankObject();
        top[k] = locals[k];
      }
      if (top) scopes = scopes.with(top);
    }
    return new Context(this.environment, scopes, this.name, this.blocks);
  }

  makeModule(vars: Scopes | Record<string, unknown> | null = null, shared = false, locals: Record<string, unknown> | null = null): TemplateModule {
    const ctx = this.newContext(vars, shared, locals);
    const body = this.compiled.root(ctx);
    return new TemplateModule(this.name, ctx.getExported(), body);
  }

  /** The module of this template rendered without context (cached, as Jinja does). */
  defaultModule(): TemplateModule {
    return (this.cachedModule ??= this.makeModule());
  }

  /** The template's exported top-level variables and macros (Jinja's `template.module`). */
  get module(): TemplateModule {
    return this.defaultModule();
  }
}
