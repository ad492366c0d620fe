import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { createTestHost } from '@dialtone/plugin-sdk/testing';
import { DIGIUM_SOURCE, digiumCopy } from '../test/support.js';
import { lintSource } from './lint.js';
import { stageTemp } from './stage.js';
import { readSource, renderTarget } from './source.js';
import type { Finding } from './errors.js';

const run = promisify(execFile);

async function listAll(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

test('the built plugin ships hooks.js, no TypeScript; plain node (no tsx) imports it', async (t) => {
  const src = await digiumCopy(t);
  // a relative import of the hooks module is inlined into hooks.js
  await writeFile(join(src, 'greeting.ts'), 'export const GREETING: string = "hello from a relative import";\n');
  const hooks = join(src, 'hooks.ts');
  await writeFile(hooks, `import { GREETING } from './greeting.js';\n${await readFile(hooks, 'utf8')}\nexport const greeting = GREETING;\n`);
  const staged = await stageTemp(src);
  t.after(() => staged.remove());
  const files = await listAll(staged.dir);
  assert.ok(files.includes('hooks.js'));
  assert.deepEqual(files.filter((f) => /\.[cm]?ts$/.test(f)), []);
  const script = `const m = await import(${JSON.stringify(pathToFileURL(join(staged.dir, 'hooks.js')).href)});
const hooks = m.default({});
console.log(JSON.stringify({ names: Object.keys(hooks).sort(), greeting: m.greeting }));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH ?? '' } });
  const got = JSON.parse(stdout) as { names: string[]; greeting: string };
  assert.equal(got.greeting, 'hello from a relative import');
  assert.ok(got.names.includes('transformRaw'), stdout);
  // and the SDK loads the family from the built folder (hooks.js: there is no hooks.ts to fall back to)
  const host = await createTestHost(staged.dir);
  t.after(() => host.close());
  assert.equal(host.kind, 'family');
});

test('two builds compile to the same bytes; a syntax error in hooks.ts is a finding with its line', async (t) => {
  const src = await digiumCopy(t);
  const render = async () => {
    const source = await readSource(src);
    const findings: Finding[] = [];
    const r = await renderTarget(source, source.targets[0], findings);
    return { r, findings };
  };
  const [a, b] = [await render(), await render()];
  assert.ok(a.r!.files.get('hooks.js')!.equals(b.r!.files.get('hooks.js')!));
  // the copy (in a temp folder, no tsconfig.json above it) compiles like plugins/digium in the repository
  const inRepo = await readSource(DIGIUM_SOURCE);
  const r = await renderTarget(inRepo, inRepo.targets[0], []);
  assert.ok(r!.files.get('hooks.js')!.equals(a.r!.files.get('hooks.js')!));
  const hooks = join(src, 'hooks.ts');
  const lines = (await readFile(hooks, 'utf8')).split('\n');
  await writeFile(hooks, [...lines, 'const broken = ;'].join('\n'));
  const bad = await render();
  assert.equal(bad.r, null);
  assert.deepEqual(bad.findings.map((f) => [f.file, f.line]), [['hooks.ts', lines.length + 1]]);
  assert.match(bad.findings[0].message, /cannot compile/);
});

test('lint: a compiled hooks.js left beside hooks.ts in a source folder is flagged (provd would load it)', async (t) => {
  const src = await digiumCopy(t);
  assert.deepEqual(await lintSource(src), []);
  await writeFile(join(src, 'hooks.js'), 'export default () => ({});\n');
  const findings = await lintSource(src);
  assert.deepEqual(findings.map((f) => f.file), ['hooks.js']);
  assert.match(findings[0].message, /instead of hooks\.ts/);
});
