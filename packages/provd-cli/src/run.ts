import { CommanderError } from 'commander';
import { buildProgram } from './commands.js';
import { describeError, EXIT } from './errors.js';
import { processOutput, type Output } from './output.js';

/** Runs provd-cli with `argv` (without node and the script); resolves with the exit code. */
export async function runCli(argv: string[], out: Output = processOutput(), env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const program = buildProgram(out, env);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const { message, code } = describeError(err);
    out.error(`provd-cli: ${message}\n`);
    return code;
  }
}
