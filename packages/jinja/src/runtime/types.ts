// Python type names of values, for error messages, object_type_repr and type tests.
import { isDictLike } from './dict.js';
import { Markup } from './markup.js';
import { isTuple, PyDictView, PyFloat, PY_TYPE } from './values.js';

export function pyTypeName(x: unknown): string {
  switch (typeof x) {
    case 'string':
      return 'str';
    case 'number':
      return Number.isInteger(x) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'boolean':
      return 'bool';
    case 'undefined':
      return 'NoneType';
    case 'function':
      return 'function';
    case 'object': {
      if (x === null) return 'NoneType';
      if (x instanceof PyFloat) return 'float';
      if (Array.isArray(x)) return isTuple(x) ? 'tuple' : 'list';
      if (x instanceof Markup) return 'Markup';
      if (x instanceof PyDictView) return x.kind;
      const named = (x as Record<symbol, unknown>)[PY_TYPE];
      if (typeof named === 'string') return named;
      if (isDictLike(x)) return 'dict';
      return 'object';
    }
    default:
      return 'object';
  }
}

const MODULES: Record<string, string> = {
  Markup: 'markupsafe',
  LoopContext: 'jinja2.runtime',
  Macro: 'jinja2.runtime',
  Undefined: 'jinja2.runtime',
  ChainableUndefined: 'jinja2.runtime',
  DebugUndefined: 'jinja2.runtime',
  StrictUndefined: 'jinja2.runtime',
  TemplateReference: 'jinja2.runtime',
  BlockReference: 'jinja2.runtime',
  Namespace: 'jinja2.utils',
  Cycler: 'jinja2.utils',
  Joiner: 'jinja2.utils',
  TemplateModule: 'jinja2.environment',
};

/** Jinja's object_type_repr: "dict object", "jinja2.runtime.LoopContext object", "None". */
export function objectTypeRepr(x: unknown): string {
  if (x === null || x === undefined) return 'None';
  const name = pyTypeName(x);
  const mod = MODULES[name];
  return mod ? `${mod}.${name} object` : `${name} object`;
}
