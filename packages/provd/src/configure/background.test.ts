import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { BackgroundQueue } from './background.js';

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

test('ids are deduplicated, counted, and idle() waits for them', async () => {
  const seen: string[] = [];
  const queue = new BackgroundQueue(async (id) => {
    seen.push(id);
    await nextTurn();
    if (id === 'bad') throw new Error('boom');
    return id !== 'no';
  });
  assert.deepEqual(queue.progress(), { pending: 0, done: 0, failed: 0, running: false });
  queue.add(['a', 'b', 'a', 'no', 'bad']);
  queue.add(['b', 'c']);
  assert.equal(queue.progress().running, true);
  await queue.idle();
  assert.deepEqual(seen.sort(), ['a', 'b', 'bad', 'c', 'no']);
  assert.deepEqual(queue.progress(), { pending: 0, done: 3, failed: 2, running: false });
  await queue.idle();
});

test('synchronous work is cut into slices: the event loop keeps turning', async () => {
  let done = 0;
  const queue = new BackgroundQueue(
    async () => {
      busy(1);
      done++;
      return true;
    },
    { concurrency: 8, sliceMs: 4 },
  );
  // how many devices ran between two turns of the event loop (time stalls could come from
  // other processes on the machine; this count only from the queue)
  const perTurn: number[] = [];
  let running = true;
  const ticker = (async () => {
    let last = 0;
    while (running) {
      perTurn.push(done - last);
      last = done;
      await nextTurn();
    }
  })();
  queue.add(Array.from({ length: 150 }, (_, i) => `d${i}`));
  await queue.idle();
  running = false;
  await ticker;
  assert.equal(done, 150);
  // a slice lasts sliceMs, plus at most one device per worker that started before it ended
  assert.ok(Math.max(...perTurn) <= 4 + 8 + 2, `at most ${Math.max(...perTurn)} devices between two turns`);
});

test('workers resuming together, or from I/O, stay within the slice (checkpoint before the CPU part)', async () => {
  let done = 0;
  const queue = new BackgroundQueue(
    async (_id, checkpoint) => {
      await nextTurn(); // a read: every worker resumes in the same turn
      await checkpoint();
      busy(1); // the render
      done++;
      return true;
    },
    { concurrency: 32, sliceMs: 4 },
  );
  const perTurn: number[] = [];
  let running = true;
  const ticker = (async () => {
    let last = 0;
    while (running) {
      perTurn.push(done - last);
      last = done;
      await nextTurn();
    }
  })();
  queue.add(Array.from({ length: 200 }, (_, i) => `d${i}`));
  await queue.idle();
  running = false;
  await ticker;
  assert.equal(done, 200);
  // without the clock checked again on waking, the 32 workers waiting for a turn all rendered in it
  assert.ok(Math.max(...perTurn) <= 4 + 2, `at most ${Math.max(...perTurn)} renders between two turns: ${perTurn.join(',')}`);
});
