import { need } from '../cli.js';
import { formatFinding } from '../errors.js';
import { lint } from '../lint.js';

export const lintCommand = {
  usage: 'lint <source folders…> [--against <published channel folder or URL>]',
  summary:
    'Checks build.yml, plugin-info, family.yml, test/identify.yml and pkgs/ (every problem with file:line field),\ncompiles every template, checks that every model has identification declarations that its rules match,\nand with --against refuses a bundle whose content changed while its version did not. Exit 1 on any problem.',
  options: { against: { type: 'string' } },
  async run(positionals: string[], values: Record<string, unknown>, io: { stdout(t: string): void; stderr(t: string): void }): Promise<number> {
    need(positionals.length > 0, 'lint: give at least one source folder');
    const findings = await lint(positionals, { against: values.against as string | undefined });
    for (const f of findings) io.stderr(`${formatFinding(f)}\n`);
    if (findings.length > 0) {
      io.stderr(`DT_ERR_TOOL_LINT_FAILED: ${findings.length} problem(s)\n`);
      return 1;
    }
    return 0;
  },
} as const;
