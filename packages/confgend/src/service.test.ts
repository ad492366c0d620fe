import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { configDir, fixtures, tempDir, writeFile } from '../test/support.js';
import { startConfgend } from '../test/service.js';

function flakySetup(t: import('node:test').TestContext, extra: Record<string, unknown> = {}) {
  const root = tempDir(t);
  const state = join(root, 'state.json');
  const set = (s: Record<string, unknown>) => writeFileSync(state, JSON.stringify(s));
  set({ mode: 'ok', text: 'v1' });
  const dir = configDir(root, { config: { flaky: { state }, plugins: { 'asterisk.flaky.conf': 'flaky' }, ...extra } });
  return { root, dir, set };
}

test('HTTP: generate, cached, invalidate; good output is cached on disk', async (t) => {
  const { dir, set } = flakySetup(t);
  const s = await startConfgend(t, dir, { 'drivers.dirs': [join(fixtures, 'drivers')] });
  let r = await s.get('/0.1/files/asterisk/flaky.conf');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('confgend-driver'), 'flaky');
  assert.equal(r.headers.get('confgend-cache'), 'miss');
  assert.match(r.headers.get('content-type') ?? '', /^text\/plain/);
  const first = await r.text();
  assert.match(first, /^v1#\d+\n$/);
  r = await s.get('/0.1/files/asterisk/flaky.conf');
  const second = await r.text();
  assert.notEqual(second, first, 'without a mode, every request generates');
  r = await s.get('/0.1/files/asterisk/flaky.conf?cache=cached');
  assert.equal(r.headers.get('confgend-cache'), 'hit');
  assert.equal(await r.text(), second);
  assert.equal(readFileSync(join(dir, 'cache', 'asterisk', 'flaky.conf'), 'utf8'), second);
  set({ mode: 'ok', text: 'v2' });
  r = await s.get('/0.1/files/asterisk/flaky.conf?cache=invalidate');
  assert.equal(r.status, 204);
  assert.equal(await r.text(), '');
  assert.equal(existsSync(join(dir, 'cache', 'asterisk', 'flaky.conf')), false);
  r = await s.get('/0.1/files/asterisk/flaky.conf?cache=cached');
  assert.equal(r.headers.get('confgend-cache'), 'miss');
  assert.match(await r.text(), /^v2#/);
});

test('a failing driver: the last good output flagged stale, else an error naming the driver', async (t) => {
  const { dir, set } = flakySetup(t);
  const s = await startConfgend(t, dir, { 'drivers.dirs': [join(fixtures, 'drivers')] });
  set({ mode: 'fail', message: 'database is down' });
  let r = await s.get('/0.1/files/asterisk/flaky.conf');
  assert.equal(r.status, 502);
  assert.equal(r.headers.get('dialtone-error-code'), 'DT_ERR_CONFGEND_DRIVER_FAILED');
  assert.deepEqual(await r.json(), { code: 'DT_ERR_CONFGEND_DRIVER_FAILED', message: 'driver "flaky" of asterisk.flaky.conf failed: database is down', driver: 'flaky' });

  set({ mode: 'ok', text: 'good' });
  const good = await (await s.get('/0.1/files/asterisk/flaky.conf')).text();
  set({ mode: 'fail', message: 'database is down' });
  r = await s.get('/0.1/files/asterisk/flaky.conf');
  assert.equal(r.status, 200);
  assert.equal(await r.text(), good);
  assert.equal(r.headers.get('confgend-cache'), 'stale');
  assert.match(r.headers.get('warning') ?? '', /^110 /);
  assert.equal(decodeURIComponent(r.headers.get('confgend-stale') ?? ''), 'driver "flaky" of asterisk.flaky.conf failed: database is down');
  assert.equal(r.headers.get('confgend-stale-code'), 'DT_ERR_CONFGEND_DRIVER_FAILED');

  set({ mode: 'number' });
  r = await s.get('/0.1/files/asterisk/flaky.conf');
  assert.match(decodeURIComponent(r.headers.get('confgend-stale') ?? ''), /returned number, not a string/);
});

test('empty output is never cached; with a last good output it is answered stale', async (t) => {
  const { dir, set } = flakySetup(t);
  const s = await startConfgend(t, dir, { 'drivers.dirs': [join(fixtures, 'drivers')] });
  set({ mode: 'empty' });
  let r = await s.get('/0.1/files/asterisk/flaky.conf');
  assert.equal(r.status, 200);
  assert.equal(await r.text(), '');
  assert.equal(existsSync(join(dir, 'cache', 'asterisk', 'flaky.conf')), false);
  set({ mode: 'ok', text: 'after' });
  r = await s.get('/0.1/files/asterisk/flaky.conf?cache=cached');
  assert.equal(r.headers.get('confgend-cache'), 'miss', 'the empty answer was not cached');
  const good = await r.text();
  set({ mode: 'empty' });
  r = await s.get('/0.1/files/asterisk/flaky.conf');
  assert.equal(r.headers.get('confgend-cache'), 'stale');
  assert.equal(await r.text(), good);
  assert.match(decodeURIComponent(r.headers.get('confgend-stale') ?? ''), /driver "flaky" of asterisk\.flaky\.conf returned an empty file/);
});

test('a driver that never answers times out (stale when possible, else 504) and concurrent requests share one generation', async (t) => {
  const { dir, set } = flakySetup(t);
  const s = await startConfgend(t, dir, { 'drivers.dirs': [join(fixtures, 'drivers')], driver_timeout_ms: 300 });
  set({ mode: 'hang' });
  const started = Date.now();
  let r = await s.get('/0.1/files/asterisk/flaky.conf');
  assert.equal(r.status, 504);
  assert.deepEqual(await r.json(), { code: 'DT_ERR_CONFGEND_DRIVER_TIMEOUT', message: 'driver "flaky" of asterisk.flaky.conf did not answer within 300 ms', driver: 'flaky' });
  assert.ok(Date.now() - started < 5000);

  const other = flakySetup(t);
  const s2 = await startConfgend(t, other.dir, { 'drivers.dirs': [join(fixtures, 'drivers')], driver_timeout_ms: 2000 });
  other.set({ mode: 'slow', ms: 200, text: 'shared' });
  const bodies = await Promise.all(Array.from({ length: 5 }, () => s2.get('/0.1/files/asterisk/flaky.conf').then((x) => x.text())));
  assert.equal(new Set(bodies).size, 1, `one generation for concurrent requests: ${bodies.join(',')}`);
  other.set({ mode: 'hang' });
  r = await s2.get('/0.1/files/asterisk/flaky.conf');
  assert.equal(r.headers.get('confgend-cache'), 'stale');
  assert.equal(r.headers.get('confgend-stale-code'), 'DT_ERR_CONFGEND_DRIVER_TIMEOUT');
  assert.equal(await r.text(), bodies[0]);
});

test('the cache survives a restart: cached hits and last good output come from disk', async (t) => {
  const { dir, set } = flakySetup(t);
  const settings = { 'drivers.dirs': [join(fixtures, 'drivers')] };
  const a = await startConfgend(t, dir, settings);
  const good = await (await a.get('/0.1/files/asterisk/flaky.conf')).text();
  await a.confgend.close();
  set({ mode: 'fail', message: 'boom' });
  const b = await startConfgend(t, dir, settings);
  let r = await b.get('/0.1/files/asterisk/flaky.conf?cache=cached');
  assert.equal(r.headers.get('confgend-cache'), 'hit');
  assert.equal(await r.text(), good);
  await b.get('/0.1/files/asterisk/flaky.conf?cache=invalidate');
  r = await b.get('/0.1/files/asterisk/flaky.conf?cache=cached');
  assert.equal(r.headers.get('confgend-cache'), 'stale', 'invalidation keeps the last good output');
  assert.equal(await r.text(), good);
});

test('templates: the administrator override folder wins over the driver folder', async (t) => {
  const root = tempDir(t);
  const dir = configDir(root, { config: { echo: { word: 'hello' }, plugins: { 'asterisk.flaky.conf': 'echo_config' } } });
  const s = await startConfgend(t, dir, { 'drivers.dirs': [join(fixtures, 'drivers')] });
  assert.equal(await (await s.get('/0.1/files/asterisk/flaky.conf')).text(), 'driver template: hello\n');
  writeFile(join(dir, 'templates', 'echo.jinja'), 'admin template: {{ echo.word | upper }}\n');
  const s2 = await startConfgend(t, dir, { 'drivers.dirs': [join(fixtures, 'drivers')] });
  assert.equal(await (await s2.get('/0.1/files/asterisk/flaky.conf')).text(), 'admin template: HELLO\n');
});

test('bad names, unknown files and unknown parameters are clear 4xx errors', async (t) => {
  const { dir } = flakySetup(t);
  const s = await startConfgend(t, dir, { 'drivers.dirs': [join(fixtures, 'drivers')] });
  let r = await s.get('/0.1/files/asterisk/.hidden');
  assert.equal(r.status, 400);
  assert.equal(((await r.json()) as { code: string }).code, 'DT_ERR_CONFGEND_BAD_NAME');
  r = await s.get('/0.1/files/..%2Fetc/passwd?cache=invalidate');
  assert.equal(r.status, 400);
  r = await s.get('/0.1/files/asterisk/nothing.conf');
  assert.equal(r.status, 404);
  const body = (await r.json()) as { code: string; message: string };
  assert.equal(body.code, 'DT_ERR_CONFGEND_UNKNOWN_FILE');
  assert.match(body.message, /files with drivers: asterisk\/flaky\.conf \(echo_config, flaky\)/);
  r = await s.get('/0.1/files/asterisk/flaky.conf?cache=sometimes');
  assert.equal(r.status, 400);
  assert.equal(((await r.json()) as { code: string }).code, 'DT_ERR_CONFGEND_BAD_REQUEST');
  r = await s.get('/0.1/drivers');
  const drivers = (((await r.json()) as { drivers: unknown }).drivers as { file: string; name: string; selected: boolean; status: string }[]).filter((d) => d.file === 'asterisk.flaky.conf');
  assert.deepEqual(drivers.map((d) => `${d.name}:${d.selected}:${d.status}`), ['echo_config:false:unloaded', 'flaky:true:ok']);
});

test('a taken line-protocol port: fatal when asked for, a warning and HTTP only when it is the default', async (t) => {
  const { createServer } = await import('node:net');
  const { resolveConfig } = await import('./config/config.js');
  const { createConfgend } = await import('./service.js');
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  t.after(() => taken.close());
  const port = (taken.address() as { port: number }).port;
  const dir = configDir(tempDir(t), {});
  const config = resolveConfig({ configDir: dir, settings: { 'http.port': 0, 'tcp.port': port, 'log.level': 'silent', 'drivers.node_modules': [] } });
  const strict = createConfgend({ config, tcpPortRequired: true });
  await assert.rejects(strict.listen(), /EADDRINUSE/);
  await strict.close();
  const lenient = createConfgend({ config });
  const addresses = await lenient.listen();
  t.after(() => lenient.close());
  assert.equal(addresses.tcp, null);
  const status = (await (await fetch(`http://127.0.0.1:${addresses.http.port}/0.1/status`)).json()) as { tcp: string };
  assert.equal(status.tcp, 'off');
});
