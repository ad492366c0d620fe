/**
 * Regenerates test/golden/ with the reference engine, Python's Jinja2 (configured like the
 * reference plugins: autoescape off, trailing newline dropped), from the context our SDK builds.
 * The golden test then checks that @dialtone/jinja renders the same bytes.
 * Run: npm run golden -w <this package>   (review the diff by eye before committing)
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pluginDir } from '../src/index.js';
import { COMMON, goldenDir, goldenFixtures, planCommon, planFixture } from './golden-fixtures.js';

const PYTHON = `
import json, os, sys
from jinja2 import Environment, FileSystemLoader
req = json.load(sys.stdin)
env = Environment(loader=FileSystemLoader(req['searchPath']), autoescape=False, keep_trailing_newline=False)
for job in req['jobs']:
    text = env.select_template(job['templates']).render(job['context'])
    os.makedirs(os.path.dirname(job['out']), exist_ok=True)
    with open(job['out'], 'wb') as f:
        f.write(text.encode(job['encoding'], job['errors']))
    print(job['out'])
`;

const jobs = [];
const plans = [...(await Promise.all(goldenFixtures().map(async (f) => [f.name, await planFixture(f)] as const))), [COMMON, await planCommon()] as const];
for (const [name, plan] of plans) {
  for (const file of plan.files) jobs.push({ out: join(goldenDir, name, file.name), templates: file.templates, context: plan.context, encoding: file.encoding, errors: file.errors });
}
rmSync(goldenDir, { recursive: true, force: true });
const searchPath = [join(pluginDir, 'var', 'templates'), join(pluginDir, 'templates')];
const py = spawnSync('python3', ['-c', PYTHON], { input: JSON.stringify({ searchPath, jobs }), encoding: 'utf8' });
process.stdout.write(py.stdout);
if (py.status !== 0) {
  process.stderr.write(py.stderr);
  process.exit(1);
}
