import { need } from '../cli.js';
import { scaffold } from '../scaffold.js';

export const newCommand = {
  usage: 'new <family> [--dir <parent folder>]',
  summary: 'Creates <parent>/<family>/ (default: the current folder): plugin-info, build.yml, family.yml, a template,\npkgs/pkgs.db, test/identify.yml, a golden fixture with its rendered golden files, and test/plugin.test.ts.\nThe new family lints clean and passes `dialtone-plugin test` as created.',
  options: { dir: { type: 'string', short: 'd' } },
  async run(positionals: string[], values: Record<string, unknown>, io: { stdout(t: string): void }): Promise<number> {
    need(positionals.length === 1, 'new: give one family name');
    const { dir, files } = await scaffold(positionals[0], typeof values.dir === 'string' ? values.dir : process.cwd());
    io.stdout(`created ${dir}\n${files.map((f) => `  ${f}\n`).join('')}next: dialtone-plugin test ${dir}\n`);
    return 0;
  },
} as const;
