import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { encodeData } from './packet.js';
import { PacketCache } from './packet-cache.js';

function expected(content: Buffer, blksize: number, index: number): Buffer {
  return encodeData(index, content.subarray((index - 1) * blksize, index * blksize));
}

test('framed content hands out the DATA packets of every block, framed once and shared', () => {
  const content = randomBytes(512 * 40 + 100);
  const cache = new PacketCache(1 << 20);
  const a = cache.acquire(content, 512)!;
  assert.equal(a.lastBlock, 41);
  const out: Buffer[] = [];
  a.take(5, 3, out); // framed out of order: a run in the middle first
  a.take(1, 16, out);
  a.take(33, 16, out); // past the end: stops at the last block
  const indexes = [5, 6, 7, ...Array.from({ length: 16 }, (_, i) => i + 1), ...Array.from({ length: 9 }, (_, i) => i + 33)];
  assert.equal(out.length, indexes.length);
  out.forEach((p, i) => assert.deepEqual(p, expected(content, 512, indexes[i])));
  const b = cache.acquire(content, 512)!;
  assert.equal(b, a, 'a second transfer of the same content and blksize shares the entry');
  const again: Buffer[] = [];
  b.take(5, 1, again);
  assert.equal(again[0], out[0], 'the very same packet buffer');
});

test('an exact multiple of blksize ends with an empty packet; numbers wrap at 65536', () => {
  const content = randomBytes(1024);
  const framed = new PacketCache(1 << 20).acquire(content, 512)!;
  const out: Buffer[] = [];
  framed.take(1, 8, out);
  assert.equal(out.length, 3);
  assert.deepEqual(out[2], encodeData(3, Buffer.alloc(0)));
  const big = Buffer.alloc(512 * 65537);
  const wrapped: Buffer[] = [];
  new PacketCache(64 << 20).acquire(big, 512)!.take(65536, 2, wrapped);
  assert.deepEqual([wrapped[0].readUInt16BE(2), wrapped[1].readUInt16BE(2)], [0, 1]);
});

test('small blksizes, oversized contents and a budget held by running transfers are not cached', () => {
  const cache = new PacketCache(10_000);
  assert.equal(cache.acquire(randomBytes(100), 511), undefined);
  assert.equal(cache.acquire(randomBytes(20_000), 512), undefined);
  const a = cache.acquire(randomBytes(6000), 512)!;
  assert.ok(a);
  assert.equal(cache.acquire(randomBytes(6000), 512), undefined, 'the first entry is in use');
  cache.release(a);
  const c = randomBytes(6000);
  assert.ok(cache.acquire(c, 512), 'an unused entry is evicted to make room');
  assert.deepEqual(cache.stats(), { entries: 1, bytes: 6000 + 4 * 12 });
});

test('entries are evicted least recently used first, per content and blksize', () => {
  const cache = new PacketCache(3 * (4096 + 4 * 5));
  const [x, y, z, w] = [randomBytes(4096), randomBytes(4096), randomBytes(4096), randomBytes(4096)];
  for (const content of [x, y, z]) cache.release(cache.acquire(content, 1024)!);
  cache.release(cache.acquire(x, 1024)!); // x is now the most recent: y goes first
  const wEntry = cache.acquire(w, 1024)!;
  assert.equal(cache.stats().entries, 3);
  const xEntry = cache.acquire(x, 1024)!;
  assert.equal(cache.stats().entries, 3, 'x was kept');
  cache.release(xEntry);
  cache.release(wEntry);
  const yEntry = cache.acquire(y, 1024)!;
  assert.ok(yEntry, 'y comes back by evicting z, the least recent');
  assert.equal(cache.stats().entries, 3);
});
