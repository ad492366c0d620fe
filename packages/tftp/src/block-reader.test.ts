import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { netasciiReader, octetReader, type BlockReader } from './block-reader.js';
import { toNetascii } from './netascii.js';
import { bufferSource, type TftpSource } from './source.js';

async function all(reader: BlockReader, count: number): Promise<Buffer[]> {
  const blocks: Buffer[] = [];
  for (let from = 1; reader.lastBlock === undefined || from <= reader.lastBlock; from = blocks.length + 1) {
    blocks.push(...(await reader.read(from, count)));
  }
  return blocks;
}

function asyncSource(body: Buffer): TftpSource & { reads: number } {
  const source = {
    reads: 0,
    size: body.length,
    read: async (offset: number, length: number) => {
      source.reads++;
      return Buffer.from(body.subarray(offset, offset + length));
    },
  };
  return source;
}

test('octet blocks: sizes around blksize, the final block always short', async () => {
  for (const size of [0, 1, 511, 512, 513, 1024, 5000]) {
    const body = randomBytes(size);
    for (const count of [1, 3, 16]) {
      const blocks = await all(octetReader(bufferSource(body), 512), count);
      assert.equal(blocks.length, Math.floor(size / 512) + 1, `size ${size}`);
      assert.ok(blocks.slice(0, -1).every((b) => b.length === 512), 'full blocks');
      assert.ok(blocks[blocks.length - 1].length < 512, 'short final block');
      assert.ok(Buffer.concat(blocks).equals(body), 'content');
    }
  }
});

test('an asynchronous source is read ahead, not once per block', async () => {
  const body = randomBytes(300_000);
  const source = asyncSource(body);
  const blocks = await all(octetReader(source, 512), 1);
  assert.ok(Buffer.concat(blocks).equals(body), 'content');
  assert.equal(source.reads, Math.ceil(300_000 / 65536));
});

test('blocks can be read again after a retransmission restarts a window', async () => {
  const body = randomBytes(10_000);
  const reader = octetReader(asyncSource(body), 100);
  await reader.read(1, 10);
  const again = await reader.read(5, 3);
  assert.ok(Buffer.concat(again).equals(body.subarray(400, 700)), 'blocks 5-7');
});

test('a source shorter than it claimed fails the read', async () => {
  const liar: TftpSource = { size: 1000, read: (_o, length) => Buffer.alloc(length - 1) };
  assert.throws(() => octetReader(liar, 512).read(1, 1), /changed/);
});

test('netascii blocks carry the converted stream and end short', async () => {
  const text = Buffer.from('a\nb\r'.repeat(1000));
  const wire = toNetascii(text);
  for (const count of [1, 4]) {
    const blocks = await all(netasciiReader(asyncSource(text), 512), count);
    assert.ok(Buffer.concat(blocks).equals(wire), 'converted stream');
    assert.ok(blocks[blocks.length - 1].length < 512, 'short final block');
  }
  const exact = Buffer.from('x'.repeat(1023) + '\n'); // 1025 bytes on the wire
  const exactBlocks = await all(netasciiReader(bufferSource(exact), 1025), 1);
  assert.deepEqual(
    exactBlocks.map((b) => b.length),
    [1025, 0],
  );
});
