// @dialtone/jinja: a Jinja2-exact template engine (output byte-identical to Python Jinja2 3.1).
export { Environment, type EnvironmentOptions } from './environment.js';
export { Template } from './template.js';
export {
  ChoiceLoader,
  DictLoader,
  FileSystemLoader,
  FunctionLoader,
  PrefixLoader,
  type FileSystemLoaderOptions,
  type LoadFunction,
  type Loader,
  type TemplateSource,
} from './loaders.js';
export {
  FilterArgumentError,
  PythonError,
  SecurityError,
  TemplateAssertionError,
  TemplateError,
  TemplateNotFound,
  TemplateRuntimeError,
  TemplatesNotFound,
  TemplateSyntaxError,
  UndefinedError,
  type PythonErrorType,
} from './errors.js';
export { ChainableUndefined, DebugUndefined, StrictUndefined, Undefined, type UndefinedClass } from './runtime/undefined.js';
export { Markup, escapeString as escapeHtml } from './runtime/markup.js';
export { PyDict, setKeyOrder } from './runtime/dict.js';
export { PyFloat, pyFloat, tuple } from './runtime/values.js';
export { builtin, passContext, passEnvironment, passEvalContext } from './runtime/callable.js';
export type { Context } from './runtime/context.js';
export { Macro } from './runtime/macro.js';
export { TemplateModule } from './runtime/objects.js';
export { parsePythonJson, type PythonJsonOptions } from './python-json.js';
export { pyRepr, pyStr } from './runtime/repr.js';
export { cloneOrdered, orderedKeys, parseOrderedJson, setOrdered, stringifyOrderedJson } from './ordered-json.js';
