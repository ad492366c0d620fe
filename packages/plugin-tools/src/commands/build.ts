import { build } from '../build.js';
import { need } from '../cli.js';

export const buildCommand = {
  usage: 'build <source folders…> --out <repository folder> [--verbose]',
  summary:
    'Builds every target of every source folder into <id>-<version>.tar.bz2 (reproducible: same input, same sha1)\nand merges them into <out>/plugins.db. One failing target fails the build; nothing is written then.\nQuiet on success unless --verbose.',
  options: { out: { type: 'string', short: 'o' }, verbose: { type: 'boolean', short: 'v' } },
  async run(positionals: string[], values: Record<string, unknown>, io: { stdout(t: string): void }): Promise<number> {
    need(positionals.length > 0, 'build: give at least one source folder');
    need(typeof values.out === 'string', 'build: --out <repository folder> is required');
    const result = await build(positionals, values.out);
    if (values.verbose) for (const b of result.bundles) io.stdout(`${b.written ? 'built ' : 'same  '} ${b.filename} sha1 ${b.sha1sum}\n`);
    return 0;
  },
} as const;
