// Helper objects templates can create or receive: namespace(), cycler(), joiner(), and the
// module object produced by {% import %}.
import { PythonError, valueError } from '../errors.js';
import { BoundMethod, builtin } from './callable.js';
import { dictEntries, dictKeys, isDictLike, PyDict } from './dict.js';
import { Markup } from './markup.js';
import { iterate, toList } from './protocol.js';
import { pyRepr, strRepr } from './repr.js';
import { Undefined } from './undefined.js';
import { hasOwn, MISSING, PY_CALL, PY_GETATTR, PY_REPR, PY_STR, PY_TYPE, tuple, type Kwargs } from './values.js';

/** Builds a dict the way Python's dict(mapping_or_pairs, **kwargs) does. */
export function dictFromArgs(arg: unknown, kwargs: Kwargs | null): PyDict {
  const d = new PyDict();
  if (arg !== undefined) {
    if (arg instanceof Undefined) arg.fail(); // Python's dict() looks for arg.keys first
    if (isDictLike(arg)) for (const [k, v] of dictEntries(arg)) d.set(k, v);
    else {
      let i = 0;
      for (const pair of iterate(arg)) {
        const kv = toList(pair);
        if (kv.length !== 2) {
          throw valueError(`dictionary update sequence element #${i} has length ${kv.length}; 2 is required`);
        }
        d.set(kv[0], kv[1]);
        i++;
      }
    }
  }
  if (kwargs) for (const k of dictKeys(kwargs) as string[]) d.set(k, kwargs[k]);
  return d;
}

export class Namespace {
  readonly attrs: PyDict;
  constructor(attrs: PyDict) {
    this.attrs = attrs;
  }
  [PY_TYPE] = 'Namespace';
  [PY_GETATTR](name: string): unknown {
    return this.attrs.get(name);
  }
  set(name: string, value: unknown): void {
    this.attrs.set(name, value);
  }
  [PY_REPR](): string {
    return `<Namespace ${pyRepr(this.attrs)}>`;
  }
}

const cyclerNext = builtin([], (self: Cycler) => self.next());
const cyclerReset = builtin([], (self: Cycler) => {
  self.pos = 0;
  return null;
});

export class Cycler {
  pos = 0;
  constructor(readonly items: unknown[]) {
    if (!items.length) throw new PythonError('RuntimeError', 'at least one item has to be provided');
  }
  next(): unknown {
    const rv = this.items[this.pos];
    this.pos = (this.pos + 1) % this.items.length;
    return rv;
  }
  [PY_TYPE] = 'Cycler';
  [PY_GETATTR](name: string): unknown {
    switch (name) {
      case 'items':
        return tuple([...this.items]);
      case 'pos':
        return this.pos;
      case 'current':
        return this.items[this.pos];
      case 'next':
        return new BoundMethod(this, 'next', cyclerNext);
      case 'reset':
        return new BoundMethod(this, 'reset', cyclerReset);
      default:
        return MISSING;
    }
  }
  [PY_REPR](): string {
    return '<jinja2.utils.Cycler object>';
  }
}

export class Joiner {
  used = false;
  constructor(readonly sep: unknown) {}
  [PY_TYPE] = 'Joiner';
  [PY_CALL](): unknown {
    if (!this.used) {
      this.used = true;
      return '';
    }
    return this.sep;
  }
  [PY_GETATTR](name: string): unknown {
    if (name === 'sep') return this.sep;
    if (name === 'used') return this.used;
    return MISSING;
  }
  [PY_REPR](): string {
    return '<jinja2.utils.Joiner object>';
  }
}

/** What {% import %} yields: the template's exported names as attributes; str() is its output. */
export class TemplateModule {
  constructor(
    readonly name: string | null,
    private readonly exported: Record<string, unknown>,
    readonly body: string,
  ) {}
  [PY_TYPE] = 'TemplateModule';
  [PY_GETATTR](name: string): unknown {
    if (hasOwn(this.exported, name)) return this.exported[name];
    if (name === '__name__') return this.name;
    return MISSING;
  }
  /** An exported name (a macro, or a top-level `set` variable), undefined when absent. */
  get(name: string): unknown {
    return hasOwn(this.exported, name) ? this.exported[name] : undefined;
  }
  [PY_STR](): string {
    return this.body;
  }
  html(): Markup {
    return new Markup(this.body);
  }
  [PY_REPR](): string {
    return `<TemplateModule ${this.name === null ? 'memory' : strRepr(this.name)}>`;
  }
}

