/**
 * `dialtone-plugin test`: for each source folder, each target is built and laid out as provd
 * installs it; its golden fixtures are rendered through the SDK's fake host (test/fixtures →
 * test/golden, `update` rewrites them); then every scenario of test/identify.yml is replayed
 * through a real provd holding all the plugins being tested.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { checkGoldenFiles, goldenPassed, type GoldenOutcome } from '@dialtone/plugin-sdk/testing';
import { ToolError, ToolErrorCode, type Finding } from './errors.js';
import { parseScenarios, SCENARIOS_FILE, type Scenario } from './scenarios.js';
import { simulate, stagingDir, type SimulatedPlugin, type SimulationOutcome } from './simulate.js';
import { substitute } from './source.js';
import { renderSource, writeTargetTree } from './stage.js';

export interface TestOptions {
  readonly update?: boolean;
  /** Skip the provd simulation (golden files only). */
  readonly goldenOnly?: boolean;
  /** Skip the golden files (simulated boots only). */
  readonly bootsOnly?: boolean;
}

export interface TestReport {
  readonly golden: ReadonlyArray<GoldenOutcome & { readonly plugin: string; readonly source: string }>;
  readonly simulation: readonly SimulationOutcome[];
  readonly passed: boolean;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

export async function testSources(dirs: readonly string[], options: TestOptions = {}): Promise<TestReport> {
  const staging = await stagingDir();
  try {
    const golden: Array<GoldenOutcome & { plugin: string; source: string }> = [];
    const simulated: SimulatedPlugin[] = [];
    for (const dir of dirs) {
      const targets = await renderSource(dir);
      let scenarioText: string | null = null;
      try {
        scenarioText = await readFile(join(dir, SCENARIOS_FILE), 'utf8');
      } catch {
        scenarioText = null;
      }
      for (const [i, t] of targets.entries()) {
        const staged = join(staging.dir, t.id);
        await writeTargetTree(t, staged);
        // golden files are the first target's (a family's output does not depend on the firmware parameter, usually)
        if (i === 0 && !options.bootsOnly && (await exists(join(dir, 'test', 'fixtures')))) {
          const fixturesDir = join(dir, 'test', 'fixtures');
          const outcomes = await checkGoldenFiles(staged, { id: t.id, fixturesDir, goldenDir: join(dir, 'test', 'golden'), update: options.update });
          golden.push(...outcomes.map((o) => ({ ...o, plugin: t.id, source: dir })));
        }
        if (scenarioText !== null && !options.goldenOnly) {
          const findings: Finding[] = [];
          const values = { id: t.id, ...(t.target.firmware === undefined ? {} : { firmware: t.target.firmware }), ...t.target.params };
          const scenarios: Scenario[] = parseScenarios(substitute(scenarioText, SCENARIOS_FILE, values, findings), findings);
          if (findings.length > 0) throw new ToolError(ToolErrorCode.TEST_FAILED, `${dir}: bad ${SCENARIOS_FILE}`, findings);
          simulated.push({ id: t.id, dir: staged, scenarios });
        }
      }
    }
    const simulation = simulated.length > 0 ? await simulate(simulated) : [];
    const passed = golden.every(goldenPassed) && simulation.every((s) => s.problems.length === 0);
    return { golden, simulation, passed };
  } finally {
    await staging.remove();
  }
}

/** The report as lines for people. */
export function formatTestReport(report: TestReport, update = false): string[] {
  const lines: string[] = [];
  for (const g of report.golden) {
    if (update) {
      lines.push(`golden ${g.plugin} ${g.fixture}: wrote ${g.written.length} file(s)`);
      continue;
    }
    const ok = goldenPassed(g);
    lines.push(`${ok ? 'ok  ' : 'FAIL'} golden ${g.plugin} ${g.fixture}${g.description ? ` (${g.description})` : ''}`);
    for (const f of g.missing) lines.push(`     ${f}: not written (golden file exists)`);
    for (const f of g.unexpected) lines.push(`     ${f}: written, no golden file (run with --update, review the diff)`);
    for (const c of g.changed) lines.push(`     ${c.file}:${c.line}: expected ${JSON.stringify(c.want)}, got ${JSON.stringify(c.got)}`);
  }
  for (const s of report.simulation) {
    lines.push(`${s.problems.length === 0 ? 'ok  ' : 'FAIL'} boot ${s.plugin} ${s.model} ${s.mac}`);
    for (const p of s.problems) lines.push(`     ${p}`);
  }
  return lines;
}
