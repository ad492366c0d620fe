// Reads the golden corpus (see test/golden/README.md) and renders a case with this engine.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  ChainableUndefined,
  DebugUndefined,
  DictLoader,
  Environment,
  FileSystemLoader,
  parsePythonJson,
  PythonError,
  StrictUndefined,
  TemplateError,
  Undefined,
  type EnvironmentOptions,
  type Loader,
} from '@dialtone/jinja';

export interface GoldenCase {
  /** group/case */
  id: string;
  options: Record<string, unknown>;
  context: Record<string, unknown>;
  loader: Loader;
  main: string;
  expectedPath: string;
  errorPath: string;
}

const UNDEFINED_CLASSES: Record<string, EnvironmentOptions['undefined']> = {
  Undefined,
  ChainableUndefined,
  DebugUndefined,
  StrictUndefined,
};

/** Jinja error classes whose messages must match too (Python built-ins compare by class). */
const MESSAGE_CHECKED = new Set([
  'TemplateSyntaxError',
  'TemplateAssertionError',
  'UndefinedError',
  'TemplateNotFound',
  'TemplatesNotFound',
  'TemplateRuntimeError',
  'FilterArgumentError',
]);

export function parseCasesFile(text: string): { name: string; sections: [string, string][] }[] {
  const cases: { name: string; sections: [string, string][] }[] = [];
  let current: { name: string; sections: [string, string][] } | null = null;
  let header: string | null = null;
  let body: string[] = [];
  const flush = (): void => {
    if (current && header !== null) current.sections.push([header, body.join('\n')]);
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('=== ')) {
      flush();
      current = { name: line.slice(4).trim(), sections: [] };
      cases.push(current);
      header = null;
      body = [];
    } else if (line.startsWith('--- ') && current) {
      flush();
      header = line.slice(4).trim();
      body = [];
    } else if (header !== null) body.push(line);
  }
  flush();
  return cases;
}

function caseFromSections(id: string, sections: [string, string][], expectedBase: string): GoldenCase {
  let options: Record<string, unknown> = {};
  let context: Record<string, unknown> = {};
  const templates: Record<string, string> = {};
  for (const [header, body] of sections) {
    const words = header.split(/\s+/);
    if (words[0] === 'options') options = body.trim() ? (parsePythonJson(body) as Record<string, unknown>) : {};
    else if (words[0] === 'context') context = body.trim() ? (parsePythonJson(body) as Record<string, unknown>) : {};
    else if (words[0] === 'template' || words[0] === 'template-json') {
      templates[words[1] ?? 'main'] = words[0] === 'template-json' ? (JSON.parse(body) as string) : body;
    } else throw new Error(`${id}: unknown section ${header}`);
  }
  const main = (options.main as string | undefined) ?? ('main' in templates ? 'main' : Object.keys(templates)[0]);
  return {
    id,
    options,
    context,
    loader: new DictLoader(templates),
    main,
    expectedPath: `${expectedBase}.txt`,
    errorPath: `${expectedBase}.error`,
  };
}

export function loadCorpus(root: string): GoldenCase[] {
  const out: GoldenCase[] = [];
  for (const entry of readdirSync(root).sort()) {
    const path = join(root, entry);
    if (entry.endsWith('.cases')) {
      const group = entry.slice(0, -'.cases'.length);
      for (const c of parseCasesFile(readFileSync(path, 'utf-8'))) {
        out.push(caseFromSections(`${group}/${c.name}`, c.sections, join(root, `${group}.expected`, c.name)));
      }
    } else if (statSync(path).isDirectory() && !entry.endsWith('.expected')) {
      for (const name of readdirSync(path).sort()) {
        const dir = join(path, name);
        if (!existsSync(join(dir, 'case.json'))) continue;
        const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf-8')) as {
          template: string;
          options?: Record<string, unknown>;
          path?: string[];
          context?: string;
          encoding?: string;
        };
        const context = parsePythonJson(readFileSync(join(dir, spec.context ?? 'context.json'), 'utf-8')) as Record<string, unknown>;
        out.push({
          id: `${entry}/${name}`,
          options: spec.options ?? {},
          context,
          loader: new FileSystemLoader(
            (spec.path ?? ['templates']).map((p) => join(dir, p)),
            { encoding: spec.encoding ?? 'utf-8' },
          ),
          main: spec.template,
          expectedPath: join(dir, 'expected.txt'),
          errorPath: join(dir, 'expected.error'),
        });
      }
    }
  }
  return out;
}

export function environmentFor(c: GoldenCase): Environment {
  const o = c.options;
  const undefinedName = o.undefined as string | undefined;
  return new Environment({
    loader: c.loader,
    trimBlocks: o.trim_blocks as boolean | undefined,
    lstripBlocks: o.lstrip_blocks as boolean | undefined,
    keepTrailingNewline: o.keep_trailing_newline as boolean | undefined,
    newlineSequence: o.newline_sequence as EnvironmentOptions['newlineSequence'],
    autoescape: o.autoescape as boolean | undefined,
    undefined: undefinedName ? UNDEFINED_CLASSES[undefinedName] : undefined,
  });
}

export type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; className: string; message: string; lineno: number | null };

export function renderCase(c: GoldenCase): Outcome {
  try {
    return { kind: 'ok', text: environmentFor(c).getTemplate(c.main).render(c.context) };
  } catch (e) {
    if (e instanceof PythonError) return { kind: 'error', className: e.pythonType, message: e.description, lineno: e.lineno };
    if (e instanceof TemplateError) return { kind: 'error', className: e.name, message: e.description, lineno: e.lineno };
    return { kind: 'error', className: `JS:${(e as Error).name}`, message: String((e as Error).stack), lineno: null };
  }
}

/** null when the outcome matches the stored expectation, else a description of the difference. */
export function compareOutcome(c: GoldenCase, got: Outcome): string | null {
  if (existsSync(c.expectedPath)) {
    const want = readFileSync(c.expectedPath, 'utf-8');
    if (got.kind === 'error') return `expected output ${JSON.stringify(want)}, got ${got.className}: ${got.message}`;
    return got.text === want ? null : `output differs\n  want ${JSON.stringify(want)}\n  got  ${JSON.stringify(got.text)}`;
  }
  if (existsSync(c.errorPath)) {
    const raw = readFileSync(c.errorPath, 'utf-8');
    const [className, lineText] = raw.split('\n', 2);
    const message = raw.slice(className.length + lineText.length + 2);
    if (got.kind === 'ok') return `expected ${className}: ${message}, got output ${JSON.stringify(got.text)}`;
    if (got.className !== className) return `expected ${className}: ${message}\n  got ${got.className}: ${got.message}`;
    if (MESSAGE_CHECKED.has(className) && got.message !== message) {
      return `${className} message differs\n  want ${JSON.stringify(message)}\n  got  ${JSON.stringify(got.message)}`;
    }
    const wantLine = lineText.replace(/^line /, '');
    if (wantLine !== '?' && String(got.lineno) !== wantLine) return `${className} reported on line ${got.lineno}, Python says ${wantLine}`;
    return null;
  }
  return 'no expected output stored (run npm run golden -w @dialtone/jinja)';
}
