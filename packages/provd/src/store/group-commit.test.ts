import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GroupCommit, type WriteSession } from './group-commit.js';
import type { SqlRunner } from './sql.js';

/**
 * A transcript of what the grouping asks of the engine: the SQL engines themselves are covered
 * by the store contract suite; this checks the grouping rules in isolation.
 */
function transcriptSession(log: string[], opts: { failCommit?: boolean } = {}): () => Promise<WriteSession> {
  let sessions = 0;
  return async () => {
    const n = ++sessions;
    log.push(`begin ${n}`);
    const runner: SqlRunner = {
      all: async () => [],
      run: async (sql) => {
        log.push(sql);
        return 1;
      },
    };
    return {
      runner,
      commit: async () => {
        if (opts.failCommit) throw new Error('disk full');
        log.push(`commit ${n}`);
      },
      rollback: async () => void log.push(`rollback ${n}`),
      end: () => void log.push(`end ${n}`),
    };
  };
}

/** Grouping is what these tests check: a slow machine must not end a group early. */
const NO_TIME_LIMIT = { maxWriters: 64, maxMs: 60_000 };

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('writers queued behind a running one share its commit, each in a savepoint', async () => {
  const log: string[] = [];
  const group = new GroupCommit(transcriptSession(log), NO_TIME_LIMIT);
  const results = await Promise.all(
    [1, 2, 3].map((n) =>
      group.run(async (runner) => {
        await runner.run(`write ${n}`);
        await tick();
        return n;
      }),
    ),
  );
  assert.deepEqual(results, [1, 2, 3]);
  assert.deepEqual(log, [
    'begin 1',
    'write 1',
    'SAVEPOINT dt_writer',
    'write 2',
    'RELEASE SAVEPOINT dt_writer',
    'SAVEPOINT dt_writer',
    'write 3',
    'RELEASE SAVEPOINT dt_writer',
    'commit 1',
    'end 1',
  ]);
});

test('a lone writer commits without a savepoint', async () => {
  const log: string[] = [];
  const group = new GroupCommit(transcriptSession(log), NO_TIME_LIMIT);
  assert.equal(await group.run(async () => 'a'), 'a');
  assert.equal(await group.run(async () => 'b'), 'b');
  assert.deepEqual(log, ['begin 1', 'commit 1', 'end 1', 'begin 2', 'commit 2', 'end 2']);
});

test('a failing writer is rolled back alone; the group goes on', async () => {
  const log: string[] = [];
  const group = new GroupCommit(transcriptSession(log), NO_TIME_LIMIT);
  const outcomes = await Promise.allSettled([
    group.run(async () => 'first'),
    group.run(async () => {
      throw new Error('second fails');
    }),
    group.run(async () => 'third'),
  ]);
  assert.deepEqual(
    outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message)),
    ['first', 'second fails', 'third'],
  );
  assert.ok(log.includes('ROLLBACK TO SAVEPOINT dt_writer'));
  assert.equal(log.filter((l) => l.startsWith('commit')).length, 1);
});

test('a failing first writer rolls back its transaction; the next writers start a new one', async () => {
  const log: string[] = [];
  const group = new GroupCommit(transcriptSession(log), NO_TIME_LIMIT);
  const outcomes = await Promise.allSettled([
    group.run(async () => {
      throw new Error('first fails');
    }),
    group.run(async () => 'second'),
  ]);
  assert.equal(outcomes[0].status, 'rejected');
  assert.deepEqual(outcomes[1], { status: 'fulfilled', value: 'second' });
  assert.deepEqual(log, ['begin 1', 'rollback 1', 'end 1', 'begin 2', 'commit 2', 'end 2']);
});

test('when the commit fails, every writer of the group fails: nothing is reported done that was not committed', async () => {
  const log: string[] = [];
  const group = new GroupCommit(transcriptSession(log, { failCommit: true }), NO_TIME_LIMIT);
  const outcomes = await Promise.allSettled([1, 2, 3].map((n) => group.run(async () => n)));
  assert.deepEqual(
    outcomes.map((o) => o.status === 'rejected' && (o.reason as Error).message),
    ['disk full', 'disk full', 'disk full'],
  );
  assert.ok(log.includes('rollback 1'));
});

test('a group that cannot start fails the writers waiting for it, and the next one starts afresh', async () => {
  let attempts = 0;
  const log: string[] = [];
  const working = transcriptSession(log);
  const group = new GroupCommit(async () => {
    if (++attempts === 1) throw new Error('locked');
    return working();
  });
  const outcomes = await Promise.allSettled([group.run(async () => 1), group.run(async () => 2)]);
  assert.deepEqual(
    outcomes.map((o) => o.status),
    ['rejected', 'rejected'],
  );
  assert.equal(await group.run(async () => 3), 3);
});

test('a group stops at maxWriters and the rest go to the next group', async () => {
  const log: string[] = [];
  const group = new GroupCommit(transcriptSession(log), { maxWriters: 2, maxMs: 60_000 });
  await Promise.all([1, 2, 3, 4, 5].map((n) => group.run(async () => n)));
  assert.deepEqual(
    log.filter((l) => l.startsWith('commit')),
    ['commit 1', 'commit 2', 'commit 3'],
  );
});

test('writers arriving during the event-loop turn after the last one join its group', async () => {
  const log: string[] = [];
  const group = new GroupCommit(transcriptSession(log), NO_TIME_LIMIT);
  const first = group.run(async () => 1);
  await Promise.resolve();
  const late = new Promise<number>((resolve) => setImmediate(() => resolve(group.run(async () => 2))));
  assert.deepEqual(await Promise.all([first, late]), [1, 2]);
  assert.deepEqual(
    log.filter((l) => l.startsWith('commit')),
    ['commit 1'],
  );
});

test('close lets queued writers finish, then refuses new ones', async () => {
  const log: string[] = [];
  const group = new GroupCommit(transcriptSession(log), NO_TIME_LIMIT);
  const queued = [1, 2].map((n) => group.run(async () => n));
  await group.close();
  assert.deepEqual(await Promise.all(queued), [1, 2]);
  await assert.rejects(group.run(async () => 3), /closed/);
});
