import { need } from '../cli.js';
import { formatTestReport, testSources } from '../test-run.js';

export const testCommand = {
  usage: 'test <source folders…> [--update] [--golden-only | --boots-only] [--quiet]',
  summary:
    'Renders every golden fixture (test/fixtures/<name>.json → test/golden/<name>/…; --update rewrites them: review the diff)\nand replays every model of test/identify.yml (DHCP, HTTP, TFTP) through a real provd on loopback holding all the\ngiven plugins: the device must get the expected facts and plugin, and its files must be served. Exit 1 on any failure.',
  options: { update: { type: 'boolean', short: 'u' }, 'golden-only': { type: 'boolean' }, 'boots-only': { type: 'boolean' }, quiet: { type: 'boolean', short: 'q' } },
  async run(positionals: string[], values: Record<string, unknown>, io: { stdout(t: string): void; stderr(t: string): void }): Promise<number> {
    need(positionals.length > 0, 'test: give at least one source folder');
    const report = await testSources(positionals, { update: values.update === true, goldenOnly: values['golden-only'] === true, bootsOnly: values['boots-only'] === true });
    for (const line of formatTestReport(report, values.update === true)) if (!values.quiet || line.startsWith('FAIL') || line.startsWith(' ')) io.stdout(`${line}\n`);
    if (!report.passed) {
      io.stderr('DT_ERR_TOOL_TEST_FAILED: some tests failed\n');
      return 1;
    }
    return 0;
  },
} as const;
