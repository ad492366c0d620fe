import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Operation } from './operation.js';
import { OperationRegistry } from './registry.js';

test('status strings as the reference formats them (and the official client parses)', () => {
  const op = new Operation('install_pkg');
  assert.equal(op.format(), 'install_pkg|waiting');
  const download = op.sub('download');
  op.sub('install');
  op.progress();
  download.progress(1024, 4096);
  assert.equal(op.format(), 'install_pkg|progress(download|progress;1024/4096)(install|waiting)');
  const bare = new Operation();
  bare.progress(3);
  assert.equal(bare.format(), 'progress;3');
  assert.equal(new Operation('a-b.c').format(), 'a_b_c|waiting', 'labels keep to \\w');
});

test('start numbers per path, reports success and failure, delete frees', async () => {
  const registry = new OperationRegistry();
  const a = registry.start('/0.2/pg_mgr/install/install', new Operation('install'), async (op) => op.progress(1, 2));
  const b = registry.start('/0.2/pg_mgr/install/install', new Operation('install'), async () => {
    throw Object.assign(new Error('nope'), { code: 'DT_ERR_X' });
  });
  const c = registry.start('/0.2/pg_mgr/install/update', new Operation(), async () => undefined);
  assert.deepEqual([a.id, b.id, c.id], [1, 2, 1]);
  assert.equal(a.location, '/0.2/pg_mgr/install/install/1');
  await Promise.all([a.done, b.done, c.done]);
  assert.equal(registry.get('/0.2/pg_mgr/install/install', 1)?.format(), 'install|success;1/2');
  const failed = registry.get('/0.2/pg_mgr/install/install', 2)!;
  assert.equal(failed.format(), 'install|fail');
  assert.deepEqual(failed.error, { code: 'DT_ERR_X', message: 'nope' });
  assert.equal(registry.delete('/0.2/pg_mgr/install/install', 1), true);
  assert.equal(registry.delete('/0.2/pg_mgr/install/install', 1), false);
  assert.equal(registry.get('/0.2/pg_mgr/install/install', 1), undefined);
  assert.equal(registry.size(), 2);
});

test('finished operations expire after ttl; running ones never do', async () => {
  const registry = new OperationRegistry({ ttlMs: 30 });
  let release!: () => void;
  const running = registry.start('/p', new Operation(), () => new Promise<void>((r) => (release = r)));
  const finished = registry.start('/p', new Operation(), async () => undefined);
  await finished.done;
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(registry.get('/p', finished.id), undefined, 'finished and expired');
  assert.equal(registry.get('/p', running.id)?.state, 'progress', 'still running: kept');
  release();
  await running.done;
  assert.equal(registry.get('/p', running.id)?.state, 'success');
});

test('over maxOperations, the oldest finished ones go first', async () => {
  const registry = new OperationRegistry({ maxOperations: 2 });
  const first = registry.start('/p', new Operation(), async () => undefined);
  await first.done;
  await new Promise((r) => setTimeout(r, 5));
  const second = registry.start('/p', new Operation(), async () => undefined);
  await second.done;
  registry.start('/p', new Operation(), async () => undefined);
  assert.equal(registry.get('/p', first.id), undefined);
  assert.notEqual(registry.get('/p', second.id), undefined);
});
