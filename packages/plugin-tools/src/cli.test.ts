/** The installed bin, run as a user would: from another folder, with real exit codes. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { DIGIUM_SOURCE, digiumCopy, tempDir } from '../test/support.js';

const BIN = fileURLToPath(new URL('./bin/dialtone-plugin.mjs', import.meta.url));

function run(args: string[], cwd: string) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
}

test('--help, --version and usage errors, from a folder outside the workspace', async (t) => {
  const cwd = await tempDir(t);
  const version = JSON.parse(await readFile(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')).version;
  const v = run(['--version'], cwd);
  assert.deepEqual([v.status, v.stdout], [0, `${version}\n`]);
  const h = run(['--help'], cwd);
  assert.equal(h.status, 0);
  for (const cmd of ['new', 'build', 'lint', 'test', 'publish', 'promote', 'archive', 'check-fw']) assert.match(h.stdout, new RegExp(`^ {2}${cmd} `, 'm'), cmd);
  const bh = run(['build', '--help'], cwd);
  assert.match(bh.stdout, /^Usage: dialtone-plugin build/);
  const bad = run(['build', DIGIUM_SOURCE], cwd);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /DT_ERR_TOOL_USAGE: build: --out <repository folder> is required/);
  const unknown = run(['frobnicate'], cwd);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown command "frobnicate"/);
  const opt = run(['lint', '--nope', DIGIUM_SOURCE], cwd);
  assert.equal(opt.status, 2);
});

test('build is quiet on success; a failing build exits 1 with file:line findings', async (t) => {
  const cwd = await tempDir(t);
  const ok = run(['build', DIGIUM_SOURCE, '--out', 'repo'], cwd);
  assert.deepEqual([ok.status, ok.stdout, ok.stderr], [0, '', '']);
  const src = await digiumCopy(t);
  const fam = join(src, 'family.yml');
  const { writeFile } = await import('node:fs/promises');
  await writeFile(fam, (await readFile(fam, 'utf8')).replace('vendor: Digium', 'vendor: [Digium'));
  const bad = run(['build', src, '--out', 'repo2'], cwd);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /^DT_ERR_TOOL_BUILD_FAILED: build failed: 1 problem\(s\)\n {2}.*family\.yml \[digium-1\.4\.0\.0\]:\d+: Flow sequence/);
});

test('lint exits 1 with the findings on stderr', async (t) => {
  const src = await digiumCopy(t);
  const { writeFile } = await import('node:fs/promises');
  await writeFile(join(src, 'templates', 'firmware.tpl'), '{% if x %}\n');
  const r = run(['lint', src], await tempDir(t));
  assert.equal(r.status, 1);
  assert.match(r.stderr, /templates\/firmware\.tpl:\d+: template syntax error/);
  assert.match(r.stderr, /DT_ERR_TOOL_LINT_FAILED: 1 problem\(s\)/);
});
