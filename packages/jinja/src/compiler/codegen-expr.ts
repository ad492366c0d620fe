// Expression code generation: every template expression becomes a JS expression over the
// runtime helpers (Python semantics live in the runtime, not in generated code).
import { TemplateAssertionError } from '../errors.js';
import type * as N from '../nodes.js';
import type { Undefined } from '../runtime/undefined.js';
import { constCode, ConstFolder, hasSafeRepr, IMPOSSIBLE, type FoldEnvironment } from './fold.js';
import type { Frame } from './frame.js';
import { CodeWriter } from './writer.js';

const BINOPS: Record<string, string> = {
  Add: 'add',
  Sub: 'sub',
  Mul: 'mul',
  Div: 'truediv',
  FloorDiv: 'floordiv',
  Mod: 'mod',
  Pow: 'pow',
};

const COMPARE: Record<N.CompareOp, string> = {
  eq: 'eq',
  ne: 'ne',
  lt: 'lt',
  lteq: 'le',
  gt: 'gt',
  gteq: 'ge',
  in: 'inOp',
  notin: 'notIn',
};

export interface CompilerEnvironment {
  hasFilter(name: string): boolean;
  hasTest(name: string): boolean;
  readonly finalize: ((value: unknown) => unknown) | null;
  readonly fold: FoldEnvironment;
  readonly undefinedClass: new (...args: any[]) => Undefined;
}

const INLINE_ATTR = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LOOP_ATTRIBUTES = new Set(['index', 'index0', 'first', 'last', 'length', 'revindex', 'revindex0', 'depth', 'depth0', 'previtem', 'nextitem']);
/** Attribute names that need the runtime: dict methods and Object.prototype members. */
const SPECIAL_ATTRS = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  '__proto__',
  'clear',
  'copy',
  'fromkeys',
  'get',
  'items',
  'keys',
  'values',
  'pop',
  'popitem',
  'setdefault',
  'update',
]);

/** Expression nodes Jinja's optimizer may fold (its @optimizeconst visitors). */
const FOLDABLE = new Set(['BinExpr', 'UnaryExpr', 'Concat', 'Compare', 'Getattr', 'Getitem', 'Filter', 'Test', 'CondExpr']);

export class CompileExit extends Error {}

export class ExprCompiler {
  protected readonly w = new CodeWriter();
  protected readonly filterIds = new Map<string, string>();
  protected readonly testIds = new Map<string, string>();
  /** Hoisted constants (integral floats), emitted once at module level. */
  protected readonly constants: string[] = [];
  private readonly constIds = new Map<string, string>();
  /** Parameters not yet assigned while macro defaults are evaluated. */
  protected paramDefs: Set<string>[] = [];

  protected readonly folder: ConstFolder;

  constructor(
    protected readonly env: CompilerEnvironment,
    protected readonly name: string | null,
  ) {
    this.folder = new ConstFolder(env.fold, env.undefinedClass);
  }

  fail(msg: string, lineno: number): never {
    throw new TemplateAssertionError(msg, lineno, this.name);
  }

  protected position(node: { lineno: number }): string {
    return this.name === null ? `line ${node.lineno}` : `line ${node.lineno} in '${this.name}'`;
  }

  protected hoist(code: string): string {
    let id = this.constIds.get(code);
    if (!id) {
      id = `c_${this.constIds.size + 1}`;
      this.constIds.set(code, id);
      this.constants.push(`const ${id} = ${code};`);
    }
    return id;
  }

  protected constant(value: N.Const['value']): string {
    if (value === null) return 'null';
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (typeof value === 'string') return JSON.stringify(value);
    if (typeof value === 'bigint') return `${value}n`;
    if (typeof value === 'number') return String(value);
    const f = value.float;
    if (Number.isInteger(f)) return this.hoist(`pyFloat(${f})`);
    if (f === Infinity) return 'Infinity';
    return String(f);
  }

  expr(node: N.Expr, frame: Frame): string {
    if (FOLDABLE.has(node.type) && !frame.evalCtx.volatile) {
      const v = this.folder.fold(node, frame.evalCtx);
      if (v !== IMPOSSIBLE && hasSafeRepr(v)) return constCode(v, (c) => this.hoist(c));
    }
    switch (node.type) {
      case 'Name':
        return this.name_(node, frame);
      case 'Const':
        return this.constant(node.value);
      case 'TemplateData':
        return JSON.stringify(node.data);
      case 'Tuple':
        return `tuple([${node.items.map((i) => this.expr(i, frame)).join(', ')}])`;
      case 'List':
        return `[${node.items.map((i) => this.expr(i, frame)).join(', ')}]`;
      case 'Dict':
        return `dictLiteral([${node.items.map((p) => `${this.expr(p.key, frame)}, ${this.expr(p.value, frame)}`).join(', ')}])`;
      case 'CondExpr':
        return this.condExpr(node, frame);
      case 'BinExpr':
        return this.binExpr(node, frame);
      case 'UnaryExpr': {
        const inner = this.expr(node.node, frame);
        if (node.op === 'Not') return `!truthy(${inner})`;
        return `${node.op === 'Neg' ? 'neg' : 'pos'}(${inner})`;
      }
      case 'Concat': {
        const parts = node.nodes.map((n) => this.expr(n, frame)).join(', ');
        // Jinja tests the runtime eval context's `volatile` flag here, which is never set: str join.
        if (frame.evalCtx.volatile || !frame.evalCtx.autoescape) return `(${node.nodes.map((n) => `str(${this.expr(n, frame)})`).join(' + ')})`;
        return `markupConcat([${parts}])`;
      }
      case 'Compare':
        return this.compare(node, frame);
      case 'Call':
        return this.call(node, frame);
      case 'Filter':
        return this.filter(node, frame, null);
      case 'Test':
        return this.test(node, frame);
      case 'Getattr':
        return this.getattr(node, frame);
      case 'Getitem':
        if (node.arg.type === 'Slice') {
          const s = node.arg;
          const part = (e: N.Expr | null): string => (e ? this.expr(e, frame) : 'null');
          return `slice(${this.expr(node.node, frame)}, ${part(s.start)}, ${part(s.stop)}, ${part(s.step)})`;
        }
        return `getitem(undef, ${this.expr(node.node, frame)}, ${this.expr(node.arg, frame)})`;
      case 'Slice':
        return `sliceObject(${[node.start, node.stop, node.step].map((e) => (e ? this.expr(e, frame) : 'null')).join(', ')})`;
      case 'NSRef':
        return this.fail('namespace references can only be assigned to', node.lineno);
    }
  }

  /**
   * obj.attr. For names that can never be a dict method or an Object.prototype member, plain
   * data objects are read inline (a monomorphic property load); everything else goes through
   * the runtime's getattr.
   */
  private getattr(node: N.Getattr, frame: Frame): string {
    const loopAttr = this.loopAttribute(node, frame);
    if (loopAttr) return loopAttr;
    const obj = this.expr(node.node, frame);
    const key = JSON.stringify(node.attr);
    if (!INLINE_ATTR.test(node.attr) || SPECIAL_ATTRS.has(node.attr)) return `getattr(undef, ${obj}, ${key})`;
    const o = this.w.temp();
    const v = this.w.temp();
    return `((${o} = ${obj}) !== null && typeof ${o} === 'object' && protoOf(${o}) === OBJECT_PROTO && (${v} = ${o}.${node.attr}) !== undefined ? ${v} : getattr(undef, ${o}, ${key}))`;
  }

  /** `loop.index` and friends on a loop variable the compiler bound itself: a direct read. */
  private loopAttribute(node: N.Getattr, frame: Frame): string | null {
    if (node.node.type !== 'Name' || node.node.name !== 'loop' || !LOOP_ATTRIBUTES.has(node.attr)) return null;
    const scope = frame.symbols.definingScope('loop');
    const ref = scope?.refs.get('loop');
    if (!scope || !ref || scope.loopContextRef !== ref) return null;
    return `${ref}.${node.attr}`;
  }

  /** A JS boolean for an if/elif/ternary test; comparisons and `not` already are booleans. */
  condition(node: N.Expr, frame: Frame): string {
    const code = this.expr(node, frame);
    if (node.type === 'Compare' || (node.type === 'UnaryExpr' && node.op === 'Not') || code === 'true' || code === 'false') return code;
    return `truthy(${code})`;
  }

  private name_(node: N.Name, frame: Frame): string {
    const ref = frame.symbols.ref(node.name);
    if (node.ctx === 'load') {
      const load = frame.symbols.findLoad(ref);
      const isParam = load?.kind === 'param' && !this.paramIsUndeclared(ref);
      if (!isParam) return `(${ref} === MISSING ? undefName(${JSON.stringify(node.name)}) : ${ref})`;
    }
    return ref;
  }

  private paramIsUndeclared(ref: string): boolean {
    const top = this.paramDefs[this.paramDefs.length - 1];
    return top ? top.has(ref) : false;
  }

  private condExpr(node: N.CondExpr, outer: Frame): string {
    const frame = outer.soft();
    const test = this.condition(node.test, frame);
    const a = this.expr(node.expr1, frame);
    const b = node.expr2
      ? this.expr(node.expr2, frame)
      : `new Undefined(${JSON.stringify(`the inline if-expression on ${this.position(node)} evaluated to false and no else section was defined.`)})`;
    return `(${test} ? ${a} : ${b})`;
  }

  private binExpr(node: N.BinExpr, frame: Frame): string {
    const left = this.expr(node.left, frame);
    const right = this.expr(node.right, frame);
    if (node.op === 'And' || node.op === 'Or') {
      const t = this.w.temp();
      return node.op === 'And' ? `(truthy(${t} = ${left}) ? ${right} : ${t})` : `(truthy(${t} = ${left}) ? ${t} : ${right})`;
    }
    return `${BINOPS[node.op]}(${left}, ${right})`;
  }

  private compare(node: N.Compare, frame: Frame): string {
    if (node.ops.length === 1) {
      const op = node.ops[0];
      return `${COMPARE[op.op]}(${this.expr(node.expr, frame)}, ${this.expr(op.expr, frame)})`;
    }
    // a < b < c: each middle operand is evaluated once, evaluation stops at the first false
    let prev = this.w.temp();
    const parts: string[] = [`(${prev} = ${this.expr(node.expr, frame)}, `];
    const tests: string[] = [];
    for (const op of node.ops) {
      const cur = this.w.temp();
      tests.push(`(${cur} = ${this.expr(op.expr, frame)}, ${COMPARE[op.op]}(${prev}, ${cur}))`);
      prev = cur;
    }
    return `${parts[0]}${tests.join(' && ')})`;
  }

  /** `[args], kwargs` as JS source, folding *args / **kwargs in. */
  protected signature(node: N.CallArgs, frame: Frame, extraKwargs: [string, string][] = []): string {
    let args = `[${node.args.map((a) => this.expr(a, frame)).join(', ')}]`;
    if (node.dynArgs) args = `spreadArgs(${args}, ${this.expr(node.dynArgs, frame)})`;
    const kw = [...node.kwargs.map((k) => [k.key, this.expr(k.value, frame)] as [string, string]), ...extraKwargs];
    let kwargs = kw.length ? `kwargsOf([${kw.map(([k, v]) => `${JSON.stringify(k)}, ${v}`).join(', ')}])` : 'null';
    if (node.dynKwargs) kwargs = `spreadKwargs(${kwargs}, ${this.expr(node.dynKwargs, frame)})`;
    return `${args}, ${kwargs}`;
  }

  protected call(node: N.Call, frame: Frame, extraKwargs: [string, string][] = []): string {
    const sig = this.signature(node, frame, extraKwargs);
    if (node.node.type === 'Getattr') {
      return `callMethod(context, ${this.expr(node.node.node, frame)}, ${JSON.stringify(node.node.attr)}, ${sig})`;
    }
    return `call(context, ${this.expr(node.node, frame)}, ${sig})`;
  }

  protected dependency(kind: 'filter' | 'test', name: string, node: { lineno: number }, frame: Frame): string {
    const ids = kind === 'filter' ? this.filterIds : this.testIds;
    let id = ids.get(name);
    if (!id) {
      id = `${kind === 'filter' ? 'f' : 'x'}_${ids.size + 1}`;
      ids.set(name, id);
    }
    const known = kind === 'filter' ? this.env.hasFilter(name) : this.env.hasTest(name);
    if (!known && !frame.softFrame) this.fail(`No ${kind} named '${name}'.`, node.lineno);
    return id;
  }

  /** A filter/test call; small positional-only calls avoid allocating argument arrays. */
  private applyCall(generic: string, id: string, node: N.Filter | N.Test, value: string, frame: Frame): string {
    if (!node.kwargs.length && !node.dynArgs && !node.dynKwargs && node.args.length <= 2) {
      const args = node.args.map((a) => `, ${this.expr(a, frame)}`).join('');
      return `apply${node.args.length}(context, ${id}, ${value}${args})`;
    }
    return `${generic}(context, ${id}, ${value}, ${this.signature(node, frame)})`;
  }

  /** `bodyValue` replaces node.node for {% filter %} blocks and filtered {% set %} blocks. */
  protected filter(node: N.Filter, frame: Frame, bodyValue: string | null): string {
    const id = this.dependency('filter', node.name, node, frame);
    let value: string;
    if (!node.node) value = bodyValue!;
    else if (bodyValue !== null && node.node.type === 'Filter') value = this.filter(node.node, frame, bodyValue);
    else value = this.expr(node.node, frame);
    return this.applyCall('callFilter', id, node, value, frame);
  }

  private test(node: N.Test, frame: Frame): string {
    const id = this.dependency('test', node.name, node, frame);
    return this.applyCall('callTest', id, node, this.expr(node.node, frame), frame);
  }
}
