// Sequence and mapping filters: first/last/length, join, sort, dictsort, groupby, unique,
// min/max, sum, map/select/reject, batch/slice, reverse, items, default, attr.
import { typeError } from '../errors.js';
import { builtin } from '../runtime/callable.js';
import type { Context, RuntimeEnvironment } from '../runtime/context.js';
import { dictEntries, dictKeys, hashKey, isDictLike } from '../runtime/dict.js';
import { pyAttr } from '../runtime/lookup.js';
import { escapeString, Markup } from '../runtime/markup.js';
import { add, compare, eq } from '../runtime/operators.js';
import { asArray, iterate, pyLen, toList, truthy } from '../runtime/protocol.js';
import { pyStr } from '../runtime/repr.js';
import { pySorted } from '../runtime/sort.js';
import { pyTypeName } from '../runtime/types.js';
import { Undefined } from '../runtime/undefined.js';
import { isTuple, MISSING, PyDictView, PyIter, PyRange, tuple, type Kwargs } from '../runtime/values.js';
import { callFilterByName, callTestByName, evalAutoescape, filterArgumentError, ignoreCase, makeAttrGetter, makeMultiAttrGetter } from './common.js';
import { GROUP_FIELDS } from '../runtime/named-tuple.js';

const length = builtin([], (x: unknown) => pyLen(x));

const list = builtin([], (x: unknown) => toList(x));

const first = builtin(
  [],
  (env: RuntimeEnvironment, seq: unknown) => {
    for (const x of iterate(seq)) return x;
    return new env.undefined('No first item, sequence was empty.');
  },
  'environment',
);

/** reversed(x): list/tuple/str/range/dict and views are reversible; other iterables are not. */
function reversedItems(x: unknown): unknown[] | null {
  if (Array.isArray(x)) return x.slice().reverse();
  if (x instanceof PyRange) return x.toArray().reverse();
  if (isDictLike(x)) return dictKeys(x).reverse();
  if (x instanceof PyDictView) return x.items.slice().reverse();
  if (typeof x === 'string' || x instanceof Markup) return [...iterate(x)].reverse();
  return null;
}

const last = builtin(
  [],
  (env: RuntimeEnvironment, seq: unknown) => {
    const items = reversedItems(seq);
    if (items === null) {
      if (seq instanceof Undefined) return new env.undefined('No last item, sequence was empty.');
      throw typeError(`'${pyTypeName(seq)}' object is not reversible`);
    }
    return items.length ? items[0] : new env.undefined('No last item, sequence was empty.');
  },
  'environment',
);

const random = builtin(
  [],
  (ctx: Context, seq: unknown) => {
    const items = asArray(seq);
    if (!items.length) return new ctx.environment.undefined('No random item, sequence was empty.');
    return items[Math.floor(Math.random() * items.length)];
  },
  'context',
);

const join = builtin(
  ['d?', 'attribute?'],
  (evalCtx: { autoescape: boolean; environment: RuntimeEnvironment }, value: unknown, d: unknown, attribute: unknown) => {
    const sep = d === undefined ? '' : d;
    let items = asArray(value);
    if (attribute !== undefined && attribute !== null) items = items.map(makeAttrGetter(evalCtx.environment, attribute));
    if (!evalAutoescape(evalCtx)) return items.map(pyStr).join(pyStr(sep));
    if (!(sep instanceof Markup)) {
      const anyHtml = items.some((x) => x instanceof Markup);
      if (anyHtml) {
        return new Markup(items.map((x) => (x instanceof Markup ? x.s : escapeString(pyStr(x)))).join(escapeString(pyStr(sep))));
      }
      return items.map(pyStr).join(pyStr(sep));
    }
    return new Markup(items.map((x) => (x instanceof Markup ? x.s : escapeString(pyStr(x)))).join(sep.s));
  },
  'evalContext',
);

const dictsort = builtin(['case_sensitive?', 'by?', 'reverse?'], (value: unknown, caseSensitive: unknown, by: unknown, reverse: unknown) => {
  const b = by === undefined ? 'key' : by;
  let pos: number;
  if (b === 'key') pos = 0;
  else if (b === 'value') pos = 1;
  else throw filterArgumentError('You can only sort by either "key" or "value"');
  if (!isDictLike(value)) {
    if (value instanceof Undefined) value.fail();
    throw typeError(`'${pyTypeName(value)}' object has no attribute 'items'`);
  }
  const items = dictEntries(value).map((e) => tuple(e));
  const key = (item: unknown[]): unknown => (truthy(caseSensitive ?? false) ? item[pos] : ignoreCase(item[pos]));
  return pySorted(items, key, truthy(reverse ?? false));
});

const sort = builtin(
  ['reverse?', 'case_sensitive?', 'attribute?'],
  (env: RuntimeEnvironment, value: unknown, reverse: unknown, caseSensitive: unknown, attribute: unknown) => {
    const key = makeMultiAttrGetter(env, attribute ?? null, truthy(caseSensitive ?? false) ? null : ignoreCase);
    return pySorted(toList(value), key, truthy(reverse ?? false));
  },
  'environment',
);

const unique = builtin(
  ['case_sensitive?', 'attribute?'],
  (env: RuntimeEnvironment, value: unknown, caseSensitive: unknown, attribute: unknown) => {
    const getter = makeAttrGetter(env, attribute ?? null, truthy(caseSensitive ?? false) ? null : ignoreCase);
    function* gen(): Generator<unknown> {
      const seen = new Set<unknown>();
      for (const item of iterate(value)) {
        const key = hashKey(getter(item));
        if (!seen.has(key)) {
          seen.add(key);
          yield item;
        }
      }
    }
    return new PyIter(gen());
  },
  'environment',
);

function minMax(env: RuntimeEnvironment, value: unknown, caseSensitive: unknown, attribute: unknown, wantMax: boolean): unknown {
  const items = asArray(value);
  if (!items.length) return new env.undefined('No aggregated item, sequence was empty.');
  const key = makeAttrGetter(env, attribute ?? null, truthy(caseSensitive ?? false) ? null : ignoreCase);
  let best = items[0];
  let bestKey = key(best);
  for (let i = 1; i < items.length; i++) {
    const k = key(items[i]);
    const better = wantMax ? compare(k, bestKey, '>') > 0 : compare(k, bestKey, '<') < 0;
    if (better) {
      best = items[i];
      bestKey = k;
    }
  }
  return best;
}

const min = builtin(
  ['case_sensitive?', 'attribute?'],
  (env: RuntimeEnvironment, value: unknown, cs: unknown, attr: unknown) => minMax(env, value, cs, attr, false),
  'environment',
);
const max = builtin(
  ['case_sensitive?', 'attribute?'],
  (env: RuntimeEnvironment, value: unknown, cs: unknown, attr: unknown) => minMax(env, value, cs, attr, true),
  'environment',
);

const sum = builtin(
  ['attribute?', 'start?'],
  (env: RuntimeEnvironment, iterable: unknown, attribute: unknown, start: unknown) => {
    let items = asArray(iterable);
    if (attribute !== undefined && attribute !== null) items = items.map(makeAttrGetter(env, attribute));
    let total: unknown = start === undefined ? 0 : start;
    if (typeof total === 'string' || total instanceof Markup) throw typeError("sum() can't sum strings [use ''.join(seq) instead]");
    for (const x of items) total = add(total, x);
    return total;
  },
  'environment',
);

function groupTuple(grouper: unknown, items: unknown[]): unknown[] {
  const t = tuple([grouper, items]);
  (t as unknown as Record<symbol, unknown>)[GROUP_FIELDS] = true;
  return t;
}

const groupby = builtin(
  ['attribute', 'default?', 'case_sensitive?'],
  (env: RuntimeEnvironment, value: unknown, attribute: unknown, dflt: unknown, caseSensitive: unknown) => {
    const cs = truthy(caseSensitive ?? false);
    const expr = makeAttrGetter(env, attribute, cs ? null : ignoreCase, dflt ?? null);
    const sorted = pySorted(toList(value), expr, false);
    const groups: [unknown, unknown[]][] = [];
    for (const item of sorted) {
      const k = expr(item);
      const lastGroup = groups[groups.length - 1];
      if (lastGroup && eq(lastGroup[0], k)) lastGroup[1].push(item);
      else groups.push([k, [item]]);
    }
    if (cs) return groups.map(([k, items]) => groupTuple(k, items));
    const output = makeAttrGetter(env, attribute, null, dflt ?? null);
    return groups.map(([, items]) => groupTuple(output(items[0]), items));
  },
  'environment',
);

const map = builtin(
  ['*args', '**kwargs'],
  (ctx: Context, value: unknown, args: unknown[], kwargs: Kwargs) => {
    function* gen(): Generator<unknown> {
      if (!truthy(value)) return;
      let func: (item: unknown) => unknown;
      if (!args.length && Object.prototype.hasOwnProperty.call(kwargs, 'attribute')) {
        const { attribute, default: dflt, ...rest } = kwargs;
        const extra = Object.keys(rest);
        if (extra.length) throw filterArgumentError(`Unexpected keyword argument '${extra[0]}'`);
        func = makeAttrGetter(ctx.environment, attribute, null, dflt ?? null);
      } else {
        if (!args.length) throw filterArgumentError('map requires a filter argument');
        const [name, ...rest] = args;
        func = (item) => callFilterByName(ctx, name, item, rest, Object.keys(kwargs).length ? kwargs : null);
      }
      for (const item of iterate(value)) yield func(item);
    }
    return new PyIter(gen());
  },
  'context',
);

function selectOrReject(ctx: Context, value: unknown, args: unknown[], kwargs: Kwargs, negate: boolean, lookupAttr: boolean): PyIter {
  function* gen(): Generator<unknown> {
    if (!truthy(value)) return;
    let transform: (x: unknown) => unknown = (x) => x;
    let off = 0;
    if (lookupAttr) {
      if (!args.length) throw filterArgumentError('Missing parameter for attribute name');
      transform = makeAttrGetter(ctx.environment, args[0]);
      off = 1;
    }
    let test: (x: unknown) => boolean;
    if (args.length > off) {
      const name = args[off];
      const rest = args.slice(off + 1);
      const kw = Object.keys(kwargs).length ? kwargs : null;
      test = (x) => truthy(callTestByName(ctx, name, x, rest, kw));
    } else test = truthy;
    for (const item of iterate(value)) {
      if (test(transform(item)) !== negate) yield item;
    }
  }
  return new PyIter(gen());
}

const select = builtin(['*args', '**kwargs'], (ctx: Context, v: unknown, a: unknown[], k: Kwargs) => selectOrReject(ctx, v, a, k, false, false), 'context');
const reject = builtin(['*args', '**kwargs'], (ctx: Context, v: unknown, a: unknown[], k: Kwargs) => selectOrReject(ctx, v, a, k, true, false), 'context');
const selectattr = builtin(['*args', '**kwargs'], (ctx: Context, v: unknown, a: unknown[], k: Kwargs) => selectOrReject(ctx, v, a, k, false, true), 'context');
const rejectattr = builtin(['*args', '**kwargs'], (ctx: Context, v: unknown, a: unknown[], k: Kwargs) => selectOrReject(ctx, v, a, k, true, true), 'context');

const batch = builtin(['linecount', 'fill_with?'], (value: unknown, linecount: unknown, fill: unknown) => {
  function* gen(): Generator<unknown> {
    let tmp: unknown[] = [];
    for (const item of iterate(value)) {
      if (eq(tmp.length, linecount)) {
        yield tmp;
        tmp = [];
      }
      tmp.push(item);
    }
    if (tmp.length) {
      if (fill !== undefined && fill !== null && compare(tmp.length, linecount, '<') < 0) {
        const n = Number(linecount) - tmp.length;
        for (let i = 0; i < n; i++) tmp.push(fill);
      }
      yield tmp;
    }
  }
  return new PyIter(gen());
});

const sliceFilter = builtin(['slices', 'fill_with?'], (value: unknown, slices: unknown, fill: unknown) => {
  function* gen(): Generator<unknown> {
    const seq = toList(value);
    const n = Number(slices);
    const perSlice = Math.floor(seq.length / n);
    const withExtra = seq.length % n;
    let offset = 0;
    for (let i = 0; i < n; i++) {
      const start = offset + i * perSlice;
      if (i < withExtra) offset += 1;
      const end = offset + (i + 1) * perSlice;
      const tmp = seq.slice(start, end);
      if (fill !== undefined && fill !== null && i >= withExtra) tmp.push(fill);
      yield tmp;
    }
  }
  return new PyIter(gen());
});

const reverse = builtin([], (value: unknown) => {
  if (typeof value === 'string') return [...iterate(value)].reverse().join('');
  if (value instanceof Markup) return new Markup([...iterate(value.s)].reverse().join(''));
  const items = reversedItems(value);
  if (items !== null) {
    const kind = Array.isArray(value) ? (isTuple(value) ? 'reversed' : 'list_reverseiterator') : isDictLike(value) ? 'dict_reversekeyiterator' : 'range_iterator';
    return new PyIter(items[Symbol.iterator](), kind);
  }
  try {
    return toList(value).reverse();
  } catch {
    throw filterArgumentError('argument must be iterable');
  }
});

// A generator in Python: nothing is checked until the first item is asked for, so
// `[1]|items is defined` is True and the TypeError comes when the result is iterated.
const items = builtin([], (value: unknown) => {
  function* gen(): Generator<unknown> {
    if (value instanceof Undefined) return;
    if (!isDictLike(value)) throw typeError('Can only get item pairs from a mapping.');
    for (const e of dictEntries(value)) yield tuple(e);
  }
  return new PyIter(gen());
});

const defaultFilter = builtin(['default_value?', 'boolean?'], (value: unknown, dflt: unknown, boolean: unknown) => {
  if (value instanceof Undefined || (boolean !== undefined && truthy(boolean) && !truthy(value))) return dflt === undefined ? '' : dflt;
  return value;
});

const attr = builtin(
  ['name'],
  (env: RuntimeEnvironment, obj: unknown, name: unknown) => {
    if (obj instanceof Undefined) return obj.attr(name);
    const v = typeof name === 'string' ? pyAttr(obj, name) : MISSING;
    return v === MISSING ? new env.undefined(null, obj, name) : v;
  },
  'environment',
);

export const SEQUENCE_FILTERS = {
  length,
  count: length,
  list,
  first,
  last,
  random,
  join,
  dictsort,
  sort,
  unique,
  min,
  max,
  sum,
  groupby,
  map,
  select,
  reject,
  selectattr,
  rejectattr,
  batch,
  slice: sliceFilter,
  reverse,
  items,
  default: defaultFilter,
  d: defaultFilter,
  attr,
};
