import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { copyDigiumPlugin } from '@dialtone/plugin-digium';
import { startEphemeralProvd, type EphemeralProvd } from '@dialtone/provd/testing';

export const BIN = fileURLToPath(new URL('../bin/provd-cli.js', import.meta.url));

/** A provd with plugins/digium built as provd installs it (build parameters applied), as plugin `digium`. */
export async function startProvd(t: TestContext): Promise<{ provd: EphemeralProvd; token: string }> {
  const root = await mkdtemp(join(tmpdir(), 'provd-cli-digium-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  await copyDigiumPlugin(join(root, 'digium'));
  const provd = await startEphemeralProvd({ plugins: [join(root, 'digium')] });
  t.after(() => provd.close());
  const file = join(provd.dataDir, 'admin-token');
  return { provd, token: existsSync(file) ? readFileSync(file, 'utf8').trim() : 'no-auth' };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the provd-cli bin as a script would, from another folder. */
export function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: '/tmp', env: { ...process.env, NO_COLOR: '1', PROVD_TOKEN: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
