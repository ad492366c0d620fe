// Macros (and call-block `caller`s): argument binding exactly as Jinja's Macro.__call__.
import { typeError } from '../errors.js';
import { dictDelete, dictKeys, dictSet } from './dict.js';
import type { PassTargets } from './callable.js';
import type { EvalContext, RuntimeEnvironment } from './context.js';
import { Markup } from './markup.js';
import { strRepr } from './repr.js';
import { hasOwn, MISSING, PY_CALL, PY_GETATTR, PY_REPR, PY_TYPE, tuple, type Kwargs } from './values.js';

export type MacroFn = (...args: unknown[]) => string;

export class Macro {
  private readonly explicitCaller: boolean;
  constructor(
    private readonly env: RuntimeEnvironment,
    private readonly fn: MacroFn,
    readonly name: string | null,
    readonly args: readonly string[],
    readonly catchKwargs: boolean,
    readonly catchVarargs: boolean,
    readonly caller: boolean,
    private readonly defaultAutoescape: boolean,
  ) {
    this.explicitCaller = args.includes('caller');
  }

  [PY_TYPE] = 'Macro';

  /** Calls the macro from JavaScript, with Python-style positional and keyword arguments. */
  call(args: unknown[] = [], kwargs: Kwargs | null = null): unknown {
    return this[PY_CALL](args, kwargs, null);
  }

  [PY_CALL](args: unknown[], kwargsIn: Kwargs | null, pass?: PassTargets | null): unknown {
    const evalCtx = pass ? (pass.passEvalContext() as EvalContext) : null;
    const autoescape = evalCtx ? evalCtx.autoescape : this.defaultAutoescape;
    const kwargs: Kwargs = Object.create(null);
    if (kwargsIn) for (const k of dictKeys(kwargsIn) as string[]) dictSet(kwargs, k, kwargsIn[k]);
    const argCount = this.args.length;
    const bound: unknown[] = args.slice(0, argCount);
    let foundCaller = false;
    if (bound.length !== argCount) {
      for (const name of this.args.slice(bound.length)) {
        let value: unknown = MISSING;
        if (hasOwn(kwargs, name)) {
          value = kwargs[name];
          dictDelete(kwargs, name);
        }
        if (name === 'caller') foundCaller = true;
        bound.push(value);
      }
    } else foundCaller = this.explicitCaller;
    if (this.caller && !foundCaller) {
      let caller: unknown = null;
      if (hasOwn(kwargs, 'caller')) {
        caller = kwargs.caller;
        dictDelete(kwargs, 'caller');
      }
      if (caller === null || caller === undefined) caller = new this.env.undefined('No caller defined', MISSING, 'caller');
      bound.push(caller);
    }
    const leftover = dictKeys(kwargs) as string[];
    if (this.catchKwargs) bound.push(kwargs);
    else if (leftover.length) {
      if (hasOwn(kwargs, 'caller')) {
        throw typeError(`macro ${strRepr(String(this.name))} was invoked with two values for the special caller argument. This is most likely a bug.`);
      }
      throw typeError(`macro ${strRepr(String(this.name))} takes no keyword argument ${strRepr(leftover[0])}`);
    }
    if (this.catchVarargs) bound.push(tuple(args.slice(argCount)));
    else if (args.length > argCount) {
      throw typeError(`macro ${strRepr(String(this.name))} takes not more than ${argCount} argument(s)`);
    }
    const rv = this.fn(...bound);
    return autoescape ? new Markup(rv) : rv;
  }

  [PY_GETATTR](name: string): unknown {
    switch (name) {
      case 'name':
        return this.name;
      case 'arguments':
        return tuple([...this.args]);
      case 'catch_kwargs':
        return this.catchKwargs;
      case 'catch_varargs':
        return this.catchVarargs;
      case 'caller':
        return this.caller;
      default:
        return MISSING;
    }
  }

  [PY_REPR](): string {
    return `<Macro ${this.name === null ? 'anonymous' : strRepr(this.name)}>`;
  }
}
