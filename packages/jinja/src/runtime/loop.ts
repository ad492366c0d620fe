// The `loop` variable of for-loops, with Python Jinja's lazy semantics (peeking one item
// ahead for loop.last / loop.nextitem, materialising only when loop.length is asked).
import { typeError } from '../errors.js';
import { BoundMethod, builtin } from './callable.js';
import { eq } from './operators.js';
import { hasLen, iterate, pyLen } from './protocol.js';
import type { UndefinedClass } from './undefined.js';
import { MISSING, PY_CALL, PY_GETATTR, PY_REPR, PY_TYPE, tuple, type Kwargs } from './values.js';
import { PY_LEN } from './protocol.js';

export type LoopRenderFunc = (iterable: unknown, depth: number) => string;

/** Live iteration over a list (sees items appended while looping, like Python). */
class ArrayIterator implements Iterator<unknown> {
  private i = 0;
  constructor(private readonly arr: unknown[]) {}
  next(): IteratorResult<unknown> {
    return this.i < this.arr.length ? { value: this.arr[this.i++], done: false } : { value: undefined, done: true };
  }
}

function arrayIterator(arr: unknown[]): Iterator<unknown> {
  return new ArrayIterator(arr);
}

/** An iterator over any iterable template value (live for lists, like Python's list iterator). */
export function pyIterator(iterable: unknown): Iterator<unknown> {
  if (Array.isArray(iterable)) return arrayIterator(iterable);
  const it = iterate(iterable);
  return Array.isArray(it) ? arrayIterator(it) : it[Symbol.iterator]();
}

const cycle = builtin(['*args'], (self: LoopContext, args: unknown[]) => {
  if (!args.length) throw typeError('no items for cycling given');
  return args[self.index0 % args.length];
});

const changed = builtin(['*values'], (self: LoopContext, values: unknown[]) => self.changed(values));

export class LoopContext {
  index0 = -1;
  current: unknown = MISSING;
  private before: unknown = MISSING;
  private after: unknown = MISSING;
  private lengthCache: number | null = null;
  private lastChanged: unknown = MISSING;
  private iterator: Iterator<unknown>;

  constructor(
    private readonly iterable: unknown,
    private readonly undef: UndefinedClass,
    private readonly recurse: LoopRenderFunc | null,
    readonly depth0: number,
  ) {
    this.iterator = pyIterator(iterable);
  }

  /** Moves to the next item; false at the end. The item is then in `current`. */
  advance(): boolean {
    let rv: unknown;
    if (this.after !== MISSING) {
      rv = this.after;
      this.after = MISSING;
    } else {
      const r = this.iterator.next();
      if (r.done) return false;
      rv = r.value;
    }
    this.index0++;
    this.before = this.current;
    this.current = rv;
    return true;
  }

  get length(): number {
    if (this.lengthCache !== null) return this.lengthCache;
    if (hasLen(this.iterable)) this.lengthCache = pyLen(this.iterable);
    else {
      const rest: unknown[] = [];
      for (let r = this.iterator.next(); !r.done; r = this.iterator.next()) rest.push(r.value);
      this.iterator = arrayIterator(rest);
      this.lengthCache = rest.length + this.index0 + 1 + (this.after !== MISSING ? 1 : 0);
    }
    return this.lengthCache;
  }

  private peek(): unknown {
    if (this.after !== MISSING) return this.after;
    const r = this.iterator.next();
    this.after = r.done ? MISSING : r.value;
    return this.after;
  }

  changed(values: unknown[]): boolean {
    const v = tuple(values);
    if (this.lastChanged === MISSING || !eq(this.lastChanged, v)) {
      this.lastChanged = v;
      return true;
    }
    return false;
  }

  // Direct reads for compiled `loop.<attr>` (see codegen-expr.ts loopAttribute).
  get index(): number {
    return this.index0 + 1;
  }
  get first(): boolean {
    return this.index0 === 0;
  }
  get last(): boolean {
    return this.peek() === MISSING;
  }
  get revindex(): number {
    return this.length - this.index0;
  }
  get revindex0(): number {
    return this.length - this.index0 - 1;
  }
  get depth(): number {
    return this.depth0 + 1;
  }
  get previtem(): unknown {
    return this.index0 === 0 ? new this.undef('there is no previous item') : this.before;
  }
  get nextitem(): unknown {
    const rv = this.peek();
    return rv === MISSING ? new this.undef('there is no next item') : rv;
  }

  [PY_TYPE] = 'LoopContext';

  [PY_GETATTR](name: string): unknown {
    switch (name) {
      case 'index0':
        return this.index0;
      case 'index':
        return this.index0 + 1;
      case 'first':
        return this.index0 === 0;
      case 'last':
        return this.peek() === MISSING;
      case 'length':
        return this.length;
      case 'revindex':
        return this.length - this.index0;
      case 'revindex0':
        return this.length - this.index0 - 1;
      case 'depth':
        return this.depth0 + 1;
      case 'depth0':
        return this.depth0;
      case 'previtem':
        return this.index0 === 0 ? new this.undef('there is no previous item') : this.before;
      case 'nextitem': {
        const rv = this.peek();
        return rv === MISSING ? new this.undef('there is no next item') : rv;
      }
      case 'cycle':
        return new BoundMethod(this, 'cycle', cycle);
      case 'changed':
        return new BoundMethod(this, 'changed', changed);
      default:
        return MISSING;
    }
  }

  [PY_LEN](): number {
    return this.length;
  }

  [PY_CALL](args: unknown[], kwargs: Kwargs | null): unknown {
    if (!this.recurse) throw typeError("The loop must have the 'recursive' marker to be called recursively.");
    if (args.length !== 1 || (kwargs && Object.keys(kwargs).length)) throw typeError('loop() takes exactly one argument');
    return this.recurse(args[0], this.depth0 + 1);
  }

  [PY_REPR](): string {
    return `<LoopContext ${this.index0 + 1}/${this.length}>`;
  }
}
