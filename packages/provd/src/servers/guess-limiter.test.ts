import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GuessLimiter } from './guess-limiter.js';

test('after the burst, a guessing source gets at most per_second guesses through, blocked with growing back-off', () => {
  let now = 0;
  const limiter = new GuessLimiter({ burst: 10, perSecond: 2, maxBlockMs: 8000 }, () => now);
  let answered = 0;
  let guess = 0;
  const blocks: number[] = [];
  // one guess every 10 ms for 60 s, as fast as a script goes
  for (now = 0; now < 60_000; now += 10) {
    const wait = limiter.blockedFor('10.0.0.9');
    if (wait > 0) continue;
    answered++;
    if (limiter.recordMiss('10.0.0.9', `/test/${(guess++).toString(16)}.cfg`)) blocks.push(limiter.blockedFor('10.0.0.9'));
  }
  const sustained = (answered - 10) / 60;
  assert.ok(sustained <= 2.05, `sustained ${sustained.toFixed(2)} guesses/s`);
  assert.ok(blocks.length > 3);
  assert.deepEqual(blocks.slice(0, 4), [1000, 2000, 4000, 8000], 'the block doubles while the source keeps guessing');
  assert.equal(Math.max(...blocks), 8000, 'up to max_block_ms');
  assert.equal(limiter.blockedFor('10.0.0.10'), 0, 'other sources are not affected');
});

test('the same missing file asked again and again costs nothing', () => {
  let now = 0;
  const limiter = new GuessLimiter({ burst: 2, perSecond: 1, maxBlockMs: 60_000 }, () => now);
  for (; now < 1000; now += 1) assert.equal(limiter.recordMiss('10.0.0.9', '/test/000000000001.cfg'), false);
  assert.equal(limiter.blockedFor('10.0.0.9'), 0);
});
