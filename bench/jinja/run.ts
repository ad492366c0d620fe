/**
 * bench/jinja (issue 3): one large provisioning template (≈50 KB of output, two levels of
 * extends, includes, a loop over 100 function keys with filters) rendered by @dialtone/jinja and
 * by Python Jinja2 in the same run, in alternating rounds (the machine is shared, so each side
 * keeps its best round); then 600 templates compiled by each. Targets: ≥ 5× Python's renders/s,
 * 600 compilations ≤ 1 s. Then the differential fuzzer (packages/jinja/test/fuzz) with a fresh
 * seed, printed so a failing run can be replayed with `npm run fuzz -w @dialtone/jinja -- --seed N`.
 * Knobs (environment): ROUNDS (default 3), SECONDS per round (default 1.5), FUZZ_CASES (default
 * 2000, 0 to skip).
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Environment, FileSystemLoader, parsePythonJson } from '@dialtone/jinja';

const here = fileURLToPath(new URL('.', import.meta.url));
const fixtures = join(here, 'fixtures');
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const SECONDS = Number(process.env.SECONDS ?? 1.5);
const TARGET = { ratio: 5, compileSeconds: 1 };
const PYTHON = '/usr/bin/python3';
const FUZZ_CASES = Number(process.env.FUZZ_CASES ?? 2000);
const FUZZER = join(here, '..', '..', 'packages', 'jinja', 'test', 'fuzz', 'run.ts');

interface PythonRound {
  version: string;
  renders_per_second: number;
  bytes: number;
  sha256: string;
  compile_seconds: number | null;
}

/** 600 distinct sources: the fixture templates with a distinct variable each. */
function compileCorpus(): string[] {
  const names = ['base.tpl', 'family.tpl', 'model.tpl', 'common/network.tpl', 'common/account.tpl'];
  const texts = names.map((n) => readFileSync(join(fixtures, 'templates', n), 'utf-8'));
  return Array.from({ length: 600 }, (_, i) => `{# variant ${i} #}{{ v_${i}|default('') }}\n${texts[i % texts.length]}`);
}

function measureRenders(render: () => string, seconds: number): number {
  let n = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  while (performance.now() < deadline) {
    render();
    n++;
  }
  return n / ((performance.now() - start) / 1000);
}

function pythonRound(sourcesFile?: string): PythonRound {
  const args = [join(here, 'python-side.py'), fixtures, String(SECONDS), ...(sourcesFile ? [sourcesFile] : [])];
  const r = spawnSync(PYTHON, args, { encoding: 'utf-8' });
  if (r.status !== 0) {
    console.error(`python side failed (is python3-jinja2 installed?):\n${r.stderr}`);
    process.exit(1);
  }
  return JSON.parse(r.stdout) as PythonRound;
}

const sha = (s: string) => createHash('sha256').update(s, 'utf-8').digest('hex');

console.log(`node ${process.version}, ${cpus().length} cpu(s) (${cpus()[0]?.model ?? 'unknown'}), shared with other jobs: best of ${ROUNDS} alternating rounds of ${SECONDS} s`);
const env = new Environment({ loader: new FileSystemLoader(join(fixtures, 'templates')) });
const context = parsePythonJson(readFileSync(join(fixtures, 'context.json'), 'utf-8')) as Record<string, unknown>;
const template = env.getTemplate('model.tpl');
const output = template.render(context);
for (let i = 0; i < 200; i++) template.render(context);

const sources = compileCorpus();
const tmp = mkdtempSync(join(tmpdir(), 'bench-jinja-'));
let jsRate = 0;
let pyRate = 0;
let python: PythonRound | undefined;
const compileRuns: number[] = [];
try {
  const sourcesFile = join(tmp, 'sources.json');
  writeFileSync(sourcesFile, JSON.stringify(sources));
  for (let round = 0; round < ROUNDS; round++) {
    jsRate = Math.max(jsRate, measureRenders(() => template.render(context), SECONDS));
    const py = pythonRound(round === 0 ? sourcesFile : undefined);
    python ??= py;
    pyRate = Math.max(pyRate, py.renders_per_second);
    const compileEnv = new Environment();
    const start = performance.now();
    for (const source of sources) compileEnv.fromString(source);
    compileRuns.push((performance.now() - start) / 1000);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
const py = python!;
const compileSeconds = Math.min(...compileRuns);
const identical = sha(output) === py.sha256;
const ratio = jsRate / pyRate;
const pad = (s: string, n: number) => s.padEnd(n);
console.log(`\nrender model.tpl (extends family.tpl → base.tpl, 3 includes, 100 function keys): ${Buffer.byteLength(output)} bytes`);
console.log(`  output byte-identical to Python Jinja2 ${py.version}: ${identical ? 'yes' : 'NO'}`);
console.log(`  ${pad('@dialtone/jinja', 24)} ${jsRate.toFixed(0).padStart(8)} renders/s`);
console.log(`  ${pad(`Python Jinja2 ${py.version}`, 24)} ${pyRate.toFixed(0).padStart(8)} renders/s`);
console.log(`  ratio ${ratio.toFixed(1)}× (target ≥ ${TARGET.ratio}×) ${ratio >= TARGET.ratio ? 'ok' : 'BELOW TARGET'}`);
console.log(`\ncompile 600 templates (${sources.reduce((n, s) => n + s.split('\n').length, 0)} lines), first run and best of ${ROUNDS}`);
console.log(
  `  ${pad('@dialtone/jinja', 24)} ${(compileRuns[0] * 1000).toFixed(0).padStart(8)} ms, best ${(compileSeconds * 1000).toFixed(0)} ms (target ≤ ${TARGET.compileSeconds * 1000} ms) ${compileSeconds <= TARGET.compileSeconds ? 'ok' : 'ABOVE TARGET'}`,
);
console.log(`  ${pad(`Python Jinja2 ${py.version}`, 24)} ${((py.compile_seconds ?? 0) * 1000).toFixed(0).padStart(8)} ms`);
if (!identical) process.exitCode = 1;

if (FUZZ_CASES > 0) {
  console.log(`\ndifferential fuzz against Python Jinja2, ${FUZZ_CASES} random cases, fresh seed`);
  const fuzz = spawnSync(process.execPath, ['--import', 'tsx', FUZZER, '--cases', String(FUZZ_CASES)], { stdio: 'inherit' });
  if (fuzz.status !== 0) process.exitCode = 1;
}
