// Helpers shared by the built-in filters: soft_str, attribute getters, filter/test calls.
import { FilterArgumentError, TemplateRuntimeError } from '../errors.js';
import { callBuiltin, type Builtin } from '../runtime/callable.js';
import type { Context, EvalContext, RuntimeEnvironment } from '../runtime/context.js';
import { getitem } from '../runtime/lookup.js';
import { Markup } from '../runtime/markup.js';
import { pyStr } from '../runtime/repr.js';
import { Undefined } from '../runtime/undefined.js';
import { hasOwn, type Kwargs } from '../runtime/values.js';

/** markupsafe.soft_str: str() unless the value already is a str (Markup stays Markup). */
export function softStr(x: unknown): string | Markup {
  if (typeof x === 'string' || x instanceof Markup) return x;
  return pyStr(x);
}

/** The text of a str or Markup. */
export function text(x: string | Markup): string {
  return typeof x === 'string' ? x : x.s;
}

/** Rewraps a result in Markup when the input was Markup (markupsafe's escaping methods). */
export function same(input: string | Markup, result: string): string | Markup {
  return input instanceof Markup ? new Markup(result) : result;
}

export function ignoreCase(x: unknown): unknown {
  if (typeof x === 'string') return x.toLowerCase();
  if (x instanceof Markup) return new Markup(x.s.toLowerCase());
  return x;
}

type Part = string | number;

function attributeParts(attribute: unknown): Part[] {
  if (attribute === null || attribute === undefined) return [];
  if (typeof attribute === 'string' || attribute instanceof Markup) {
    return text(attribute)
      .split('.')
      .map((p) => (/^[0-9]+$/.test(p) ? Number(p) : p));
  }
  return [attribute as Part];
}

/** Jinja's make_attrgetter: dotted paths ("address.city", "items.0"), item lookup first. */
export function makeAttrGetter(
  env: RuntimeEnvironment,
  attribute: unknown,
  postprocess: ((x: unknown) => unknown) | null = null,
  dflt: unknown = null,
): (item: unknown) => unknown {
  const parts = attributeParts(attribute);
  return (item) => {
    let v = item;
    for (const part of parts) {
      v = getitem(env.undefined, v, part);
      if (dflt !== null && dflt !== undefined && v instanceof Undefined) v = dflt;
    }
    return postprocess ? postprocess(v) : v;
  };
}

/** Jinja's make_multi_attrgetter: "age,name" → a list of values per item. */
export function makeMultiAttrGetter(
  env: RuntimeEnvironment,
  attribute: unknown,
  postprocess: ((x: unknown) => unknown) | null = null,
): (item: unknown) => unknown[] {
  const split = typeof attribute === 'string' || attribute instanceof Markup ? text(attribute).split(',') : [attribute];
  const getters = split.map((a) => attributeParts(a));
  return (item) =>
    getters.map((parts) => {
      let v = item;
      for (const part of parts) v = getitem(env.undefined, v, part);
      return postprocess ? postprocess(v) : v;
    });
}

/** environment.call_filter: applies a filter by name (used by map()). */
export function callFilterByName(ctx: Context, name: unknown, value: unknown, args: unknown[], kwargs: Kwargs | null): unknown {
  const filters = ctx.environment.filters;
  if (typeof name !== 'string' || !hasOwn(filters, name)) {
    throw new TemplateRuntimeError(name instanceof Undefined ? `No filter named ${name.undefinedMessage}.` : `No filter named '${pyStr(name)}'.`);
  }
  return callBuiltin(name, filters[name] as Builtin, [value], args, kwargs, ctx);
}

/** environment.call_test: applies a test by name (used by select()). */
export function callTestByName(ctx: Context, name: unknown, value: unknown, args: unknown[], kwargs: Kwargs | null): unknown {
  const tests = ctx.environment.tests;
  if (typeof name !== 'string' || !hasOwn(tests, name)) {
    throw new TemplateRuntimeError(name instanceof Undefined ? `No test named ${name.undefinedMessage}.` : `No test named '${pyStr(name)}'.`);
  }
  return callBuiltin(name, tests[name] as Builtin, [value], args, kwargs, ctx);
}

export function evalAutoescape(evalCtx: unknown): boolean {
  return !!(evalCtx as EvalContext | null)?.autoescape;
}

export function filterArgumentError(msg: string): FilterArgumentError {
  return new FilterArgumentError(msg);
}
