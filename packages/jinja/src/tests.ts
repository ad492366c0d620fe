// The built-in tests (`x is defined`, `x is divisibleby 3`, …) of Jinja2 3.1.
import { builtin, isCallable } from './runtime/callable.js';
import type { RuntimeEnvironment } from './runtime/context.js';
import { hashKey, isDictLike } from './runtime/dict.js';
import { BlockReference } from './runtime/context.js';
import { LoopContext } from './runtime/loop.js';
import { Markup } from './runtime/markup.js';
import { ChainableUndefined, StrictUndefined, Undefined } from './runtime/undefined.js';
import { contains, eq, ge, gt, le, lt, mod, ne } from './runtime/operators.js';
import { isIterable } from './runtime/protocol.js';
import { STR_METHODS } from './runtime/methods-str.js';
import { pyStr } from './runtime/repr.js';
import { TemplateModule } from './runtime/objects.js';
import { hasOwn, isFloat, isInt, PyDictView, PyFloat, PyIter, PyRange } from './runtime/values.js';

const odd = builtin([], (value: unknown) => eq(mod(value, 2), 1));
const even = builtin([], (value: unknown) => eq(mod(value, 2), 0));
const divisibleby = builtin(['num'], (value: unknown, num: unknown) => eq(mod(value, num), 0));
const defined = builtin([], (value: unknown) => !(value instanceof Undefined));
const undefinedTest = builtin([], (value: unknown) => value instanceof Undefined);

function inTable(table: Record<string, unknown>, value: unknown): boolean {
  hashKey(value);
  return typeof value === 'string' && hasOwn(table, value);
}

const filterTest = builtin([], (env: RuntimeEnvironment, value: unknown) => inTable(env.filters, value), 'environment');
const testTest = builtin([], (env: RuntimeEnvironment, value: unknown) => inTable(env.tests, value), 'environment');
const none = builtin([], (value: unknown) => value === null || value === undefined);
const boolean = builtin([], (value: unknown) => typeof value === 'boolean');
const falseTest = builtin([], (value: unknown) => value === false);
const trueTest = builtin([], (value: unknown) => value === true);
const integer = builtin([], (value: unknown) => isInt(value));
const float = builtin([], (value: unknown) => isFloat(value));
const lower = builtin([], (value: unknown) => STR_METHODS.islower(pyStr(value)));
const upper = builtin([], (value: unknown) => STR_METHODS.isupper(pyStr(value)));
const string = builtin([], (value: unknown) => typeof value === 'string' || value instanceof Markup);
const mapping = builtin([], (value: unknown) => isDictLike(value));
const number = builtin(
  [],
  (value: unknown) => typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' || value instanceof PyFloat,
);

const sequence = builtin([], (value: unknown) => {
  if (value instanceof StrictUndefined) return false;
  if (value instanceof Undefined) return true;
  return (
    typeof value === 'string' || Array.isArray(value) || value instanceof Markup || isDictLike(value) || value instanceof PyRange
  );
});

const iterable = builtin([], (value: unknown) => {
  if (value instanceof StrictUndefined) value.fail();
  return isIterable(value) || value instanceof PyDictView;
});

const callable = builtin(
  [],
  (value: unknown) => isCallable(value) || value instanceof Undefined || value instanceof LoopContext || value instanceof BlockReference,
);

const sameas = builtin(['other'], (value: unknown, other: unknown) => {
  if ((value === null || value === undefined) && (other === null || other === undefined)) return true;
  return value === other;
});

const escaped = builtin(
  [],
  (value: unknown) => value instanceof Markup || value instanceof ChainableUndefined || value instanceof TemplateModule,
);

const inTest = builtin(['seq'], (value: unknown, seq: unknown) => contains(seq, value));

const eqTest = builtin(['other'], (a: unknown, b: unknown) => eq(a, b));
const neTest = builtin(['other'], (a: unknown, b: unknown) => ne(a, b));
const gtTest = builtin(['other'], (a: unknown, b: unknown) => gt(a, b));
const geTest = builtin(['other'], (a: unknown, b: unknown) => ge(a, b));
const ltTest = builtin(['other'], (a: unknown, b: unknown) => lt(a, b));
const leTest = builtin(['other'], (a: unknown, b: unknown) => le(a, b));

void PyIter;

export const DEFAULT_TESTS: Record<string, unknown> = {
  odd,
  even,
  divisibleby,
  defined,
  undefined: undefinedTest,
  filter: filterTest,
  test: testTest,
  none,
  boolean,
  false: falseTest,
  true: trueTest,
  integer,
  float,
  lower,
  upper,
  string,
  mapping,
  number,
  sequence,
  iterable,
  callable,
  sameas,
  escaped,
  in: inTest,
  '==': eqTest,
  eq: eqTest,
  equalto: eqTest,
  '!=': neTest,
  ne: neTest,
  '>': gtTest,
  gt: gtTest,
  greaterthan: gtTest,
  ge: geTest,
  '>=': geTest,
  '<': ltTest,
  lt: ltTest,
  lessthan: ltTest,
  '<=': leTest,
  le: leTest,
};
