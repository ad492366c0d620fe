/**
 * `npm start` (scripts/start.mjs): the plugin repository is built on the first start, reused
 * while the sources are unchanged (content hash), rebuilt when the hash differs; provd prints
 * its ready line. Start-up times are printed (on a loaded machine they say little).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './support/provd-process.js';

interface Start {
  seconds: number;
  stderr: string;
  ready: string;
}

function start(repository: string, dataDir: string): Promise<Start> {
  const began = performance.now();
  const child = spawn(process.execPath, ['scripts/start.mjs', '--data-dir', dataDir, '--rest-port', '0', '--http-port', '0', '--http-host', '127.0.0.1', '--tftp-port', '0', '--tftp-host', '127.0.0.1', '--log-format', 'json'], {
    cwd: ROOT,
    env: { ...process.env, DIALTONE_START_REPOSITORY: repository, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error(`no ready line in 120 s:\n${stdout}\n${stderr}`))), 120_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const line = stdout.split('\n').find((l) => l.includes('provd ready'));
      if (!line) return;
      clearTimeout(timer);
      const seconds = (performance.now() - began) / 1000;
      child.once('exit', () => resolve({ seconds, stderr, ready: line }));
      child.kill('SIGTERM');
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!stdout.includes('provd ready')) reject(new Error(`start.mjs exited ${code}:\n${stdout}\n${stderr}`));
    });
  });
}

test('npm start builds the plugin repository once, reuses it while plugins/ is unchanged, and prints the ready line', async (t) => {
  const work = mkdtempSync(join(tmpdir(), 'npm-start-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));
  const repository = join(work, 'repository');
  const first = await start(repository, join(work, 'data1'));
  assert.ok(existsSync(join(repository, 'plugins.db')), 'built');
  assert.doesNotMatch(first.stderr, /up to date/);
  assert.match(first.ready, /phones should use http:\/\//);
  const built = statSync(join(repository, 'plugins.db')).mtimeMs;

  const second = await start(repository, join(work, 'data2'));
  assert.match(second.stderr, /plugin repository up to date/);
  assert.equal(statSync(join(repository, 'plugins.db')).mtimeMs, built, 'not rebuilt');
  assert.match(second.ready, /provd ready/);

  writeFileSync(join(repository, '.sources-sha256'), 'stale\n');
  const third = await start(repository, join(work, 'data3'));
  assert.doesNotMatch(third.stderr, /up to date/);
  assert.match(readFileSync(join(repository, '.sources-sha256'), 'utf8'), /^[0-9a-f]{64}\n$/, 'rebuilt when the hash differs');
  t.diagnostic(`ready after: first start (build) ${first.seconds.toFixed(2)} s, second (cached) ${second.seconds.toFixed(2)} s, third (rebuild) ${third.seconds.toFixed(2)} s`);
});
