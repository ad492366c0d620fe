import { checkFirmware } from '../check-fw.js';
import { need } from '../cli.js';

const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;

export const checkFwCommand = {
  usage: 'check-fw <source folder> [--fill]',
  summary:
    'Downloads every firmware file of pkgs/ (for every build target) and checks its size and sha1sum; exit 1 on a mismatch.\nWith --fill, writes the measured size and sha1sum into pkgs/ instead. Progress on stderr.',
  options: { fill: { type: 'boolean' } },
  async run(positionals: string[], values: Record<string, unknown>, io: { stdout(t: string): void; stderr(t: string): void }): Promise<number> {
    need(positionals.length === 1, 'check-fw: give one source folder');
    const results = await checkFirmware(positionals[0], {
      fill: values.fill === true,
      progress: (p) => io.stderr(`${p.file}: ${mib(p.received)}${p.total ? ` / ${mib(p.total)} (${Math.floor((100 * p.received) / p.total)}%)` : ''}${p.done ? ' done' : ''}\n`),
    });
    let bad = 0;
    for (const r of results) {
      if (r.skipped) io.stdout(`skip  ${r.target} file_${r.file}: ${r.skipped}\n`);
      else if (r.ok) io.stdout(`ok    ${r.target} file_${r.file} ${r.actual!.size} ${r.actual!.sha1sum}\n`);
      else if (values.fill) io.stdout(`fill  ${r.target} file_${r.file} size ${r.actual!.size} sha1sum ${r.actual!.sha1sum}\n`);
      else {
        bad++;
        io.stdout(`FAIL  ${r.target} file_${r.file}: declared ${r.declared.size} ${r.declared.sha1sum}, downloaded ${r.actual!.size} ${r.actual!.sha1sum}\n`);
      }
    }
    if (bad > 0) {
      io.stderr(`DT_ERR_TOOL_FIRMWARE_MISMATCH: ${bad} file(s) differ from pkgs.db (run with --fill after checking the source)\n`);
      return 1;
    }
    return 0;
  },
} as const;
