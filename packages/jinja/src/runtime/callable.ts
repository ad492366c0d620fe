// Calling Python-style functions from templates: positional and keyword arguments bound to a
// declared parameter list, with Python's TypeErrors for bad calls.
import { typeError } from '../errors.js';
import { dictKeys, dictSet } from './dict.js';
import { pyTypeName } from './types.js';
import { Undefined } from './undefined.js';
import { hasOwn, type Kwargs, PY_CALL, PY_TYPE, PY_REPR, type PyObject } from './values.js';

/** What a builtin (filter, test, global, method) declares about its parameters. */
export interface BuiltinMeta {
  /** Parameter names; `name?` is optional, `*name` collects extra positionals, `**name` extra keywords. */
  jinjaParams?: readonly string[];
  /** Extra first argument the function wants: the Context, the Environment or the eval context. */
  jinjaPass?: 'context' | 'environment' | 'evalContext';
}

export type Builtin = ((...args: any[]) => unknown) & BuiltinMeta;

/** Attaches parameter metadata to a function (the way Jinja filters declare their signature). */
export function builtin<F extends (...args: any[]) => unknown>(params: readonly string[], fn: F, pass?: BuiltinMeta['jinjaPass']): F & BuiltinMeta {
  const f = fn as F & BuiltinMeta;
  f.jinjaParams = params;
  if (pass) f.jinjaPass = pass;
  return f;
}

/** Marks a function as wanting the active template Context as first argument (pass_context). */
export function passContext<F extends (...args: any[]) => unknown>(fn: F): F & BuiltinMeta {
  (fn as F & BuiltinMeta).jinjaPass = 'context';
  return fn as F & BuiltinMeta;
}

/** Marks a function as wanting the Environment as first argument (pass_environment). */
export function passEnvironment<F extends (...args: any[]) => unknown>(fn: F): F & BuiltinMeta {
  (fn as F & BuiltinMeta).jinjaPass = 'environment';
  return fn as F & BuiltinMeta;
}

/** Marks a function as wanting the eval context ({ autoescape, environment }) first (pass_eval_context). */
export function passEvalContext<F extends (...args: any[]) => unknown>(fn: F): F & BuiltinMeta {
  (fn as F & BuiltinMeta).jinjaPass = 'evalContext';
  return fn as F & BuiltinMeta;
}

interface ParsedParams {
  names: string[];
  required: number;
  varargs: number; // index of *args in the bound array, -1 if none
  varkw: number; // index of **kwargs, -1 if none
}

const parsedCache = new WeakMap<readonly string[], ParsedParams>();

function parseParams(params: readonly string[]): ParsedParams {
  let p = parsedCache.get(params);
  if (p) return p;
  const names: string[] = [];
  let required = 0;
  let varargs = -1;
  let varkw = -1;
  params.forEach((raw, i) => {
    if (raw.startsWith('**')) varkw = i;
    else if (raw.startsWith('*')) varargs = i;
    else {
      const optional = raw.endsWith('?');
      names.push(optional ? raw.slice(0, -1) : raw);
      if (!optional) required = names.length;
    }
  });
  p = { names, required, varargs, varkw };
  parsedCache.set(params, p);
  return p;
}

/**
 * Binds call arguments to a declared parameter list. Returns the positional array to spread
 * into the implementation (absent optionals are `undefined`, *args an array, **kwargs an object).
 */
export function bindArgs(fnName: string, params: readonly string[], args: unknown[], kwargs: Kwargs | null, leading = 0): unknown[] {
  const p = parseParams(params);
  const bound: unknown[] = new Array(p.names.length).fill(undefined);
  const filled: boolean[] = new Array(p.names.length).fill(false);
  const extra: unknown[] = [];
  for (let i = 0; i < args.length; i++) {
    if (i < p.names.length) {
      bound[i] = args[i];
      filled[i] = true;
    } else if (p.varargs >= 0) extra.push(args[i]);
    else {
      const max = p.names.length + leading;
      const min = p.required + leading;
      const takes = min === max ? `${max}` : `from ${min} to ${max}`;
      throw typeError(`${fnName}() takes ${takes} positional argument${max === 1 ? '' : 's'} but ${args.length + leading} were given`);
    }
  }
  let extraKw: Kwargs | null = null;
  if (kwargs) {
    for (const key of dictKeys(kwargs) as string[]) {
      const idx = p.names.indexOf(key);
      if (idx >= 0) {
        if (filled[idx]) throw typeError(`${fnName}() got multiple values for argument '${key}'`);
        bound[idx] = kwargs[key];
        filled[idx] = true;
      } else if (p.varkw >= 0) {
        extraKw ??= Object.create(null) as Kwargs;
        dictSet(extraKw, key, kwargs[key]);
      } else throw typeError(`${fnName}() got an unexpected keyword argument '${key}'`);
    }
  }
  for (let i = 0; i < p.required; i++) {
    if (!filled[i]) throw typeError(`${fnName}() missing 1 required positional argument: '${p.names[i]}'`);
  }
  const out = bound;
  // *args and **kwargs slots sit where they were declared relative to named parameters.
  if (p.varargs >= 0) out.splice(Math.min(p.varargs, out.length), 0, extra);
  if (p.varkw >= 0) out.push(extraKw ?? (Object.create(null) as Kwargs));
  return out;
}

/** A method bound to its receiver, e.g. the value of `'abc'.upper` before it is called. */
export class BoundMethod implements PyObject {
  constructor(
    readonly self: unknown,
    readonly name: string,
    readonly impl: Builtin,
  ) {}
  [PY_TYPE] = 'builtin_function_or_method';
  [PY_CALL](args: unknown[], kwargs: Kwargs | null, pass: PassTargets | null): unknown {
    return callBuiltin(this.name, this.impl, [this.self], args, kwargs, pass);
  }
  [PY_REPR](): string {
    return `<built-in method ${this.name} of ${pyTypeName(this.self)} object>`;
  }
}

/** Whatever the `jinjaPass` argument resolves to at a call site (implemented by Context). */
export interface PassTargets {
  passContext(): unknown;
  passEnvironment(): unknown;
  passEvalContext(): unknown;
}

const PASS_METHOD = { context: 'passContext', environment: 'passEnvironment', evalContext: 'passEvalContext' } as const;

/** Positional-argument range a builtin takes without binding work; null when it must bind. */
interface FastInfo {
  min: number;
  max: number;
  /** Declared as (*args) or (*args, **kwargs) only: arguments can be handed over as they are. */
  varargsOnly: boolean;
  withKwargs: boolean;
}

const FAST = Symbol('jinja.fast');
const NO_FAST: FastInfo = { min: 1, max: 0, varargsOnly: false, withKwargs: false };

/** Cached on the function: how many positional arguments can be passed straight through. */
export function fastInfo(fn: Builtin): FastInfo {
  const cached = (fn as unknown as Record<symbol, FastInfo | undefined>)[FAST];
  if (cached) return cached;
  let info: FastInfo;
  const params = fn.jinjaParams;
  if (!params) info = { min: 0, max: Infinity, varargsOnly: false, withKwargs: false };
  else {
    const p = parseParams(params);
    if (p.varargs >= 0 && p.names.length === 0) info = { ...NO_FAST, varargsOnly: true, withKwargs: p.varkw >= 0 };
    else info = p.varargs >= 0 || p.varkw >= 0 ? NO_FAST : { min: p.required, max: p.names.length, varargsOnly: false, withKwargs: false };
  }
  (fn as unknown as Record<symbol, FastInfo>)[FAST] = info;
  return info;
}

/** The extra first argument a builtin declared with jinjaPass. */
export function passArgument(fn: Builtin, pass: PassTargets | null): unknown {
  return pass ? pass[PASS_METHOD[fn.jinjaPass!]]() : null;
}

/** Calls a builtin with metadata: binds arguments and prepends leading values (self, filter value). */
export function callBuiltin(name: string, fn: Builtin, leading: unknown[], args: unknown[], kwargs: Kwargs | null, pass: PassTargets | null): unknown {
  let r: unknown;
  const info = fastInfo(fn);
  if (info.varargsOnly && (info.withKwargs || kwargs === null || !hasKeys(kwargs))) {
    const kw = info.withKwargs ? (kwargs ?? (Object.create(null) as Kwargs)) : undefined;
    if (fn.jinjaPass) r = info.withKwargs ? fn(passArgument(fn, pass), ...leading, args, kw) : fn(passArgument(fn, pass), ...leading, args);
    else r = info.withKwargs ? fn(...leading, args, kw) : fn(...leading, args);
    return r === undefined ? null : r;
  }
  if ((kwargs === null || !hasKeys(kwargs)) && args.length >= info.min && args.length <= info.max) {
    if (fn.jinjaPass) r = fn(passArgument(fn, pass), ...leading, ...args);
    else if (leading.length === 1) {
      const v = leading[0];
      r = args.length === 0 ? fn(v) : args.length === 1 ? fn(v, args[0]) : args.length === 2 ? fn(v, args[0], args[1]) : fn(v, ...args);
    } else r = fn(...leading, ...args);
    return r === undefined ? null : r;
  }
  const params = fn.jinjaParams;
  let bound: unknown[];
  if (params) bound = bindArgs(name, params, args, kwargs, leading.length);
  else {
    bound = args;
    if (kwargs && hasKeys(kwargs)) bound = [...args, kwargs];
  }
  r = fn.jinjaPass ? fn(passArgument(fn, pass), ...leading, ...bound) : fn(...leading, ...bound);
  return r === undefined ? null : r;
}

/** self.name(args) for a builtin method: like callBuiltin with one leading value, no arrays. */
export function callMethodBuiltin(name: string, fn: Builtin, self: unknown, args: unknown[], kwargs: Kwargs | null, pass: PassTargets | null): unknown {
  const info = fastInfo(fn);
  if ((kwargs === null || !hasKeys(kwargs)) && args.length >= info.min && args.length <= info.max && !fn.jinjaPass) {
    const r = args.length === 0 ? fn(self) : args.length === 1 ? fn(self, args[0]) : args.length === 2 ? fn(self, args[0], args[1]) : fn(self, ...args);
    return r === undefined ? null : r;
  }
  return callBuiltin(name, fn, [self], args, kwargs, pass);
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

/** Python callable() */
export function isCallable(x: unknown): boolean {
  if (typeof x === 'function') return true;
  return typeof x === 'object' && x !== null && typeof (x as Record<symbol, unknown>)[PY_CALL] === 'function';
}

/** Calls any template value: builtins, user functions, macros, bound methods, loop(), … */
export function callValue(fn: unknown, args: unknown[], kwargs: Kwargs | null, pass: PassTargets | null): unknown {
  if (typeof fn === 'function') return callBuiltin(fn.name || 'function', fn as Builtin, [], args, kwargs, pass);
  if (typeof fn === 'object' && fn !== null) {
    const c = (fn as PyObject)[PY_CALL];
    if (typeof c === 'function') return c.call(fn, args, kwargs, pass);
    if (fn instanceof Undefined) return fn.fail();
  }
  throw typeError(`'${pyTypeName(fn)}' object is not callable`);
}

/** Merges `**dict` into explicit keyword arguments (the template `f(**d)` form). */
export function mergeKwargs(kwargs: Kwargs | null, extra: Record<string, unknown> | null): Kwargs | null {
  if (!extra) return kwargs;
  const out: Kwargs = Object.create(null);
  if (kwargs) for (const k of dictKeys(kwargs) as string[]) dictSet(out, k, kwargs[k]);
  for (const k of dictKeys(extra) as string[]) {
    if (hasOwn(out, k)) throw typeError(`got multiple values for keyword argument '${k}'`);
    dictSet(out, k, extra[k]);
  }
  return out;
}
