import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { startConfgend } from '../test/service.js';
import { configDir, fixtures, tempDir, writeFile } from '../test/support.js';
import { parseLineRequest } from './tcp.js';

test('line requests: spaces, newlines and the two flags', () => {
  assert.deepEqual(parseLineRequest('asterisk/sip.conf'), { path: 'asterisk/sip.conf', mode: 'generate' });
  assert.deepEqual(parseLineRequest('asterisk/sip.conf   cached\r\n'), { path: 'asterisk/sip.conf', mode: 'cached' });
  assert.deepEqual(parseLineRequest('asterisk/sip.conf cached invalidate'), { path: 'asterisk/sip.conf', mode: 'invalidate' });
  assert.deepEqual(parseLineRequest('wazo/é.yml'), { path: 'wazo/é.yml', mode: 'generate' });
  assert.throws(() => parseLineRequest(' \n'), /empty request/);
});

function exchange(port: number, parts: (string | Buffer)[], gapMs = 0): Promise<{ data: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', async () => {
      socket.setNoDelay(true);
      for (const p of parts) {
        socket.write(p);
        if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
      }
    });
    let data = '';
    socket.on('data', (d: Buffer) => (data += d));
    socket.on('close', () => resolve({ data, closed: true }));
    socket.on('error', () => undefined);
  });
}

test('the line server: split requests, half-closed clients, oversized and non-UTF-8 requests', async (t) => {
  const root = tempDir(t);
  const state = writeFile(join(root, 'state.json'), JSON.stringify({ mode: 'ok', text: 'tcp' }));
  const dir = configDir(root, { config: { flaky: { state }, plugins: { 'asterisk.flaky.conf': 'flaky' } } });
  const s = await startConfgend(t, dir, { 'drivers.dirs': [join(fixtures, 'drivers')] });
  const port = s.addresses.tcp!.port;
  // Two writes, no pause: whether they arrive as one chunk or two, the newline ends the request.
  // (A pause longer than the 50 ms idle window would end it early: that is the old clients' framing.)
  assert.match((await exchange(port, ['asterisk/fl', 'aky.conf\n'])).data, /^tcp#\d+\n$/);
  const half = await new Promise<string>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.end('asterisk/flaky.conf cached'));
    let data = '';
    socket.on('data', (d: Buffer) => (data += d));
    socket.on('close', () => resolve(data));
  });
  assert.match(half, /^tcp#\d+\n$/);
  const big = await exchange(port, ['x'.repeat(2000)]);
  assert.deepEqual(big, { data: '', closed: true });
  const bad = await exchange(port, [Buffer.from([0x61, 0x2f, 0xff, 0xfe, 0x0a])]);
  assert.deepEqual(bad, { data: '', closed: true });
});
