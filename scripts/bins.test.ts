// Every command a workspace package ships works from any folder, with --help and --version.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function workspaceBins(): Array<{ pkg: string; name: string; path: string; version: string }> {
  const bins = [];
  for (const folder of ['packages', 'plugins']) {
    for (const entry of readdirSync(join(root, folder))) {
      const manifest = join(root, folder, entry, 'package.json');
      if (!existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string; version: string; bin?: Record<string, string> };
      for (const [name, path] of Object.entries(pkg.bin ?? {})) bins.push({ pkg: pkg.name, name, path: resolve(root, folder, entry, path), version: pkg.version });
    }
  }
  return bins;
}

const run = (path: string, arg: string) => spawnSync(process.execPath, [path, arg], { cwd: tmpdir(), encoding: 'utf8', timeout: 60_000, env: { ...process.env, NODE_OPTIONS: '' } });

test('the workspace ships commands', () => {
  assert.ok(workspaceBins().some((b) => b.name === 'provd'));
});

for (const bin of workspaceBins()) {
  test(`${bin.name} (${bin.pkg}) runs from another folder: --version and --help`, () => {
    assert.match(bin.path, /\.m?js$/, 'a JavaScript launcher, so node runs it wherever it is called from');
    const version = run(bin.path, '--version');
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout.trim(), bin.version);
    const help = run(bin.path, '--help');
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /usage/i);
  });
}
