/**
 * Regenerates test/golden/ with the reference engine, Python's Jinja2 (configured like the
 * reference plugins: autoescape off, trailing newline dropped), from the context our SDK builds.
 * `dialtone-plugin test` then checks that @dialtone/jinja renders the same bytes (its own
 * `--update` writes our engine's output instead; this script is the independent cross-check).
 * Run: npm run golden -w @dialtone/plugin-digium   (review the diff by eye before committing)
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { applyRawConfigDefaults, loadFamily, planFamilyConfigure } from '@dialtone/plugin-sdk';
import { createTestContext, DEFAULT_BASE_RAW_CONFIG, readGoldenFixtures } from '@dialtone/plugin-sdk/testing';
import { stageTemp } from '@dialtone/plugin-tools';
import { DIGIUM_PLUGIN_ID, digiumPluginDir } from '../src/index.js';

const goldenDir = join(digiumPluginDir, 'test', 'golden');
const staged = await stageTemp(digiumPluginDir);
const family = await loadFamily(staged.dir);
const { ctx } = createTestContext({ dir: staged.dir, id: DIGIUM_PLUGIN_ID });

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
for (const fixture of await readGoldenFixtures(join(digiumPluginDir, 'test', 'fixtures'))) {
  const raw = applyRawConfigDefaults(structuredClone({ ...DEFAULT_BASE_RAW_CONFIG, ...fixture.raw }));
  const plan = await planFamilyConfigure(family, fixture.device, raw, ctx);
  for (const file of plan.files) {
    jobs.push({ out: join(goldenDir, fixture.name, file.name), templates: file.templates, context: plan.context, encoding: file.encoding, errors: file.errors });
  }
}
rmSync(goldenDir, { recursive: true, force: true });
const searchPath = [join(staged.dir, 'var', 'templates'), join(staged.dir, 'templates')];
const py = spawnSync('python3', ['-c', PYTHON], { input: JSON.stringify({ searchPath, jobs }), encoding: 'utf8' });
process.stdout.write(py.stdout);
await staged.remove();
if (py.status !== 0) {
  process.stderr.write(py.stderr);
  process.exit(1);
}
