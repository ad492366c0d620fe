import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import { createServer, connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pino from 'pino';
import { tftpGet, TftpClientError } from '@dialtone/tftp/testing';
import { resolveConfig } from '../src/config/index.js';
import { createProvd } from '../src/provd.js';
import { FIXTURE_PLUGINS, startTestProvd } from './support/provd.js';

async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('phones get 503 with Retry-After (HTTP) and ERROR 0 "starting" (TFTP) until the plugins are loaded', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'provd-starting-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  cpSync(join(FIXTURE_PLUGINS, 'slow-load'), join(dataDir, 'plugins', 'slow-load'), { recursive: true });
  const [httpPort, restPort, tftpPort] = [await freePort(), await freePort(), await freeUdpPort()];
  const config = resolveConfig({
    settings: { 'general.data_dir': dataDir, 'rest_api.ip': '127.0.0.1', 'rest_api.port': restPort, 'http.ip': '127.0.0.1', 'http.port': httpPort, 'tftp.ip': '127.0.0.1', 'tftp.port': tftpPort, 'log.level': 'silent' },
  });
  const provd = await createProvd({ config, logger: pino({ level: 'silent' }) });
  t.after(() => provd.close());
  const listening = provd.listen();
  let early: Response | undefined;
  for (let i = 0; i < 200 && !early; i++) {
    early = await fetch(`http://127.0.0.1:${httpPort}/test/000000000001.cfg`).catch(() => undefined);
    if (!early) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.ok(early, 'the HTTP port opened');
  assert.equal(early.status, 503);
  assert.ok(Number(early.headers.get('retry-after')) > 0);
  assert.match(await early.text(), /starting/);
  await assert.rejects(tftpGet({ host: '127.0.0.1', port: tftpPort, filename: 'x.cfg', retransmitMs: 300, retries: 3 }), (err: unknown) => err instanceof TftpClientError && /starting/.test(err.message));
  await listening;
  const after = await fetch(`http://127.0.0.1:${httpPort}/test/000000000001.cfg`);
  assert.equal(after.status, 404, 'served (nothing to serve) once ready');
});


test('a source guessing MAC addresses is slowed to a few guesses a second; a phone retrying its missing file never is', async (t) => {
  const p = await startTestProvd(t, { 'general.identification_profile': 'secure', 'http.unknown_files.burst': 20, 'http.unknown_files.per_second': 2 }, { plugins: ['test-plugin'] });
  const statuses: number[] = [];
  let retryAfter: string | null = null;
  const started = performance.now();
  for (let n = 0; n < 60; n++) {
    const response = await fetch(`${p.http}/test/${n.toString(16).padStart(12, '0')}.cfg`);
    statuses.push(response.status);
    if (response.status === 429) retryAfter ??= response.headers.get('retry-after');
    await response.arrayBuffer();
  }
  const seconds = (performance.now() - started) / 1000;
  const served404 = statuses.filter((s) => s === 404).length;
  // the burst, plus what the bucket refilled while the guesses ran (slow on a loaded machine)
  assert.ok(served404 >= 20 && served404 <= 20 + Math.ceil(2 * seconds) + 1, `${served404} guesses answered in ${seconds.toFixed(1)} s`);
  assert.ok(served404 < 60, 'the source was blocked');
  assert.equal(statuses.filter((s) => s === 429).length, 60 - served404);
  assert.ok(Number(retryAfter) >= 1, 'blocked requests say when to come back');

  const phone = await startTestProvd(t, { 'general.identification_profile': 'secure', 'http.unknown_files.burst': 5, 'http.unknown_files.per_second': 1 }, { plugins: ['test-plugin'] });
  for (let n = 0; n < 50; n++) {
    const response = await fetch(`${phone.http}/test/00000000abcd.cfg`);
    assert.equal(response.status, 404, `retry ${n} of the same file`);
    await response.arrayBuffer();
  }
});

function openIdle(port: number, localAddress: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress }, () => resolve(socket));
    socket.on('error', reject);
  });
}

test('idle connections are capped per source and closed when idle; other sources, REST and TFTP keep answering', async (t) => {
  const p = await startTestProvd(t, { 'http.max_connections_per_source': 20, 'http.idle_timeout_ms': 1500 }, { plugins: ['test-plugin'] });
  const port = Number(new URL(p.http).port);
  const sockets: Socket[] = [];
  t.after(() => sockets.forEach((s) => s.destroy()));
  const closed: boolean[] = [];
  for (let i = 0; i < 60; i++) {
    const socket = await openIdle(port, '127.0.0.1');
    const index = sockets.push(socket) - 1;
    closed[index] = false;
    socket.on('close', () => (closed[index] = true));
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(closed.filter((c) => !c).length, 20, 'only 20 stay open from one source');
  const other = await fetch(`http://127.0.0.1:${port}/test/000000000001.cfg`, { headers: { connection: 'close' } }).catch(() => null);
  assert.equal(other, null, 'a 21st connection from the flooding source is refused');
  // another source on loopback, the REST API and TFTP are unaffected
  const fromOther = await new Promise<string>((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress: '127.0.0.2' }, () => socket.write('GET /test/000000000001.cfg HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n'));
    let text = '';
    socket.on('data', (chunk) => (text += chunk));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
  assert.match(fromOther, /^HTTP\/1\.1 404/);
  assert.equal((await p.call('GET', '/0.2/status')).status, 200);
  await assert.rejects(tftpGet({ host: '127.0.0.1', port: p.tftpPort, filename: 'nothing.cfg', retransmitMs: 300, retries: 3 }), (err: unknown) => err instanceof TftpClientError && /Nowhere|not found/i.test(err.message));
  await new Promise((resolve) => setTimeout(resolve, 2000));
  assert.ok(closed.every(Boolean), 'idle connections were closed after the idle timeout');
  const again = await fetch(`http://127.0.0.1:${port}/test/000000000001.cfg`);
  assert.equal(again.status, 404, 'the source is served again once its idle connections are gone');
});

test('at the total cap, the connection idle the longest makes room: a phone that asks at once is served during a flood', async (t) => {
  const p = await startTestProvd(t, { 'http.max_connections': 16, 'http.max_connections_per_source': 1000, 'http.idle_timeout_ms': 60_000 }, { plugins: ['test-plugin'] });
  const port = Number(new URL(p.http).port);
  const sockets: Socket[] = [];
  t.after(() => sockets.forEach((s) => s.destroy()));
  let closed = 0;
  for (let i = 0; i < 16; i++) {
    const socket = await openIdle(port, `127.0.3.${i + 1}`);
    socket.on('close', () => closed++);
    sockets.push(socket);
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(closed, 0, 'the cap holds 16');
  for (let round = 0; round < 3; round++) {
    if (round > 0) {
      // the flood refills the room the phone left
      const socket = await openIdle(port, `127.0.3.${100 + round}`);
      socket.on('close', () => closed++);
      sockets.push(socket);
    }
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect({ port, host: '127.0.0.1', localAddress: '127.0.4.1' }, () => socket.write('GET /test/000000000001.cfg HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    assert.match(answer, /^HTTP\/1\.1 404/, `round ${round}: the phone got an answer`);
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(closed, 3, 'one idle flood connection made room each time, the oldest first');
  assert.deepEqual(sockets.map((s) => s.destroyed), sockets.map((_, i) => i < 3));
});
