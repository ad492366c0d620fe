/**
 * A real provd process started through its bin launcher (as an operator runs it), for the
 * scripts/ tests: a fresh data directory, loopback addresses, ports chosen by the system (or
 * given) and read back from its "provd listening" log line, stopped by the test.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'packages', 'provd', 'bin', 'provd.js');

export interface ProvdProcess {
  readonly rest: string;
  readonly http: string;
  readonly tftpPort: number | null;
  readonly dataDir: string;
  readonly token: string;
  /** Everything it printed, for failure messages. */
  readonly output: string[];
  stop(): Promise<void>;
}

export interface ProvdProcessOptions {
  /** Extra flags (they win over the defaults below: commander keeps the last). */
  args?: string[];
  /** A command to run provd through (`['ip', 'netns', 'exec', 'ns']`). */
  wrapper?: string[];
}

export async function startProvdProcess(t: { after(fn: () => Promise<void>): void }, options: ProvdProcessOptions = {}): Promise<ProvdProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'provd-process-'));
  const flags = ['--data-dir', dataDir, '--rest-port', '0', '--http-host', '127.0.0.1', '--http-port', '0', '--tftp-host', '127.0.0.1', '--tftp-port', '0', '--log-format', 'json', ...(options.args ?? [])];
  const [command, ...args] = [...(options.wrapper ?? []), process.execPath, BIN, ...flags];
  const child = spawn(command!, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let alive = true;
  void exited.then(() => (alive = false));
  const stop = async () => {
    if (alive) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  t.after(stop);
  child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
  const listening = await new Promise<{ rest: { port: number }; http: { port: number }; tftp?: { port: number } }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`provd did not start in 60 s:\n${output.join('')}`)), 60_000);
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        output.push(line);
        try {
          const record = JSON.parse(line) as { msg?: string; rest?: { port: number }; http?: { port: number }; tftp?: { port: number } };
          if (record.msg === 'provd listening') {
            clearTimeout(timer);
            resolve(record as never);
          }
        } catch {
          // not JSON: kept in the output
        }
      }
    });
    void exited.then(() => reject(new Error(`provd exited at start:\n${output.join('\n')}`)));
  });
  return {
    rest: `http://127.0.0.1:${listening.rest.port}`,
    http: `http://127.0.0.1:${listening.http.port}`,
    tftpPort: listening.tftp?.port ?? null,
    dataDir,
    token: readFileSync(join(dataDir, 'admin-token'), 'utf8').trim(),
    output,
    stop,
  };
}
