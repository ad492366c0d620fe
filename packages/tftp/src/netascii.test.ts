import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { fromNetascii, toNetascii } from './netascii.js';

test('LF becomes CR LF and a bare CR becomes CR NUL', () => {
  assert.deepEqual(toNetascii(Buffer.from('a\nb\rc\r\n')), Buffer.from('a\r\nb\r\0c\r\0\r\n', 'latin1'));
});

test('text without line ends is returned as is', () => {
  const b = Buffer.from('plain');
  assert.equal(toNetascii(b), b);
});

test('round trip over any split of the stream', () => {
  const source = randomBytes(5000);
  const wire = toNetascii(source);
  for (const cut of [1, 7, 512, 513, 4999]) {
    const state = { pendingCr: false };
    const parts: Buffer[] = [];
    for (let i = 0; i < wire.length; i += cut) parts.push(fromNetascii(wire.subarray(i, i + cut), state));
    assert.ok(Buffer.concat(parts).equals(source), `cut ${cut}`);
  }
});
