// Error classes mirroring Jinja2's exception hierarchy. Every error carries a stable `code`
// (DT_ERR_JINJA_…) and `description`, the message Python Jinja2 would give; `message` adds
// the template location for humans.

export interface TemplateLocation {
  templateName?: string | null;
  lineno?: number | null;
  column?: number | null;
  sourceLine?: string | null;
}

export class TemplateError extends Error {
  code = 'DT_ERR_JINJA';
  /** The bare message, as Python Jinja2 words it (no location). */
  description: string;
  templateName: string | null = null;
  lineno: number | null = null;
  constructor(description: string) {
    // Deep enough to always include the template frame (see debug.ts).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = Math.max(limit, 100);
    super(description);
    Error.stackTraceLimit = limit;
    this.name = 'TemplateError';
    this.description = description;
  }
  /** Records where the error happened (first location wins) and refreshes `message`. */
  locate(loc: TemplateLocation): this {
    if (this.lineno == null && loc.lineno != null) {
      this.lineno = loc.lineno;
      if (loc.templateName !== undefined) this.templateName = loc.templateName;
      this.message = `${this.description} (${describeLocation(this.templateName, this.lineno)})`;
    }
    return this;
  }
}

function describeLocation(name: string | null, lineno: number | null, column?: number | null): string {
  const where = name == null ? 'template <string>' : `template "${name}"`;
  return `${where}, line ${lineno}${column != null ? `, column ${column}` : ''}`;
}

export class TemplateNotFound extends TemplateError {
  override code = 'DT_ERR_JINJA_TEMPLATE_NOT_FOUND';
  templates: string[];
  constructor(name: string, description?: string) {
    super(description ?? name);
    this.name = 'TemplateNotFound';
    this.templates = [name];
    this.templateName = name;
  }
}

export class TemplatesNotFound extends TemplateNotFound {
  constructor(names: string[], description?: string) {
    super(names.length ? names[names.length - 1] : '', description ?? `none of the templates given were found: ${names.join(', ')}`);
    this.name = 'TemplatesNotFound';
    this.templates = names;
  }
}

export class TemplateSyntaxError extends TemplateError {
  override code = 'DT_ERR_JINJA_SYNTAX';
  column: number | null;
  sourceLine: string | null = null;
  constructor(description: string, lineno: number, templateName: string | null, column: number | null = null) {
    super(description);
    this.name = 'TemplateSyntaxError';
    this.lineno = lineno;
    this.templateName = templateName;
    this.column = column;
    this.refresh();
  }
  /** Attaches the template source so the message can quote the offending line. */
  withSource(source: string): this {
    const lines = source.split(/\r\n|\r|\n/);
    const line = this.lineno != null ? lines[this.lineno - 1] : undefined;
    if (line !== undefined) this.sourceLine = line;
    this.refresh();
    return this;
  }
  private refresh(): void {
    let text = `${this.description} (${describeLocation(this.templateName, this.lineno, this.column)})`;
    if (this.sourceLine != null) {
      text += `\n  ${String(this.lineno).padStart(4)} | ${this.sourceLine}`;
      if (this.column != null) text += `\n       | ${' '.repeat(Math.max(0, this.column - 1))}^`;
    }
    this.message = text;
  }
}

export class TemplateAssertionError extends TemplateSyntaxError {
  override code = 'DT_ERR_JINJA_ASSERTION';
  constructor(description: string, lineno: number, templateName: string | null, column: number | null = null) {
    super(description, lineno, templateName, column);
    this.name = 'TemplateAssertionError';
  }
}

export class TemplateRuntimeError extends TemplateError {
  override code = 'DT_ERR_JINJA_RUNTIME';
  constructor(description: string) {
    super(description);
    this.name = 'TemplateRuntimeError';
  }
}

export class UndefinedError extends TemplateRuntimeError {
  override code = 'DT_ERR_JINJA_UNDEFINED';
  constructor(description: string) {
    super(description);
    this.name = 'UndefinedError';
  }
}

export class SecurityError extends TemplateRuntimeError {
  override code = 'DT_ERR_JINJA_SECURITY';
  constructor(description: string) {
    super(description);
    this.name = 'SecurityError';
  }
}

export class FilterArgumentError extends TemplateRuntimeError {
  override code = 'DT_ERR_JINJA_FILTER_ARGUMENT';
  constructor(description: string) {
    super(description);
    this.name = 'FilterArgumentError';
  }
}

/** The Python built-in exception a template operation would raise (TypeError, ValueError, …). */
export type PythonErrorType =
  | 'TypeError'
  | 'ValueError'
  | 'KeyError'
  | 'IndexError'
  | 'AttributeError'
  | 'ZeroDivisionError'
  | 'OverflowError'
  | 'RecursionError'
  | 'RuntimeError'
  | 'AssertionError';

/**
 * Raised where Python would raise one of its built-in exceptions; `pythonType` names it.
 * Not a subclass of TemplateRuntimeError in Jinja2 either, but it is a TemplateError here so
 * callers can catch everything a template does with one class.
 */
export class PythonError extends TemplateError {
  override code = 'DT_ERR_JINJA_PYTHON';
  pythonType: PythonErrorType;
  constructor(pythonType: PythonErrorType, description: string) {
    super(description);
    this.name = pythonType;
    this.pythonType = pythonType;
  }
}

export const typeError = (msg: string): PythonError => new PythonError('TypeError', msg);
export const valueError = (msg: string): PythonError => new PythonError('ValueError', msg);
