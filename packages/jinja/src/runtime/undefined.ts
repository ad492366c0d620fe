// Jinja's Undefined family. The class chosen with `new Environment({ undefined })` decides
// what printing, iterating, testing and attribute access do with a missing value.
import { UndefinedError } from '../errors.js';
import { objectTypeRepr } from './types.js';
import { MISSING, PY_TYPE } from './values.js';

export class Undefined {
  constructor(
    readonly hint: string | null = null,
    readonly obj: unknown = MISSING,
    readonly undefinedName: unknown = null,
  ) {}

  get [PY_TYPE](): string {
    return this.constructor.name;
  }

  get undefinedMessage(): string {
    if (this.hint) return this.hint;
    if (this.obj === MISSING) return `${pyStrRepr(this.undefinedName)} is undefined`;
    if (typeof this.undefinedName !== 'string') {
      return `${objectTypeRepr(this.obj)} has no element ${keyRepr(this.undefinedName)}`;
    }
    return `${pyStrRepr(objectTypeRepr(this.obj))} has no attribute ${pyStrRepr(this.undefinedName)}`;
  }

  /** Python hashes every Undefined of one class alike (and they compare equal). */
  hashKey(): unknown {
    return this.constructor;
  }
  fail(): never {
    throw new UndefinedError(this.undefinedMessage);
  }

  /** str(self) */
  toStr(): string {
    return '';
  }
  /** bool(self) */
  toBool(): boolean {
    return false;
  }
  /** iter(self) */
  toIter(): unknown[] {
    return [];
  }
  /** len(self) */
  len(): number {
    return 0;
  }
  /** self == other */
  eq(other: unknown): boolean {
    return other instanceof Undefined && other.constructor === this.constructor;
  }
  /** self.name / self[name]: raises unless chainable. */
  attr(_name: unknown): unknown {
    return this.fail();
  }
  repr(): string {
    return 'Undefined';
  }
}

export class ChainableUndefined extends Undefined {
  override attr(_name: unknown): unknown {
    return this;
  }
}

export class DebugUndefined extends Undefined {
  override toStr(): string {
    let message: string;
    if (this.hint) message = `undefined value printed: ${this.hint}`;
    else if (this.obj === MISSING) message = String(this.undefinedName);
    else message = `no such element: ${objectTypeRepr(this.obj)}[${keyRepr(this.undefinedName)}]`;
    return `{{ ${message} }}`;
  }
}

export class StrictUndefined extends Undefined {
  override hashKey(): unknown {
    return this.fail();
  }
  override toStr(): string {
    return this.fail();
  }
  override toBool(): boolean {
    return this.fail();
  }
  override toIter(): unknown[] {
    return this.fail();
  }
  override len(): number {
    return this.fail();
  }
  override eq(_other: unknown): boolean {
    return this.fail();
  }
}

export type UndefinedClass = new (hint?: string | null, obj?: unknown, name?: unknown) => Undefined;

// Minimal repr for names in messages; the full repr lives in repr.ts (which imports us).
let reprHook: (x: unknown) => string = (x) => `'${String(x)}'`;
export function setUndefinedReprHook(fn: (x: unknown) => string): void {
  reprHook = fn;
}
function pyStrRepr(x: unknown): string {
  return reprHook(x);
}
function keyRepr(x: unknown): string {
  return reprHook(x);
}
