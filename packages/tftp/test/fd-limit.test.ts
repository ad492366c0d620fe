// Out of file descriptors, the server answers busy instead of failing, and recovers.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { encodeRequest, tftpGet } from '@dialtone/tftp/testing';
import { RawPeer } from './helpers.js';

test('EMFILE while opening a transfer socket is answered as busy', async (t) => {
  const child = spawn('sh', ['-c', 'ulimit -n 48 && exec "$0" --import tsx "$1"', process.execPath, fileURLToPath(new URL('fd-limit-child.ts', import.meta.url))], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  t.after(() => {
    child.stdin!.end();
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`child exited with ${code}`)));
  });
  const { port } = JSON.parse(line) as { port: number };
  const peers: RawPeer[] = [];
  for (let i = 0; i < 60; i++) {
    const peer = new RawPeer(t);
    await peer.bind();
    peer.send(encodeRequest('rrq', `f${i}`, 'octet'), port);
    peers.push(peer);
  }
  const first = await Promise.all(peers.map((p) => p.next(3000)));
  const kinds = first.map((r) => (r === null ? 'none' : r.packet.op === 'error' ? `error ${r.packet.errorCode} ${r.packet.message}` : r.packet.op));
  assert.ok(kinds.includes('data'), `some transfers started: ${kinds.join(', ')}`);
  assert.ok(kinds.includes('error 0 server busy, try again later'), `the rest were told busy: ${kinds.join(', ')}`);
  // Unacknowledged transfers time out and give their sockets back.
  await new Promise((r) => setTimeout(r, 600));
  const r = await tftpGet({ host: '127.0.0.1', port, filename: 'again' });
  assert.equal(r.bytes, 5000);
});
