// The `rt` object handed to compiled templates: every operation generated code performs.
import { PythonError, TemplateNotFound, TemplateRuntimeError, typeError, valueError } from '../errors.js';
import { callBuiltin, callValue, fastInfo, mergeKwargs, type Builtin } from './callable.js';
import { Context, TemplateReference, type RuntimeEnvironment, type RuntimeTemplate } from './context.js';
import { dictEntries, dictSet, isDictLike, PyDict } from './dict.js';
import { LoopContext } from './loop.js';
import { callMethod as lookupCallMethod, getattr, getitem, pyAttr, slice } from './lookup.js';
import { Macro } from './macro.js';
import { escapeString, Markup } from './markup.js';
import { Namespace } from './objects.js';
import * as ops from './operators.js';
import { iterate, truthy } from './protocol.js';
import { pyRepr, pyStr } from './repr.js';
import { pyTypeName } from './types.js';
import { Undefined } from './undefined.js';
import { MISSING, PY_REPR, PY_TYPE, PyIter, pyFloat, PyRange, tuple, type Kwargs } from './values.js';

/** markupsafe.escape(x) as a plain string (for output under autoescape). */
export function escapeOut(x: unknown): string {
  if (typeof x === 'string') return escapeString(x);
  if (x instanceof Markup) return x.s;
  if (x instanceof Undefined) return x.toStr();
  return escapeString(pyStr(x));
}

function call(context: Context, fn: unknown, args: unknown[], kwargs: Kwargs | null): unknown {
  return callValue(fn, args, kwargs, context);
}

function callMethod(context: Context, obj: unknown, name: string, args: unknown[], kwargs: Kwargs | null): unknown {
  return lookupCallMethod(context.environment.undefined, obj, name, args, kwargs, context);
}

/**
 * A filter or test resolved at the start of a template function: the function plus what
 * its signature allows, in one monomorphic shape the call helpers below read.
 */
class Callee {
  readonly min: number;
  readonly max: number;
  /** 0: no extra argument; 1: the context; 2: the environment; 3: the eval context. */
  readonly pass: number;
  constructor(
    readonly fn: Builtin,
    readonly name: string,
  ) {
    const info = fastInfo(fn);
    this.min = info.min;
    this.max = info.max;
    this.pass = fn.jinjaPass === 'context' ? 1 : fn.jinjaPass === 'environment' ? 2 : fn.jinjaPass === 'evalContext' ? 3 : 0;
  }
}

function passFor(f: Callee, context: Context): unknown {
  return f.pass === 1 ? context : f.pass === 2 ? context.environment : context.evalCtx;
}

function missingCallee(kind: string, name: string): Callee {
  const fail = (): never => {
    throw new TemplateRuntimeError(`No ${kind} named '${name}' found.`);
  };
  return new Callee(fail, name);
}

function lookupFilter(env: RuntimeEnvironment, name: string): Callee {
  const fn = Object.prototype.hasOwnProperty.call(env.filters, name) ? env.filters[name] : undefined;
  return typeof fn === 'function' ? new Callee(fn as Builtin, name) : missingCallee('filter', name);
}

function lookupTest(env: RuntimeEnvironment, name: string): Callee {
  const fn = Object.prototype.hasOwnProperty.call(env.tests, name) ? env.tests[name] : undefined;
  return typeof fn === 'function' ? new Callee(fn as Builtin, name) : missingCallee('test', name);
}

function callFilter(context: Context, f: Callee, value: unknown, args: unknown[], kwargs: Kwargs | null): unknown {
  return callBuiltin(f.name, f.fn, [value], args, kwargs, context);
}

/** f(value) without allocating argument arrays when the signature allows it. */
function apply0(context: Context, f: Callee, value: unknown): unknown {
  if (f.min === 0) {
    const r = f.pass ? f.fn(passFor(f, context), value) : f.fn(value);
    return r === undefined ? null : r;
  }
  return callBuiltin(f.name, f.fn, [value], [], null, context);
}

function apply1(context: Context, f: Callee, value: unknown, a: unknown): unknown {
  if (f.min <= 1 && f.max >= 1) {
    const r = f.pass ? f.fn(passFor(f, context), value, a) : f.fn(value, a);
    return r === undefined ? null : r;
  }
  return callBuiltin(f.name, f.fn, [value], [a], null, context);
}

function apply2(context: Context, f: Callee, value: unknown, a: unknown, b: unknown): unknown {
  if (f.min <= 2 && f.max >= 2) {
    const r = f.pass ? f.fn(passFor(f, context), value, a, b) : f.fn(value, a, b);
    return r === undefined ? null : r;
  }
  return callBuiltin(f.name, f.fn, [value], [a, b], null, context);
}

function dictLiteral(flat: unknown[]): PyDict {
  const d = new PyDict();
  for (let i = 0; i < flat.length; i += 2) d.set(flat[i], flat[i + 1]);
  return d;
}

function kwargsOf(flat: unknown[]): Kwargs {
  const o: Kwargs = Object.create(null);
  for (let i = 0; i < flat.length; i += 2) o[flat[i] as string] = flat[i + 1];
  return o;
}

function spreadArgs(args: unknown[], dyn: unknown): unknown[] {
  return [...args, ...iterate(dyn)];
}

function spreadKwargs(kwargs: Kwargs | null, dyn: unknown): Kwargs | null {
  if (!isDictLike(dyn)) {
    if (dyn instanceof Undefined) dyn.fail();
    throw typeError(`argument after ** must be a mapping, not ${pyTypeName(dyn)}`);
  }
  const extra: Kwargs = Object.create(null);
  for (const [k, v] of dictEntries(dyn)) {
    if (typeof k !== 'string') throw typeError('keywords must be strings');
    dictSet(extra, k, v); // keeps Python order for integer-like names
  }
  return mergeKwargs(kwargs, extra);
}

function unpack(value: unknown, n: number): unknown[] {
  let items: unknown[];
  try {
    const it = iterate(value);
    items = Array.isArray(it) ? it : Array.from(it);
  } catch (e) {
    if (e instanceof PythonError && e.pythonType === 'TypeError') throw typeError(`cannot unpack non-iterable ${pyTypeName(value)} object`);
    throw e;
  }
  if (items.length > n) throw valueError(`too many values to unpack (expected ${n})`);
  if (items.length < n) throw valueError(`not enough values to unpack (expected ${n}, got ${items.length})`);
  return items;
}

function nsSet(ns: unknown, attr: string, value: unknown): void {
  if (!(ns instanceof Namespace)) throw new TemplateRuntimeError('cannot assign attribute on non-namespace object');
  ns.set(attr, value);
}

function registerBlocks(context: Context, parent: RuntimeTemplate): void {
  for (const name of Object.keys(parent.blocks)) {
    (context.blocks[name] ??= []).push(parent.blocks[name]);
  }
}

function importedName(env: RuntimeEnvironment, module: unknown, name: string, position: string): unknown {
  const v = pyAttr(module, name);
  if (v !== MISSING) return v;
  const modName = pyAttr(module, '__name__');
  return new env.undefined(
    `the template ${pyRepr(modName === MISSING ? null : modName)} (imported on ${position}) does not export the requested name ${pyRepr(name)}`,
    MISSING,
    name,
  );
}

class SliceObject {
  constructor(
    readonly start: unknown,
    readonly stop: unknown,
    readonly step: unknown,
  ) {}
  [PY_TYPE] = 'slice';
  [PY_REPR](): string {
    return `slice(${pyRepr(this.start)}, ${pyRepr(this.stop)}, ${pyRepr(this.step)})`;
  }
}

export const runtime = {
  MISSING,
  str: pyStr,
  escapeOut,
  truthy,
  getattr,
  getitem,
  slice,
  sliceObject: (a: unknown, b: unknown, c: unknown) => new SliceObject(a, b, c),
  callMethod,
  call,
  callFilter,
  callTest: callFilter,
  apply0,
  apply1,
  apply2,
  lookupFilter,
  lookupTest,
  add: ops.add,
  sub: ops.sub,
  mul: ops.mul,
  truediv: ops.truediv,
  floordiv: ops.floordiv,
  mod: ops.mod,
  pow: ops.pow,
  neg: ops.neg,
  pos: ops.pos,
  eq: ops.eq,
  ne: ops.ne,
  lt: ops.lt,
  le: ops.le,
  gt: ops.gt,
  ge: ops.ge,
  inOp: (item: unknown, container: unknown) => ops.contains(container, item),
  notIn: (item: unknown, container: unknown) => !ops.contains(container, item),
  concat: ops.concat,
  markupConcat: ops.markupConcat,
  tuple,
  dictLiteral,
  kwargsOf,
  localsOf: kwargsOf,
  spreadArgs,
  spreadKwargs,
  unpack,
  nsSet,
  iterate,
  pyFloat,
  Undefined,
  Macro,
  LoopContext,
  PyIter,
  PyRange,
  Markup,
  TemplateReference,
  TemplateRuntimeError,
  TemplateNotFound,
  registerBlocks,
  importedName,
};

export type Runtime = typeof runtime;
