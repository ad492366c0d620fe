/**
 * End to end with the real commands: the seed's Hello World driver, built from TypeScript and
 * installed with npm into a temporary node_modules, selected in conf.d, fetched over HTTP, over
 * the line protocol and with `confgen`; a failing driver through the CLI.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkDriverContract, createTestContext } from '../src/testing/index.js';
import { buildPackage, configDir, fixtures, installPackage, tempDir } from './support.js';

// The bins start with `node --import tsx`, which resolves tsx from the working directory: run them from the repository.
const repo = fileURLToPath(new URL('../../..', import.meta.url));
const bin = (name: string) => fileURLToPath(new URL(`../src/bin/${name}.ts`, import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startDaemon(t: TestContext, args: string[], cwd: string): Promise<{ child: ChildProcess; http: number; tcp: number }> {
  const child = spawn(bin('confgend'), args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => {
    child.kill('SIGTERM');
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      for (const line of out.split('\n')) {
        if (!line.includes('confgend listening')) continue;
        const log = JSON.parse(line) as { http: { port: number }; tcp: { port: number } };
        resolve({ child, http: log.http.port, tcp: log.tcp.port });
      }
    });
    child.on('exit', (code) => reject(new Error(`confgend exited ${code}: ${err}${out}`)));
  });
}

function confgen(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(bin('confgen'), args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The reference client: send the request without a newline, read until the server closes. */
function lineRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let data = '';
    socket.on('data', (d: Buffer) => (data += d));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

test('an installed driver package: HTTP, the line protocol and confgen; failures exit non-zero naming the driver', async (t) => {
  const nodeModules = installPackage(t, buildPackage(t, 'hello-driver'));
  const { default: MyDriver } = (await import(pathToFileURL(join(nodeModules, 'confgend-driversample', 'dist', 'driver.js')).href)) as { default: unknown };
  const context = createTestContext();
  t.after(() => context.dispose());
  assert.equal(await checkDriverContract(MyDriver, context), 'Hello World!');
  const root = tempDir(t);
  const state = join(root, 'state.json');
  writeFileSync(state, JSON.stringify({ mode: 'ok', text: 'flaky' }));
  const dir = configDir(root, { config: { flaky: { state } }, confd: { '50-my-driver.yml': { plugins: { 'asterisk.sip.conf': 'my_driver', 'asterisk.flaky.conf': 'flaky' } } } });
  const port = await freePort();
  const daemon = await startDaemon(t, ['--port', String(port), '--config-dir', dir, '--tcp-port', '0', '--drivers-dir', join(fixtures, 'drivers'), '--node-modules', nodeModules], repo);
  assert.equal(daemon.http, port);

  const r = await fetch(`http://127.0.0.1:${port}/0.1/files/asterisk/sip.conf`);
  assert.equal(r.status, 200);
  assert.equal(await r.text(), 'Hello World!');
  assert.equal(r.headers.get('confgend-driver'), 'my_driver');

  assert.equal(await lineRequest(daemon.tcp, 'asterisk/sip.conf'), 'Hello World!');
  assert.equal(await lineRequest(daemon.tcp, 'asterisk/sip.conf  cached\n'), 'Hello World!');
  assert.equal(await lineRequest(daemon.tcp, 'asterisk/sip.conf invalidate'), '');
  assert.equal(await lineRequest(daemon.tcp, 'asterisk/unknown.conf'), '', 'errors answer nothing, as in the reference');
  assert.equal(await lineRequest(daemon.tcp, '../../etc/passwd invalidate'), '');

  let c = await confgen(['--port', String(port), 'asterisk/sip.conf']);
  assert.deepEqual(c, { code: 0, stdout: 'Hello World!', stderr: '' });
  c = await confgen(['--port', String(port), 'asterisk/sip.conf', '--cached']);
  assert.equal(c.stdout, 'Hello World!');
  assert.equal(c.code, 0);
  c = await confgen(['--port', String(port), 'asterisk/sip.conf', '--invalidate']);
  assert.deepEqual(c, { code: 0, stdout: '', stderr: '' });

  c = await confgen(['--port', String(port), 'asterisk/nothing.conf']);
  assert.equal(c.code, 1);
  assert.match(c.stderr, /no driver generates asterisk\/nothing\.conf; files with drivers: .*asterisk\/sip\.conf \(my_driver\)/);

  writeFileSync(state, JSON.stringify({ mode: 'fail', message: 'no database' }));
  c = await confgen(['--port', String(port), 'asterisk/flaky.conf']);
  assert.equal(c.code, 1);
  assert.equal(c.stdout, '');
  assert.match(c.stderr, /driver "flaky": driver "flaky" of asterisk\.flaky\.conf failed: no database \[DT_ERR_CONFGEND_DRIVER_FAILED\]/);

  writeFileSync(state, JSON.stringify({ mode: 'ok', text: 'good' }));
  c = await confgen(['--port', String(port), 'asterisk/flaky.conf']);
  assert.equal(c.code, 0);
  const good = c.stdout;
  writeFileSync(state, JSON.stringify({ mode: 'fail', message: 'no database' }));
  c = await confgen(['--port', String(port), 'asterisk/flaky.conf']);
  assert.equal(c.code, 3, 'a stale answer has its own exit status');
  assert.equal(c.stdout, good);
  assert.match(c.stderr, /stale .*no database/);
  assert.equal(await lineRequest(daemon.tcp, 'asterisk/flaky.conf'), good, 'old clients get the last good output');

  c = await confgen(['--port', String(await freePort()), 'asterisk/sip.conf']);
  assert.equal(c.code, 1);
  assert.match(c.stderr, /cannot reach confgend/);
  c = await confgen(['--version']);
  assert.equal(c.code, 0);
  assert.match(c.stdout, /^\d+\.\d+\.\d+/);
});

test('confgend refuses a bad configuration folder with exit status 1', async (t) => {
  const dir = configDir(tempDir(t), { confd: { 'x.yml': { http: { port: 'eighty' } } } });
  const child = spawn(bin('confgend'), ['--config-dir', dir], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const code = await new Promise((resolve) => child.on('exit', resolve));
  assert.equal(code, 1);
  assert.match(stderr, /http\.port: expected an integer/);
});

test('SIGHUP re-reads conf.d on the same ports; an invalid configuration is refused and the service kept', async (t) => {
  const root = tempDir(t);
  const dir = configDir(root, { config: { echo: { word: 'reloaded' } }, confd: { '50-select.yml': { plugins: { 'asterisk.flaky.conf': 'flaky' } } } });
  writeFileSync(join(root, 'state.json'), JSON.stringify({ mode: 'ok', text: 'before' }));
  writeFileSync(join(dir, 'conf.d', '40-state.yml'), `flaky:\n  state: ${join(root, 'state.json')}\n`);
  const daemon = await startDaemon(t, ['--port', '0', '--tcp-port', '0', '--config-dir', dir, '--drivers-dir', join(fixtures, 'drivers'), '--node-modules', join(root, 'none')], repo);
  const url = `http://127.0.0.1:${daemon.http}/0.1/files/asterisk/flaky.conf`;
  assert.match(await (await fetch(url)).text(), /^before#/);

  const waitFor = async (ok: (text: string) => boolean) => {
    for (let i = 0; i < 100; i++) {
      const text = await fetch(url).then((r) => r.text(), () => '');
      if (ok(text)) return text;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('no reload');
  };
  writeFileSync(join(dir, 'conf.d', '50-select.yml'), 'plugins:\n  asterisk.flaky.conf: echo_config\n');
  daemon.child.kill('SIGHUP');
  assert.equal(await waitFor((text) => text.startsWith('driver template')), 'driver template: reloaded\n');

  writeFileSync(join(dir, 'conf.d', '60-bad.yml'), 'http:\n  port: -1\n');
  daemon.child.kill('SIGHUP');
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(await (await fetch(url)).text(), 'driver template: reloaded\n');
  assert.equal(daemon.child.exitCode, null);
});
