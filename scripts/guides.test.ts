/**
 * The guides' commands, run: every fenced block whose info string is `sh test` in README.md and
 * docs/guides/*.md (the convention is in docs/guides/README.md). The blocks of one file run in
 * order, in one bash session (`set -eo pipefail`), from the repository's root, against a provd
 * started for that file (fresh data directory, loopback, ports chosen by the system, the plugin
 * repository built from plugins/). The guides reach it through the variables they document:
 * PROVD_URL, PROVD_TOKEN (both also read by provd-cli), PROVD_HTTP_URL, PROVD_TFTP_PORT.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, startProvdProcess } from './support/provd-process.js';

/** The `sh test` blocks of a markdown text, in order. */
export function runnableBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```sh test\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

const files = ['README.md', ...readdirSync(join(ROOT, 'docs', 'guides')).filter((n) => n.endsWith('.md')).map((n) => `docs/guides/${n}`)];
const guides = files.map((file) => ({ file, blocks: runnableBlocks(readFileSync(join(ROOT, file), 'utf8')) })).filter((g) => g.blocks.length > 0);

test('the operator documents have runnable blocks', () => {
  const names = guides.map((g) => g.file);
  for (const file of ['README.md', 'docs/guides/first-phone.md', 'docs/guides/installing-plugins.md']) assert.ok(names.includes(file), `${file} has sh test blocks`);
});

let repository: string | null = null;
function pluginRepository(): string {
  if (!repository) {
    const dir = mkdtempSync(join(tmpdir(), 'guides-repo-'));
    const plugins = readdirSync(join(ROOT, 'plugins')).map((n) => join('plugins', n));
    execFileSync(process.execPath, ['packages/plugin-tools/src/bin/dialtone-plugin.mjs', 'build', ...plugins, '--out', dir], { cwd: ROOT, stdio: 'pipe' });
    repository = dir;
  }
  return repository;
}

for (const { file, blocks } of guides) {
  test(`${file}: its commands pass against a fresh provd`, async (t) => {
    const provd = await startProvdProcess(t, { args: ['--plugin-repository', pluginRepository()] });
    const script = ['set -eo pipefail', `trap 'echo "✖ failed: $BASH_COMMAND" >&2' ERR`, ...blocks].join('\n');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: `${join(ROOT, 'node_modules', '.bin')}:${process.env.PATH}`,
      PROVD_URL: provd.rest,
      PROVD_TOKEN: provd.token,
      PROVD_HTTP_URL: provd.http,
      PROVD_TFTP_PORT: String(provd.tftpPort ?? ''),
      NO_COLOR: '1',
    };
    delete env.NODE_TEST_CONTEXT;
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile('bash', ['-c', script], { cwd: ROOT, env, timeout: 180_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr })),
    );
    assert.equal(run.code, 0, `${file}: a command failed (exit ${run.code})\n--- output\n${run.stdout}\n--- errors\n${run.stderr}`);
  });
}

process.on('exit', () => {
  if (repository) rmSync(repository, { recursive: true, force: true });
});
