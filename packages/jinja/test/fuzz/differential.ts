// Renders fuzz cases with Python Jinja2 (scripts/fuzz-oracle.py, Debian's /usr/bin/python3) and
// with this engine, and compares: same bytes, or both fail. Deliberate differences documented in
// docs/reference/jinja.md are excluded by name (EXCLUSIONS).
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ChainableUndefined,
  DebugUndefined,
  DictLoader,
  Environment,
  parsePythonJson,
  StrictUndefined,
  Undefined,
  type EnvironmentOptions,
} from '@dialtone/jinja';
import type { FuzzCase } from './generate.js';

export const PYTHON = '/usr/bin/python3';
const ORACLE = fileURLToPath(new URL('../../scripts/fuzz-oracle.py', import.meta.url));

export type Outcome = { ok: true; out: string } | { ok: false; error: string; message: string };

export interface Difference {
  case: FuzzCase;
  python: Outcome;
  engine: Outcome;
}

export interface Exclusion {
  /** The name used in docs/reference/jinja.md (Differences from Python Jinja2). */
  name: string;
  applies(c: FuzzCase, python: Outcome, engine: Outcome): boolean;
}

/** Deliberate differences, each listed in docs/reference/jinja.md. */
export const EXCLUSIONS: Exclusion[] = [
  {
    // Python prints generators, functions and methods with their memory address; this engine
    // prints the same text without it (`<generator object>`).
    name: 'memory-address-repr',
    applies: (_c, py, js) => py.ok && js.ok && ADDRESS.test(py.out) && withoutAddresses(py.out) === js.out,
  },
  {
    // Iterating a dict takes a snapshot here; Python raises when the dict changes size meanwhile.
    name: 'dict-changed-during-iteration',
    applies: (_c, py, js) => !py.ok && py.error === 'RuntimeError' && py.message.includes('changed size during iteration') && js.ok,
  },
  {
    // Complex numbers are not supported: a negative number to a fractional power raises here.
    name: 'complex-numbers',
    applies: (_c, _py, js) => !js.ok && js.error === 'ValueError' && js.message.startsWith('complex results are not supported'),
  },
];

// Case-insensitive and letter-tolerant: filters such as upper, title or replace('a', 'b') may
// have changed the text around the address (`<GENERATOR OBJECT DO_UNIQUE AT 0X7F…>`).
const ADDRESS = /(?: |', ')\w\w(?: |', ')0x[0-9a-f]+/i;

/** Python's text with ` at 0x…` (and a generator's function name) removed. */
function withoutAddresses(s: string): string {
  return s
    .replace(/(gen\w+ \w+) \w+ (\w\w 0x[0-9a-f]+)/gi, '$1 $2')
    .replace(/ \w\w 0x[0-9a-f]+/gi, '')
    // the same text split on spaces (`x|string|split`): ['<generator', 'object', 'f', 'at', '0x…>']
    .replace(/', '\w+', '\w\w', '0x[0-9a-f]+/gi, '');
}

const UNDEFINED: Record<string, EnvironmentOptions['undefined']> = { Undefined, ChainableUndefined, DebugUndefined, StrictUndefined };

/** Renders one case with this engine. */
export function renderWithEngine(c: FuzzCase): Outcome {
  try {
    const o = c.options;
    const env = new Environment({
      loader: new DictLoader(c.templates),
      trimBlocks: o.trim_blocks === true,
      lstripBlocks: o.lstrip_blocks === true,
      keepTrailingNewline: o.keep_trailing_newline === true,
      undefined: UNDEFINED[(o.undefined as string | undefined) ?? 'Undefined'],
    });
    const context = parsePythonJson(c.context, { dicts: c.dicts }) as Record<string, unknown>;
    return { ok: true, out: env.getTemplate(c.main).render(context) };
  } catch (e) {
    const err = e as Error & { pythonType?: string };
    return { ok: false, error: err.pythonType ?? err.name ?? 'Error', message: String(err.message).slice(0, 300) };
  }
}

/**
 * Starts Python Jinja2 on all cases in one background process (input and output go through
 * temporary files, so Python works while this engine renders on the other core).
 */
export function startPython(cases: FuzzCase[]): Promise<Map<string, Outcome>> {
  const dir = mkdtempSync(join(tmpdir(), 'jinja-fuzz-'));
  const inPath = join(dir, 'cases.jsonl');
  const outPath = join(dir, 'results.jsonl');
  writeFileSync(inPath, cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
  const input = openSync(inPath, 'r');
  const output = openSync(outPath, 'w');
  const child = spawn(PYTHON, [ORACLE], { stdio: [input, output, 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf-8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    const done = (err: Error | null) => {
      closeSync(input);
      closeSync(output);
      try {
        if (err) return reject(err);
        const out = new Map<string, Outcome>();
        for (const line of readFileSync(outPath, 'utf-8').split('\n')) {
          if (!line) continue;
          const { id, ...result } = JSON.parse(line) as Outcome & { id: string };
          out.set(id, result as Outcome);
        }
        resolve(out);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    child.on('error', (e) => done(new Error(`fuzz oracle failed to start: ${e.message}`)));
    child.on('close', (code) => done(code === 0 ? null : new Error(`fuzz oracle failed (is python3-jinja2 installed?): ${stderr}`)));
  });
}

export function same(a: Outcome, b: Outcome): boolean {
  return a.ok ? b.ok && a.out === b.out : !b.ok;
}

export interface FuzzReport {
  cases: number;
  pythonFailed: number;
  differences: Difference[];
  excluded: Map<string, number>;
}

export async function runDifferential(cases: FuzzCase[]): Promise<FuzzReport> {
  const pending = startPython(cases);
  pending.catch(() => {}); // awaited below; avoids an unhandled rejection while rendering
  const engine = cases.map(renderWithEngine);
  const python = await pending;
  const report: FuzzReport = { cases: cases.length, pythonFailed: 0, differences: [], excluded: new Map() };
  for (const [i, c] of cases.entries()) {
    const py = python.get(c.id);
    if (!py) throw new Error(`no Python result for case ${c.id}`);
    if (!py.ok) report.pythonFailed++;
    const js = engine[i];
    if (same(py, js)) continue;
    const exclusion = EXCLUSIONS.find((x) => x.applies(c, py, js));
    if (exclusion) report.excluded.set(exclusion.name, (report.excluded.get(exclusion.name) ?? 0) + 1);
    else report.differences.push({ case: c, python: py, engine: js });
  }
  return report;
}
