// How Python values are represented in JavaScript:
//   None → null (JS undefined is read as None too), bool → boolean, str → string,
//   int → integral number or bigint, float → non-integral number or PyFloat (integral floats
//   such as 1.0), list → Array, tuple → Array marked with TUPLE, dict → plain object
//   (string keys), Map, or PyDict (any hashable keys, insertion order kept).

/** Sentinel for "no value" in generated code (Jinja's `missing`). */
export const MISSING: unique symbol = Symbol('jinja.missing');
export type Missing = typeof MISSING;

/** Marks an array as a Python tuple. */
export const TUPLE: unique symbol = Symbol('jinja.tuple');

/** Runtime objects implement this to expose Python attributes to templates. */
export const PY_GETATTR: unique symbol = Symbol('jinja.getattr');
/** Runtime objects implement this to support obj[key] (MISSING when absent). */
export const PY_GETITEM: unique symbol = Symbol('jinja.getitem');
/** Runtime objects implement this to be callable from templates. */
export const PY_CALL: unique symbol = Symbol('jinja.call');
/** Runtime objects implement this to print themselves (Python str()). */
export const PY_STR: unique symbol = Symbol('jinja.str');
/** Runtime objects implement this for Python repr(). */
export const PY_REPR: unique symbol = Symbol('jinja.repr');
/** Python type name of a runtime object (for messages and tests). */
export const PY_TYPE: unique symbol = Symbol('jinja.type');

export interface PyObject {
  [PY_GETATTR]?(name: string): unknown;
  [PY_GETITEM]?(key: unknown): unknown;
  [PY_CALL]?(args: unknown[], kwargs: Kwargs | null, pass?: unknown): unknown;
  [PY_STR]?(): string;
  [PY_REPR]?(): string;
  [PY_TYPE]?: string;
}

export type Kwargs = Record<string, unknown>;

/** A Python float whose value happens to be integral (1.0, -3.0, 1e20). */
export class PyFloat {
  constructor(readonly value: number) {}
  get [PY_TYPE](): string {
    return 'float';
  }
  valueOf(): number {
    return this.value;
  }
}

/** Wraps a JS number as a Python float. */
export function pyFloat(n: number): number | PyFloat {
  return Number.isInteger(n) ? new PyFloat(n) : n;
}

/** Marks `items` (in place) as a Python tuple and returns it. */
export function tuple<T>(items: T[]): T[] {
  (items as unknown as Record<symbol, boolean>)[TUPLE] = true;
  return items;
}

export function isTuple(x: unknown): x is unknown[] {
  return Array.isArray(x) && (x as unknown as Record<symbol, unknown>)[TUPLE] === true;
}

export function isList(x: unknown): x is unknown[] {
  return Array.isArray(x) && (x as unknown as Record<symbol, unknown>)[TUPLE] !== true;
}

export function isInt(x: unknown): boolean {
  return (typeof x === 'number' && Number.isInteger(x)) || typeof x === 'bigint';
}

export function isFloat(x: unknown): boolean {
  return (typeof x === 'number' && !Number.isInteger(x)) || x instanceof PyFloat;
}

/** int, float or bool. */
export function isNumber(x: unknown): boolean {
  return typeof x === 'number' || typeof x === 'boolean' || typeof x === 'bigint' || x instanceof PyFloat;
}

export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

export function hasOwn(obj: object, key: PropertyKey): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** A number as a JS double (bool → 0/1, PyFloat unwrapped, bigint converted). */
export function toNumber(x: unknown): number {
  if (typeof x === 'number') return x;
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (x instanceof PyFloat) return x.value;
  if (typeof x === 'bigint') return Number(x);
  return NaN;
}

/** Normalises an integer result: bigint back to number when it is safe. */
export function normInt(x: bigint): number | bigint {
  return x >= -9007199254740991n && x <= 9007199254740991n ? Number(x) : x;
}

/** An integral value as bigint (for exact arithmetic). */
export function toBigInt(x: unknown): bigint {
  if (typeof x === 'bigint') return x;
  if (typeof x === 'boolean') return x ? 1n : 0n;
  return BigInt(x as number);
}

/** Python `range` object. */
export class PyRange implements PyObject {
  readonly length: number;
  constructor(
    readonly start: number,
    readonly stop: number,
    readonly step: number,
  ) {
    const n = step > 0 ? Math.ceil((stop - start) / step) : Math.ceil((start - stop) / -step);
    this.length = Math.max(0, n);
  }
  at(i: number): number {
    return this.start + i * this.step;
  }
  toArray(): number[] {
    const out = new Array<number>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.start + i * this.step;
    return out;
  }
  [PY_TYPE] = 'range';
  [PY_REPR](): string {
    return this.step === 1 ? `range(${this.start}, ${this.stop})` : `range(${this.start}, ${this.stop}, ${this.step})`;
  }
  [PY_GETATTR](name: string): unknown {
    if (name === 'start') return this.start;
    if (name === 'stop') return this.stop;
    if (name === 'step') return this.step;
    return MISSING;
  }
}

class NonClosingIterator implements Iterator<unknown> {
  constructor(private readonly source: Iterator<unknown>) {}
  next(): IteratorResult<unknown> {
    return this.source.next();
  }
}

/** A one-shot Python iterator (generator results of filters such as map, select, unique). */
export class PyIter implements PyObject {
  constructor(
    private readonly source: Iterator<unknown>,
    readonly typeName = 'generator',
  ) {}
  next(): IteratorResult<unknown> {
    return this.source.next();
  }
  /** Iterating never closes the underlying generator (Python's next(iter(g)) semantics). */
  [Symbol.iterator](): Iterator<unknown> {
    return new NonClosingIterator(this.source);
  }
  [PY_TYPE] = 'generator';
  [PY_REPR](): string {
    return `<${this.typeName} object>`;
  }
}

/** dict_items / dict_keys / dict_values views (a snapshot, enough for templates). */
export class PyDictView implements PyObject {
  constructor(
    readonly kind: 'dict_items' | 'dict_keys' | 'dict_values',
    readonly items: unknown[],
  ) {}
  get [PY_TYPE](): string {
    return this.kind;
  }
}
