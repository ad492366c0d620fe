import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fakeAsterisk, makePluginRepo, scratch } from './support.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** `npx plugind-cli …` as the acceptance checks run it. */
function cli(port: number, token: string, ...args: string[]) {
  const r = spawnSync('npx', ['plugind-cli', '--port', String(port), '--token', token, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('npx plugind + npx plugind-cli: install git, list --json, uninstall, one-line failures', async (t) => {
  const dir = scratch(t, 'plugind-cli-');
  const asteriskLog = fakeAsterisk(dir);
  const dataDir = join(dir, 'data');
  const prefix = join(dir, 'prefix');
  const server = spawn('npx', ['plugind', '--data-dir', dataDir, '--port', '0', '--backend', 'dir', '--prefix', prefix], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  t.after(() => {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      // gone
    }
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /"port":(\d+).*plugind listening/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    server.once('exit', (code) => reject(new Error(`plugind exited ${code}: ${out}`)));
  });
  const tokenFile = join(dataDir, 'admin-token');
  assert.equal(statSync(tokenFile).mode & 0o777, 0o600);
  const token = readFileSync(tokenFile, 'utf8').trim();

  const { url } = makePluginRepo(dir, { format: 1 });
  const install = cli(port, token, 'install', 'git', url);
  assert.equal(install.code, 0, install.stderr);
  assert.match(install.stderr, /installing dependencies/);
  assert.match(install.stderr, /completed/);
  assert.ok(existsSync(join(prefix, 'etc/asterisk/extensions_extra.d/helloworld.conf')));
  assert.match(readFileSync(asteriskLog, 'utf8'), /dialplan reload/);

  const list = cli(port, token, 'list', '--json');
  assert.equal(list.code, 0, list.stderr);
  const parsed = JSON.parse(list.stdout) as { items: { namespace: string; name: string; version: string }[]; total: number };
  assert.deepEqual(parsed.items.map((p) => `${p.namespace}/${p.name}@${p.version}`), ['demo/helloworld@0.0.1']);

  const un = cli(port, token, 'uninstall', 'demo/helloworld');
  assert.equal(un.code, 0, un.stderr);
  assert.ok(!existsSync(join(prefix, 'etc/asterisk/extensions_extra.d/helloworld.conf')));
  assert.equal(JSON.parse(cli(port, token, 'list', '--json').stdout).total, 0);

  const broken = makePluginRepo(dir, { name: 'broken', failAt: 'build' });
  const bad = cli(port, token, 'install', 'git', broken.url);
  assert.notEqual(bad.code, 0);
  const lastLine = bad.stderr.trim().split('\n').at(-1)!;
  assert.match(lastLine, /^plugind-cli: install-error: building: .*exited with 1/);

  const again = cli(port, token, 'uninstall', 'demo/helloworld');
  assert.notEqual(again.code, 0);
  assert.equal(again.stderr.trim().split('\n').length, 1);
  assert.match(again.stderr, /not-found/);

  const denied = cli(port, 'wrong-token', 'list', '--json');
  assert.notEqual(denied.code, 0);
  assert.match(denied.stderr, /unauthorized/);
});

test('--help and --version', () => {
  for (const bin of ['plugind', 'plugind-cli']) {
    const v = spawnSync('npx', [bin, '--version'], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(v.status, 0);
    assert.match(v.stdout, /^\d+\.\d+\.\d+/);
    const h = spawnSync('npx', [bin, '--help'], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(h.status, 0);
    assert.match(h.stdout, /Usage:/);
  }
});
