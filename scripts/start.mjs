#!/usr/bin/env node
// `npm start`: builds the plugin repository (.data/repository) from plugins/ only when their
// sources (or the builder's) changed, by a content hash kept beside the repository, then runs
// provd on it in this same process (no second Node start-up). Extra arguments go to provd.
// DIALTONE_START_REPOSITORY moves the repository elsewhere (the tests do).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = process.env.DIALTONE_START_REPOSITORY ?? join(root, '.data', 'repository');
const stamp = join(out, '.sources-sha256');

function walk(dir, hash) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, hash);
    else if (entry.isFile()) hash.update(`${relative(root, path)}\0`).update(readFileSync(path)).update('\0');
  }
}

const hash = createHash('sha256');
for (const dir of ['plugins', 'packages/plugin-tools/src']) walk(join(root, dir), hash);
const sources = hash.digest('hex');
const current = existsSync(join(out, 'plugins.db')) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === sources;
if (current) {
  console.error(`plugin repository up to date (${relative(process.cwd(), out) || out})`);
} else {
  const plugins = readdirSync(join(root, 'plugins'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join('plugins', e.name));
  const built = spawnSync(process.execPath, [join(root, 'packages/plugin-tools/src/bin/dialtone-plugin.mjs'), 'build', ...plugins, '--out', out], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
  mkdirSync(out, { recursive: true });
  writeFileSync(stamp, `${sources}\n`);
}
process.argv = [process.argv[0], join(root, 'packages/provd/bin/provd.js'), '--plugin-repository', out, ...process.argv.slice(2)];
await import('../packages/provd/bin/provd.js');
