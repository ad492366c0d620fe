/**
 * docs/guides/writing-a-plugin.md, run: every ```sh block, in order, in one bash session (set -e),
 * from a folder inside the workspace (as plugins/ is). A line `! cmd` must fail.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const GUIDE = join(ROOT, 'docs', 'guides', 'writing-a-plugin.md');

export function guideScript(markdown: string): string {
  const blocks = [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  const lines: string[] = ['set -euo pipefail'];
  for (const block of blocks) {
    for (const line of block.split('\n')) {
      const negated = /^! (.*)$/.exec(line);
      lines.push(negated ? `if ${negated[1]}; then echo "expected to fail: ${negated[1].replaceAll('"', '\\"')}" >&2; exit 99; fi` : line);
    }
  }
  return lines.join('\n');
}

test('the plugin author guide runs from new to a published bundle', async (t) => {
  const firmware = Buffer.from('ACME firmware image\n'.repeat(1000));
  const server = createServer((req, res) => (/^\/fw-[\d.]+\.rom$/.test(req.url ?? '') ? res.writeHead(200).end(firmware) : res.writeHead(404).end()));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => server.close(() => r())));
  const work = await mkdtemp(join(ROOT, 'packages', 'plugin-tools', 'test', 'guide-'));
  t.after(() => rm(work, { recursive: true, force: true }));

  const script = guideScript(await readFile(GUIDE, 'utf8'));
  assert.ok(script.split('\n').length > 30, 'the guide has its commands');
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${join(ROOT, 'node_modules', '.bin')}:${process.env.PATH}`, FIRMWARE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  delete env.NODE_TEST_CONTEXT;
  const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile('bash', ['-c', script], { cwd: work, env, maxBuffer: 16 << 20 }, (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr })),
  );
  assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);

  const db = (channel: string) => readFile(join(work, 'repository', channel, 'plugins.db'), 'utf8').then((s) => JSON.parse(s) as Record<string, { version: string; capabilities: object }>);
  const testing = await db('testing');
  assert.deepEqual(Object.keys(testing), ['acme-1.0', 'acme-2.0']);
  assert.deepEqual([testing['acme-1.0'].version, testing['acme-2.0'].version], ['0.1.1', '0.1.1']);
  assert.deepEqual(Object.keys(testing['acme-2.0'].capabilities), ['Acme, M100, 2.0', 'Acme, M200, 2.0', 'Acme, M300, 2.0']);
  assert.equal((await db('stable'))['acme-1.0'].version, '0.1.0');
  assert.deepEqual((await readdir(join(work, 'repository', 'archive'))).sort(), ['acme-1.0-0.1.0.tar.bz2', 'acme-2.0-0.1.0.tar.bz2', 'plugins.db']);
  assert.match(await readFile(join(work, 'acme', 'pkgs', 'pkgs.db'), 'utf8'), new RegExp(`^size: ${firmware.length}$`, 'm'));
});
