import { spawn } from 'node:child_process';
import { errors } from './errors.js';

/** What one external command did: kept on the job and returned by the API (build logs are never hidden). */
export interface StepLog {
  step: string;
  command: string;
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  /** Combined stdout and stderr, the last `maxOutput` bytes. */
  output: string;
}

export interface RunOptions {
  step: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Receives the log whatever the outcome. */
  onLog?: (log: StepLog) => void;
  maxOutput?: number;
}

const DEFAULT_MAX_OUTPUT = 64 * 1024;

/**
 * Runs a command without a shell, with a timeout that kills its whole process group, and
 * captures its output. Throws an `install-error` naming the step when it exits non-zero, is
 * killed or cannot start.
 */
export function runCommand(cmd: string, args: readonly string[], opts: RunOptions): Promise<StepLog> {
  const max = opts.maxOutput ?? DEFAULT_MAX_OUTPUT;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let output = '';
    let timedOut = false;
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const append = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.length > max * 2) output = output.slice(-max);
    };
    child.stdout.on('data', append);
    child.stderr.on('data', append);
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, opts.timeoutMs);
    const finish = (exitCode: number | null, spawnError?: Error) => {
      clearTimeout(timer);
      const log: StepLog = {
        step: opts.step,
        command: [cmd, ...args].join(' '),
        exitCode,
        timedOut,
        durationMs: Date.now() - started,
        output: (spawnError ? `${spawnError.message}\n` : '') + output.slice(-max),
      };
      opts.onLog?.(log);
      if (exitCode === 0 && !timedOut) return resolve(log);
      const why = spawnError
        ? `could not run ${cmd}: ${spawnError.message}`
        : timedOut
          ? `${cmd} timed out after ${opts.timeoutMs} ms`
          : `${cmd} exited with ${exitCode ?? 'a signal'}`;
      const tail = log.output.trim().split('\n').slice(-5).join('\n');
      reject(errors.install(`${opts.step}: ${why}${tail ? `: ${tail.split('\n').at(-1)}` : ''}`, { step: opts.step, exit_code: exitCode, timed_out: timedOut, output_tail: tail }));
    };
    child.once('error', (err) => finish(null, err));
    child.once('close', (code) => finish(code));
  });
}
