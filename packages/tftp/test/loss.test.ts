// Loss: through a proxy that drops 10% and duplicates 5% of datagrams both ways, downloads still complete byte-identical.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { bufferSource } from '@dialtone/tftp';
import { tftpGet } from '@dialtone/tftp/testing';
import { requireTool, run, startServer, tempFolder } from './helpers.js';
import { startLossyProxy } from './lossy-proxy.js';

const files: Record<string, Buffer> = {
  'lockstep.bin': randomBytes(100_000),
  'fixed.bin': randomBytes(10_000),
  'window.bin': randomBytes(300_000),
  'small.bin': randomBytes(513),
  'empty.bin': Buffer.alloc(0),
  'text.txt': Buffer.from('provisioning line\nwith a bare\rcarriage return\r\n'.repeat(700)),
};

test('transfers survive a lossy, duplicating path', async (t) => {
  const { port, records } = await startServer(t, {
    resolve: (r) => bufferSource(files[r.filename]),
    initialTimeoutMs: 100,
    minTimeoutMs: 20,
    maxTimeoutMs: 400,
    maxRetries: 30,
    maxRetriesUnconfirmed: 30,
  });
  const proxy = await startLossyProxy({ targetPort: port, dropRate: 0.1, duplicateRate: 0.05, seed: 20240611 });
  t.after(() => proxy.close());
  const get = (filename: string, extra: object = {}) =>
    tftpGet({ host: '127.0.0.1', port: proxy.port, filename, retransmitMs: 150, retries: 40, dallyMs: 500, ...extra });
  const results = await Promise.all([
    get('lockstep.bin'),
    get('window.bin', { blksize: 1428, windowsize: 8 }),
    get('small.bin', { blksize: 512, tsize: true }),
    get('empty.bin', { tsize: true }),
    get('text.txt', { mode: 'netascii', blksize: 700 }),
    get('fixed.bin', { blksize: 1024, timeoutOption: 1 }),
  ]);
  assert.ok(results[0].data!.equals(files['lockstep.bin']), 'lock-step download intact');
  assert.ok(results[1].data!.equals(files['window.bin']), 'windowed download intact');
  assert.ok(results[2].data!.equals(files['small.bin']), 'OACK download intact');
  assert.equal(results[3].data!.length, 0);
  assert.ok(results[4].data!.equals(files['text.txt']), 'netascii download intact');
  assert.ok(results[5].data!.equals(files['fixed.bin']), 'fixed-timeout download intact');
  assert.ok(proxy.stats.dropped > 20 && proxy.stats.duplicated > 10, `the path was lossy: ${JSON.stringify(proxy.stats)}`);
  await new Promise((r) => setTimeout(r, 600));
  const retransmits = records.reduce((n, r) => n + r.retransmits, 0);
  assert.ok(retransmits > 0, 'the server retransmitted');
});

// tftp-hpa re-ACKs a duplicate block, as RFC 1350 clients do. (atftp instead ignores it
// and waits for its own timer, which our faster retransmissions keep resetting: see docs.)
test('a real client (tftp-hpa) survives the same path', async (t) => {
  requireTool('tftp');
  const dir = tempFolder(t);
  const body = randomBytes(150_000);
  const { port } = await startServer(t, { resolve: () => body, initialTimeoutMs: 100, minTimeoutMs: 20, maxTimeoutMs: 400, maxRetries: 30, maxRetriesUnconfirmed: 30 });
  const proxy = await startLossyProxy({ targetPort: port, dropRate: 0.1, duplicateRate: 0.05, seed: 7 });
  t.after(() => proxy.close());
  const out = join(dir, 'out.bin');
  writeFileSync(out, '');
  // Commands on stdin: `rexmt 1` shortens the client's own timer (for a lost RRQ) from 5 s.
  const r = await run('tftp', ['127.0.0.1', String(proxy.port)], 60_000, dir, `rexmt 1\nbinary\nget fw.bin ${out}\nquit\n`);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(readFileSync(out).equals(body), 'tftp-hpa download intact');
  assert.ok(proxy.stats.dropped > 0, 'the path dropped packets');
});
