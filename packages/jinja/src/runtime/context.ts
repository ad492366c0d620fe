// The template context: variables passed to render (plus globals), variables set at the top
// level of the template, and the block stacks used by inheritance.
import type { PassTargets } from './callable.js';
import { Markup } from './markup.js';
import type { UndefinedClass } from './undefined.js';
import { MISSING, PY_CALL, PY_GETATTR, PY_GETITEM, PY_REPR, PY_TYPE } from './values.js';

export type BlockFn = (ctx: Context) => string;

export interface EvalContext {
  autoescape: boolean;
  volatile: boolean;
  environment: RuntimeEnvironment;
}

/** What compiled templates need from the Environment. */
export interface RuntimeEnvironment {
  undefined: UndefinedClass;
  filters: Record<string, unknown>;
  tests: Record<string, unknown>;
  globals: Record<string, unknown>;
  newlineSequence: string;
  policies: Record<string, unknown>;
  finalize: ((value: unknown) => unknown) | null;
  isAutoescape(templateName: string | null): boolean;
  getTemplate(name: unknown, parent?: string | null): RuntimeTemplate;
  selectTemplate(names: unknown, parent?: string | null): RuntimeTemplate;
  getOrSelectTemplate(nameOrList: unknown, parent?: string | null): RuntimeTemplate;
}

export interface RuntimeTemplate {
  readonly name: string | null;
  readonly blocks: Record<string, BlockFn>;
  rootRender(ctx: Context): string;
  newContext(vars: Scopes | Record<string, unknown> | null, shared: boolean, locals: Record<string, unknown> | null): Context;
  defaultModule(): unknown;
  makeModule(vars: Scopes | Record<string, unknown> | null, shared: boolean, locals: Record<string, unknown> | null): unknown;
}

/** A null-prototype object, so that lookups never reach Object.prototype. */
export function blankObject(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

/**
 * Variable layers a context reads, most specific first; each layer is a null-prototype object
 * that is never modified once shared (render variables, includer's locals, globals).
 */
export class Scopes {
  constructor(readonly layers: readonly Record<string, unknown>[]) {}
  lookup(key: string): unknown {
    for (const layer of this.layers) {
      const v = layer[key];
      if (v !== undefined) return v;
    }
    return undefined;
  }
  /** A copy with `top` in front. */
  with(top: Record<string, unknown>): Scopes {
    return new Scopes([top, ...this.layers]);
  }
}

export class Context implements PassTargets {
  /** Variables assigned at the template's top level. */
  vars: Record<string, unknown> = blankObject();
  exportedVars = new Set<string>();
  blocks: Record<string, BlockFn[]> = blankObject() as Record<string, BlockFn[]>;
  evalCtx: EvalContext;

  constructor(
    readonly environment: RuntimeEnvironment,
    /** Render variables and globals (Jinja's `parent`). */
    readonly scopes: Scopes,
    readonly name: string | null,
    blocks: Record<string, BlockFn>,
  ) {
    for (const k in blocks) this.blocks[k] = [blocks[k]];
    this.evalCtx = { autoescape: environment.isAutoescape(name), volatile: false, environment };
  }

  [PY_TYPE] = 'Context';

  /** Value of a variable, or MISSING. A JS `undefined` value counts as missing. */
  resolveOrMissing(key: string): unknown {
    let v = this.vars[key];
    if (v !== undefined) return v;
    v = this.scopes.lookup(key);
    return v === undefined ? MISSING : v;
  }

  resolve(key: string): unknown {
    const v = this.resolveOrMissing(key);
    return v === MISSING ? new this.environment.undefined(null, MISSING, key) : v;
  }

  /** What an include or import `with context` sees: a snapshot of top-level vars over the parent. */
  shareScopes(): Scopes {
    for (const _ in this.vars) {
      const snapshot = blankObject();
      for (const k in this.vars) snapshot[k] = this.vars[k];
      return this.scopes.with(snapshot);
    }
    return this.scopes;
  }

  /** All variables as one flat null-prototype object (a fresh copy). */
  getAll(): Record<string, unknown> {
    const out = blankObject();
    const layers = this.shareScopes().layers;
    for (let i = layers.length - 1; i >= 0; i--) for (const k in layers[i]) out[k] = layers[i][k];
    return out;
  }

  getExported(): Record<string, unknown> {
    const out = blankObject();
    for (const k of this.exportedVars) out[k] = this.vars[k];
    return out;
  }

  /** A new context sharing this one's variables (plus `locals`) and block stacks. */
  derived(locals: Record<string, unknown> | null): Context {
    let scopes = this.shareScopes();
    if (locals) {
      const top = blankObject();
      for (const k in locals) if (locals[k] !== MISSING) top[k] = locals[k];
      scopes = scopes.with(top);
    }
    const ctx = new Context(this.environment, scopes, this.name, {});
    ctx.evalCtx = this.evalCtx;
    for (const k in this.blocks) ctx.blocks[k] = this.blocks[k].slice();
    return ctx;
  }

  /** The parent block of `current` for super(); Undefined when there is none. */
  superBlock(name: string, current: BlockFn): unknown {
    const stack = this.blocks[name];
    const index = stack ? stack.indexOf(current) + 1 : 0;
    if (!stack || index <= 0 || index >= stack.length) {
      return new this.environment.undefined(`there is no parent block called '${name}'.`, MISSING, 'super');
    }
    return new BlockReference(name, this, stack, index);
  }

  passContext(): unknown {
    return this;
  }
  passEnvironment(): unknown {
    return this.environment;
  }
  passEvalContext(): unknown {
    return this.evalCtx;
  }
}

/** One block of `self` (or `super()`), callable to render it. */
export class BlockReference {
  constructor(
    readonly name: string,
    private readonly ctx: Context,
    private readonly stack: BlockFn[],
    private readonly depth: number,
  ) {}
  [PY_TYPE] = 'BlockReference';
  [PY_CALL](): unknown {
    const rv = this.stack[this.depth](this.ctx);
    return this.ctx.evalCtx.autoescape ? new Markup(rv) : rv;
  }
  [PY_GETATTR](name: string): unknown {
    if (name === 'super') {
      if (this.depth + 1 >= this.stack.length) {
        return new this.ctx.environment.undefined(`there is no parent block called '${this.name}'.`, MISSING, 'super');
      }
      return new BlockReference(this.name, this.ctx, this.stack, this.depth + 1);
    }
    return MISSING;
  }
}

/** The `self` variable of templates: `self.blockname()` renders a block again. */
export class TemplateReference {
  constructor(private readonly ctx: Context) {}
  [PY_TYPE] = 'TemplateReference';
  [PY_GETITEM](key: unknown): unknown {
    const stack = typeof key === 'string' ? this.ctx.blocks[key] : undefined;
    return stack ? new BlockReference(key as string, this.ctx, stack, 0) : MISSING;
  }
  [PY_REPR](): string {
    return `<TemplateReference ${this.ctx.name === null ? 'None' : `'${this.ctx.name}'`}>`;
  }
}
