/** The dialtone-plugin command line: parses arguments, runs one command, returns the exit code. */
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatFinding, isToolError, ToolError, ToolErrorCode } from './errors.js';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | string[] | undefined>;

interface Command {
  readonly usage: string;
  readonly summary: string;
  readonly options: Options;
  run(positionals: string[], values: Values, io: CliIo): Promise<number>;
}

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const commands: Record<string, () => Promise<Command>> = {
  new: async () => (await import('./commands/new.js')).newCommand,
  build: async () => (await import('./commands/build.js')).buildCommand,
  lint: async () => (await import('./commands/lint.js')).lintCommand,
  test: async () => (await import('./commands/test.js')).testCommand,
  publish: async () => (await import('./commands/publish.js')).publishCommand,
  promote: async () => (await import('./commands/publish.js')).promoteCommand,
  archive: async () => (await import('./commands/publish.js')).archiveCommand,
  'check-fw': async () => (await import('./commands/check-fw.js')).checkFwCommand,
};

const SUMMARIES: Record<string, string> = {
  new: 'new <family> [--dir <parent>]            scaffold a family with a passing test',
  build: 'build <source folders…> --out <dir>      reproducible bundles + plugins.db',
  lint: 'lint <source folders…> [--against <channel>]  schemas, templates, models, pkgs.db, versions',
  test: 'test <source folders…> [--update]        golden files + simulated DHCP/HTTP/TFTP identification',
  publish: 'publish --from <dir> --channel <c> <repository>  add bundles to a channel (folder or http URL)',
  promote: 'promote <from> <to> <repository> [ids…]  copy a channel\'s bundles to another',
  archive: 'archive <repository> [--channel <c>]     move superseded bundles to the archive channel',
  'check-fw': 'check-fw <source folder> [--fill]        download firmware, verify or fill size and sha1sum',
};

export function usage(): string {
  return `dialtone-plugin ${VERSION}: build, check and publish provd plugin families.\n\nUsage: dialtone-plugin <command> [options]\n\n${Object.values(SUMMARIES)
    .map((s) => `  ${s}`)
    .join('\n')}\n\nEvery command takes --help. See docs/reference/dialtone-plugin.md.\n`;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const load = commands[name];
  if (!load) {
    io.stderr(`${ToolErrorCode.USAGE}: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const command = await load();
  let parsed;
  try {
    parsed = parseArgs({ args: [...rest], options: { help: { type: 'boolean', short: 'h' }, ...command.options }, allowPositionals: true, strict: true });
  } catch (err) {
    io.stderr(`${ToolErrorCode.USAGE}: ${(err as Error).message}\nUsage: dialtone-plugin ${command.usage}\n`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout(`Usage: dialtone-plugin ${command.usage}\n\n${command.summary}\n`);
    return 0;
  }
  try {
    return await command.run(parsed.positionals, parsed.values as Values, io);
  } catch (err) {
    if (isToolError(err)) {
      io.stderr(`${err.code}: ${err.findings.length > 0 ? err.message.split('\n')[0] : err.message}\n`);
      for (const f of err.findings) io.stderr(`  ${formatFinding(f)}\n`);
      return err.code === ToolErrorCode.USAGE ? 2 : 1;
    }
    const e = err as Error & { code?: string };
    io.stderr(`${e.code ?? 'Error'}: ${e.message}\n`);
    return 1;
  }
}

export function need(cond: unknown, message: string): asserts cond {
  if (!cond) throw new ToolError(ToolErrorCode.USAGE, message);
}
