#!/usr/bin/env node
// The whole test run: system tools, lint, typecheck, then every *.test.ts with node's runner.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv.slice(2);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) {
    console.error(`\n✖ ${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

function findTests(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.') || entry.name === 'fixtures') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) findTests(path, out);
    else if (entry.name.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out;
}

if (only.length === 0) {
  run('bash', ['scripts/setup-test-deps.sh']);
  run('npx', ['eslint', '.']);
  run('npx', ['tsc', '-p', 'tsconfig.json']);
  run('npx', ['tsc', '-p', 'packages/provd-ui/tsconfig.app.json']);
}
// arguments are test files or folders to search (`node scripts/test.mjs packages/tftp`)
const expand = (arg) => (statSync(join(root, arg), { throwIfNoEntry: false })?.isDirectory() ? findTests(join(root, arg)) : [arg]);
const files = (only.length ? only.flatMap(expand) : ['packages', 'plugins', 'bench', 'scripts'].flatMap((d) => findTests(join(root, d)))).sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=3', '--test-reporter=spec', ...files]);
