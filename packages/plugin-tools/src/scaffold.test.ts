import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { tempDir } from '../test/support.js';
import { isToolError } from './errors.js';
import { lintSource } from './lint.js';
import { scaffold } from './scaffold.js';

// inside the worktree, so the generated test resolves @dialtone/plugin-tools like a plugin of plugins/ does
const HERE = fileURLToPath(new URL('../test', import.meta.url));

test('new: the scaffolded family lints clean and its own test file passes', async (t) => {
  const parent = await mkdtemp(join(HERE, 'scaffold-'));
  t.after(() => rm(parent, { recursive: true, force: true }));
  const { dir, files } = await scaffold('acme-phones', parent);
  assert.ok(files.includes('test/plugin.test.ts') && files.includes('build.yml'));
  assert.deepEqual(await lintSource(dir), []);
  assert.match(await readFile(join(dir, 'test', 'golden', 'two-lines', 'acme-phones', '001122334401.cfg'), 'utf8'), /key2 = speeddial[\s\S]*key10 = blf/);
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', join(dir, 'test', 'plugin.test.ts')], { encoding: 'utf8', env });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /# pass 2/);
});

test('new refuses a bad name and an existing folder', async (t) => {
  const parent = await tempDir(t);
  await assert.rejects(scaffold('Acme', parent), (err) => isToolError(err, 'DT_ERR_TOOL_USAGE'));
  await assert.rejects(scaffold('../x', parent), (err) => isToolError(err, 'DT_ERR_TOOL_USAGE'));
  await scaffold('acme', parent);
  await assert.rejects(scaffold('acme', parent), (err) => isToolError(err, 'DT_ERR_TOOL_EXISTS'));
});
