// Compile-time constant folding with Jinja's exact rules (nodes.as_const + the optimizer).
// Folding is observable: a constant `~` yields a plain str even when an operand is Markup,
// and constant output is escaped according to the compile-time autoescape flag.
import type * as N from '../nodes.js';
import { callBuiltin, type Builtin } from '../runtime/callable.js';
import { isDictLike, dictEntries, PyDict } from '../runtime/dict.js';
import { getattr, getitem, slice } from '../runtime/lookup.js';
import { Markup } from '../runtime/markup.js';
import * as ops from '../runtime/operators.js';
import { truthy } from '../runtime/protocol.js';
import { pyStr } from '../runtime/repr.js';
import { Undefined } from '../runtime/undefined.js';
import { isTuple, PyFloat, pyFloat, PyRange, tuple } from '../runtime/values.js';
import type { CompileEvalContext } from './frame.js';

export const IMPOSSIBLE: unique symbol = Symbol('impossible');
type Folded = unknown;

/** What folding needs from the environment: the live filter/test tables and pass targets. */
export interface FoldEnvironment {
  filters: Record<string, unknown>;
  tests: Record<string, unknown>;
  /** The environment object handed to pass_environment / pass_eval_context functions. */
  environment: unknown;
}

const BINARY: Record<string, (a: unknown, b: unknown) => unknown> = {
  Add: ops.add,
  Sub: ops.sub,
  Mul: ops.mul,
  Div: ops.truediv,
  FloorDiv: ops.floordiv,
  Mod: ops.mod,
  Pow: ops.pow,
};

const COMPARE: Record<N.CompareOp, (a: unknown, b: unknown) => unknown> = {
  eq: ops.eq,
  ne: ops.ne,
  lt: ops.lt,
  lteq: ops.le,
  gt: ops.gt,
  gteq: ops.ge,
  in: (a, b) => ops.contains(b, a),
  notin: (a, b) => !ops.contains(b, a),
};

/** Thrown (a shared object, not an Error: no stack to capture) when folding is not possible. */
const IMPOSSIBLE_SIGNAL = { impossible: true };

function impossible(): never {
  throw IMPOSSIBLE_SIGNAL;
}

function attempt<T>(fn: () => T): T {
  try {
    return fn();
  } catch {
    return impossible();
  }
}

export class ConstFolder {
  constructor(
    private readonly env: FoldEnvironment,
    private readonly undefinedClass: new (...args: any[]) => Undefined,
  ) {}

  /** node.as_const(eval_ctx), or IMPOSSIBLE. */
  fold(node: N.Expr, evalCtx: CompileEvalContext): Folded | typeof IMPOSSIBLE {
    try {
      return this.asConst(node, evalCtx);
    } catch (e) {
      if (e === IMPOSSIBLE_SIGNAL) return IMPOSSIBLE;
      throw e;
    }
  }

  private asConst(node: N.Expr, ctx: CompileEvalContext): unknown {
    switch (node.type) {
      case 'Const': {
        const v = node.value;
        if (v !== null && typeof v === 'object') return pyFloat(v.float);
        return v;
      }
      case 'TemplateData':
        if (ctx.volatile) impossible();
        return ctx.autoescape ? new Markup(node.data) : node.data;
      case 'Tuple':
        return tuple(node.items.map((i) => this.asConst(i, ctx)));
      case 'List':
        return node.items.map((i) => this.asConst(i, ctx));
      case 'Dict': {
        const d = new PyDict();
        for (const p of node.items) {
          const k = this.asConst(p.key, ctx);
          const v = this.asConst(p.value, ctx);
          attempt(() => d.set(k, v));
        }
        return d;
      }
      case 'CondExpr':
        if (truthy(this.asConst(node.test, ctx))) return this.asConst(node.expr1, ctx);
        if (!node.expr2) impossible();
        return this.asConst(node.expr2, ctx);
      case 'BinExpr': {
        if (node.op === 'And') {
          const l = this.asConst(node.left, ctx);
          return truthy(l) ? this.asConst(node.right, ctx) : l;
        }
        if (node.op === 'Or') {
          const l = this.asConst(node.left, ctx);
          return truthy(l) ? l : this.asConst(node.right, ctx);
        }
        const l = this.asConst(node.left, ctx);
        const r = this.asConst(node.right, ctx);
        return attempt(() => BINARY[node.op](l, r));
      }
      case 'UnaryExpr': {
        const v = this.asConst(node.node, ctx);
        return attempt(() => (node.op === 'Not' ? !truthy(v) : node.op === 'Neg' ? ops.neg(v) : ops.pos(v)));
      }
      case 'Concat': {
        const parts = node.nodes.map((n) => this.asConst(n, ctx));
        return attempt(() => parts.map(pyStr).join(''));
      }
      case 'Compare': {
        let value = this.asConst(node.expr, ctx);
        let result: unknown = value;
        return attempt(() => {
          for (const op of node.ops) {
            const next = this.asConst(op.expr, ctx);
            result = COMPARE[op.op](value, next);
            if (!truthy(result)) return false;
            value = next;
          }
          return result;
        });
      }
      case 'Filter':
        if (!node.node) impossible();
        return this.callable(node, node.node, this.env.filters, ctx);
      case 'Test':
        return this.callable(node, node.node, this.env.tests, ctx);
      case 'Getattr': {
        const obj = this.asConst(node.node, ctx);
        return attempt(() => getattr(this.undefinedClass, obj, node.attr));
      }
      case 'Getitem': {
        const obj = this.asConst(node.node, ctx);
        if (node.arg.type === 'Slice') {
          const s = node.arg;
          const part = (e: N.Expr | null): unknown => (e ? this.asConst(e, ctx) : null);
          const [a, b, c] = [part(s.start), part(s.stop), part(s.step)];
          return attempt(() => slice(obj, a, b, c));
        }
        const key = this.asConst(node.arg, ctx);
        return attempt(() => getitem(this.undefinedClass, obj, key));
      }
      default:
        impossible();
    }
  }

  private callable(node: N.CallArgs & { name: string }, subject: N.Expr, table: Record<string, unknown>, ctx: CompileEvalContext): unknown {
    if (ctx.volatile) impossible();
    if (!Object.prototype.hasOwnProperty.call(table, node.name)) impossible();
    const fn = table[node.name] as Builtin;
    if (typeof fn !== 'function' || fn.jinjaPass === 'context') impossible();
    const args = node.args.map((a) => this.asConst(a, ctx));
    const kwargs: Record<string, unknown> = Object.create(null);
    for (const k of node.kwargs) kwargs[k.key] = this.asConst(k.value, ctx);
    if (node.dynArgs) {
      const dyn = this.asConst(node.dynArgs, ctx);
      attempt(() => {
        if (!Array.isArray(dyn)) impossible();
        args.push(...dyn);
      });
    }
    if (node.dynKwargs) {
      const dyn = this.asConst(node.dynKwargs, ctx);
      attempt(() => {
        for (const [k, v] of dictEntries(dyn)) kwargs[k as string] = v;
      });
    }
    const value = this.asConst(subject, ctx);
    const env = this.env.environment;
    const pass = {
      passContext: (): unknown => null,
      passEnvironment: (): unknown => env,
      passEvalContext: (): unknown => ({ autoescape: ctx.autoescape, volatile: ctx.volatile, environment: env }),
    };
    return attempt(() => callBuiltin(node.name, fn, [value], args, Object.keys(kwargs).length ? kwargs : null, pass));
  }
}

/** Jinja's has_safe_repr: values the optimizer may turn into literals. */
export function hasSafeRepr(v: unknown): boolean {
  if (v === null || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string') return true;
  if (v instanceof PyFloat || v instanceof Markup || v instanceof PyRange) return true;
  if (Array.isArray(v)) return v.every(hasSafeRepr);
  if (v instanceof PyDict) return v.entries().every(([k, x]) => hasSafeRepr(k) && hasSafeRepr(x));
  return false;
}

/** JS source recreating a folded constant (fresh containers on every evaluation). */
export function constCode(v: unknown, hoist: (code: string) => string): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : Number.isNaN(v) ? 'NaN' : String(v);
  if (v instanceof PyFloat) return hoist(`pyFloat(${Object.is(v.value, -0) ? '-0' : String(v.value)})`);
  if (v instanceof Markup) return hoist(`new Markup(${JSON.stringify(v.s)})`);
  if (v instanceof PyRange) return `new PyRange(${v.start}, ${v.stop}, ${v.step})`;
  if (Array.isArray(v)) {
    const inner = v.map((x) => constCode(x, hoist)).join(', ');
    return isTuple(v) ? `tuple([${inner}])` : `[${inner}]`;
  }
  if (isDictLike(v)) {
    return `dictLiteral([${dictEntries(v)
      .map(([k, x]) => `${constCode(k, hoist)}, ${constCode(x, hoist)}`)
      .join(', ')}])`;
  }
  throw new Error('internal: not a constant');
}
