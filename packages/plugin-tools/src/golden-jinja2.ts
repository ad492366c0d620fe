/**
 * Golden files from the reference engine: Python's Jinja2, configured like the reference plugins
 * (autoescape off, trailing newline dropped), renders each fixture of test/fixtures (and the common
 * files into _common) from the context our SDK plans, into test/golden/. `dialtone-plugin test`
 * then checks that @dialtone/jinja gives the same bytes; its `--update` writes our engine's output
 * instead, so this is the independent cross-check. Needs python3 with jinja2.
 */
import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FamilyPlan, PlannedFile, RawConfig } from '@dialtone/plugin-sdk';
import { applyRawConfigDefaults, applyStandardTransforms, loadFamily, planFamilyConfigure } from '@dialtone/plugin-sdk';
import { COMMON_GOLDEN, createTestContext, DEFAULT_BASE_RAW_CONFIG, readGoldenFixtures } from '@dialtone/plugin-sdk/testing';
import { ToolError, ToolErrorCode } from './errors.js';
import { stageTemp } from './stage.js';

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

/** Rewrites `<sourceDir>/test/golden` with Jinja2's output for the built target (`id`, or the first). Returns the files written, one a line. */
export async function goldenFromJinja2(sourceDir: string, id?: string): Promise<string> {
  const goldenDir = join(sourceDir, 'test', 'golden');
  const staged = await stageTemp(sourceDir, id);
  try {
    const family = await loadFamily(staged.dir);
    const { ctx } = createTestContext({ dir: staged.dir, id: staged.id });
    const plans: Array<[string, FamilyPlan]> = [];
    for (const fixture of await readGoldenFixtures(join(sourceDir, 'test', 'fixtures'))) {
      const raw = applyRawConfigDefaults(structuredClone({ ...DEFAULT_BASE_RAW_CONFIG, ...fixture.raw }));
      plans.push([fixture.name, await planFamilyConfigure(family, fixture.device, raw, ctx)]);
    }
    if (family.commonFiles.length > 0) {
      const context = structuredClone(DEFAULT_BASE_RAW_CONFIG) as RawConfig;
      applyStandardTransforms(family, context, ctx);
      await family.hooks.transformCommonRaw?.(context, ctx as never);
      const files: PlannedFile[] = family.commonFiles.map((f) => ({ name: f.name.source, templates: (f.templates ?? []).map((t) => t.source), encoding: f.encoding, errors: f.errors }));
      plans.push([COMMON_GOLDEN, { context, files }]);
    }
    const jobs = plans.flatMap(([name, plan]) => plan.files.map((file) => ({ out: join(goldenDir, name, file.name), templates: file.templates, context: plan.context, encoding: file.encoding, errors: file.errors })));
    await rm(goldenDir, { recursive: true, force: true });
    const searchPath = [join(staged.dir, 'var', 'templates'), join(staged.dir, 'templates')];
    const py = spawnSync('python3', ['-c', PYTHON], { input: JSON.stringify({ searchPath, jobs }), encoding: 'utf8' });
    if (py.status !== 0) throw new ToolError(ToolErrorCode.TEST_FAILED, `python3 jinja2 failed: ${py.stderr || py.error?.message}`);
    return py.stdout;
  } finally {
    await staged.remove();
  }
}
