// Maps a runtime error back to the template line that caused it. Compiled templates carry a
// sourceURL; the innermost stack frame in such a file gives the generated line, which the
// compiler's line map turns into a template line. Nothing is tracked while rendering.
import { PythonError, TemplateError } from './errors.js';

interface DebugInfo {
  name: string | null;
  lineMap: number[];
}

const registry = new Map<number, DebugInfo>();
let nextId = 1;

/** Generated line N of a `new Function` body is reported as line N + HEADER_LINES. */
const HEADER_LINES = (() => {
  try {
    new Function('throw new Error("probe")\n//# sourceURL=jinja-probe.js')();
  } catch (e) {
    const m = /jinja-probe\.js:(\d+)/.exec(String((e as Error).stack));
    if (m) return Number(m[1]) - 1;
  }
  return 2;
})();

export function registerTemplate(name: string | null, lineMap: number[]): string {
  const id = nextId++;
  registry.set(id, { name, lineMap });
  return `jinja-template-${id}.js`;
}

const FRAME_RE = /jinja-template-(\d+)\.js:(\d+):\d+/;

/** Template name and line of the innermost template frame of an error's stack. */
export function locateError(error: unknown): { templateName: string | null; lineno: number } | null {
  const stack = error instanceof Error ? error.stack : undefined;
  if (!stack) return null;
  const m = FRAME_RE.exec(stack);
  if (!m) return null;
  const info = registry.get(Number(m[1]));
  if (!info) return null;
  const line = info.lineMap[Number(m[2]) - HEADER_LINES - 1];
  return line === undefined ? null : { templateName: info.name, lineno: line };
}

/** Adds template location to errors escaping a render; converts JS engine errors. */
export function enrichError(error: unknown): unknown {
  let err = error;
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    const converted = new PythonError('RecursionError', 'maximum recursion depth exceeded');
    converted.stack = err.stack;
    err = converted;
  }
  if (err instanceof TemplateError && err.lineno == null) {
    const loc = locateError(err);
    if (loc) err.locate(loc);
  } else if (err instanceof Error && !(err instanceof TemplateError)) {
    const loc = locateError(err);
    if (loc) Object.assign(err, { templateName: loc.templateName, lineno: loc.lineno });
  }
  return err;
}
