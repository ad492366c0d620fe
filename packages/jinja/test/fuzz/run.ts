// Differential fuzzer CLI: random templates and contexts rendered by Python Jinja2 and by this
// engine, compared byte for byte (or both fail). Exit 1 on any unexplained difference.
//   node --import tsx test/fuzz/run.ts [--seed N] [--cases N] [--show N] [--out FILE.jsonl]
// Without --seed a fresh one is drawn; the seed is always printed so a run can be replayed.
import { writeFileSync } from 'node:fs';
import { generateCases } from './generate.js';
import { runDifferential, type Difference } from './differential.js';

const HELP = `usage: run.ts [--seed N] [--cases N] [--show N] [--out FILE.jsonl]
  --seed N     PRNG seed (default: a fresh random seed, printed)
  --cases N    number of random cases (default 5000)
  --show N     differences to print in full (default 5)
  --out FILE   write every difference as one JSON line (case, python, engine)`;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv.includes('--help')) {
  console.log(HELP);
  process.exit(0);
}
if (process.argv.includes('--version')) {
  console.log('0.1.0');
  process.exit(0);
}
const seed = arg('--seed') !== undefined ? Number(arg('--seed')) : Math.floor(Math.random() * 2 ** 31);
const count = Number(arg('--cases') ?? 5000);
const show = Number(arg('--show') ?? 5);
if (!Number.isInteger(seed) || !Number.isInteger(count) || count <= 0) {
  console.error(HELP);
  process.exit(2);
}

// printed first: a case that crashes the process (out of memory…) can still be replayed
console.log(`jinja fuzz: seed ${seed}, ${count} cases`);
const start = performance.now();
const cases = generateCases(seed, count);
const report = await runDifferential(cases);
const seconds = (performance.now() - start) / 1000;

const describe = (d: Difference): string => {
  const o = (x: Difference['python']) => (x.ok ? `ok ${JSON.stringify(x.out)}` : `${x.error}: ${x.message}`);
  const templates = Object.entries(d.case.templates).map(([n, s]) => `  template ${n}: ${JSON.stringify(s)}`).join('\n');
  return `case ${d.case.id} options ${JSON.stringify(d.case.options)}\n${templates}\n  context: ${d.case.context}\n  python: ${o(d.python)}\n  engine: ${o(d.engine)}`;
};
for (const d of report.differences.slice(0, show)) console.log(describe(d) + '\n');
const out = arg('--out');
if (out) writeFileSync(out, report.differences.map((d) => JSON.stringify(d)).join('\n') + (report.differences.length ? '\n' : ''));

const excluded = [...report.excluded].map(([n, k]) => `${n} ${k}`).join(', ') || 'none';
console.log(
  `jinja fuzz: seed ${seed}, ${report.cases} cases (${report.pythonFailed} fail in Python), ${report.differences.length} unexplained difference(s), excluded by name: ${excluded}; ${seconds.toFixed(1)} s`,
);
process.exitCode = report.differences.length ? 1 : 0;
