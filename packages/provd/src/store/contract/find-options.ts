/** Contract cases: projection, paging and sorting. */
import assert from 'node:assert/strict';
import type { Case } from './harness.js';
import { ids, loadSamples, rejectsWith } from './harness.js';

export function findOptionCases(test: Case): void {
  test('fields keeps the listed dotted paths, and always id', async ({ store }) => {
    await loadSamples(store);
    const docs = await store.devices.find({ vendor: 'Aastra' }, { fields: ['mac', 'options.switchboard', 'nope'] });
    assert.deepEqual(docs, [
      { id: 'd1', mac: '00:11:22:33:44:01', options: { switchboard: true } },
      { id: 'd5', mac: '00:11:22:33:44:01', options: { switchboard: false } },
    ]);
    assert.deepEqual(await store.devices.find({ id: 'd4' }, { fields: [] }), [{ id: 'd4' }]);
  });

  test('fields through a list of objects projects each item; a parent path keeps all', async ({ store }) => {
    await loadSamples(store);
    const [d1] = await store.devices.find({ id: 'd1' }, { fields: ['options.lines.user'] });
    assert.deepEqual(d1, { id: 'd1', options: { lines: [{ user: 'alice' }, { user: 'bob' }] } });
    const [whole] = await store.devices.find({ id: 'd1' }, { fields: ['options', 'options.lines.n'] });
    assert.equal(JSON.stringify(whole.options), JSON.stringify(structuredClone((await store.devices.get('d1'))!.options)));
  });

  test('skip and limit page through results; limit 0 means all', async ({ store }) => {
    await loadSamples(store);
    assert.deepEqual(ids(await store.devices.find({}, { limit: 2 })), ['d1', 'd2']);
    assert.deepEqual(ids(await store.devices.find({}, { skip: 2, limit: 2 })), ['d3', 'd4']);
    assert.deepEqual(ids(await store.devices.find({}, { skip: 3 })), ['d4', 'd5']);
    assert.deepEqual(ids(await store.devices.find({}, { limit: 0 })), ['d1', 'd2', 'd3', 'd4', 'd5']);
    assert.deepEqual(await store.devices.find({}, { skip: 10 }), []);
    assert.deepEqual(ids(await store.devices.find({ vendor: 'Cisco' }, { skip: 1, limit: 5 })), ['d3']);
    assert.deepEqual(ids(await store.devices.find({ tenant_uuid: 't1' }, { skip: 1, limit: 1 })), ['d2']);
  });

  test('sort by a number is numeric; missing first ascending; types grouped', async ({ store }) => {
    await loadSamples(store);
    const asc = await store.devices.find({}, { sort: { key: 'version', order: 'ASC' } });
    assert.deepEqual(ids(asc), ['d5', 'd2', 'd1', 'd4', 'd3'], 'missing < 9 < 10 < 100 < "9b"');
    const desc = await store.devices.find({}, { sort: { key: 'version', order: 'DESC' } });
    assert.deepEqual(ids(desc), ['d3', 'd4', 'd1', 'd2', 'd5']);
  });

  test('sort by an indexed string key, ties broken by id ascending in both orders', async ({ store }) => {
    await loadSamples(store);
    assert.deepEqual(ids(await store.devices.find({}, { sort: { key: 'mac', order: 'ASC' } })), ['d4', 'd1', 'd5', 'd2', 'd3']);
    assert.deepEqual(ids(await store.devices.find({}, { sort: { key: 'mac', order: 'DESC' } })), ['d3', 'd2', 'd1', 'd5', 'd4']);
    assert.deepEqual(ids(await store.devices.find({}, { sort: { key: 'mac', order: 'ASC' }, skip: 1, limit: 2 })), ['d1', 'd5']);
    assert.deepEqual(ids(await store.devices.find({}, { sort: { key: 'plugin', order: 'ASC' } })), ['d4', 'd5', 'd1', 'd2', 'd3'], 'null and missing tie');
  });

  test('sort by id, both ways; no sort means id order', async ({ store }) => {
    for (const id of ['b', 'a10', 'a9', 'A', 'é']) await store.devices.insert({ id });
    assert.deepEqual(ids(await store.devices.find()), ['A', 'a10', 'a9', 'b', 'é']);
    assert.deepEqual(ids(await store.devices.find({}, { sort: { key: 'id', order: 'DESC' } })), ['é', 'b', 'a9', 'a10', 'A']);
  });

  test('strings sort by code point', async ({ store }) => {
    const values = ['z', 'Z', 'é', '😀', '\uffee', '10', '9', ''];
    for (const [i, model] of values.entries()) await store.devices.insert({ id: `m${i}`, model, sn: model });
    const expected = ['', '10', '9', 'Z', 'z', 'é', '\uffee', '😀'];
    for (const key of ['model', 'sn']) {
      const docs = await store.devices.find({}, { sort: { key, order: 'ASC' } });
      assert.deepEqual(docs.map((d) => d[key]), expected, key);
    }
  });

  test('sort by a dotted path, and by a key holding mixed types', async ({ store }) => {
    await loadSamples(store);
    await store.devices.insert({ id: 'd6', mac: 7 });
    assert.deepEqual(ids(await store.devices.find({}, { sort: { key: 'options.lines.n', order: 'DESC' } })), ['d1', 'd2', 'd3', 'd4', 'd5', 'd6']);
    assert.deepEqual(ids(await store.devices.find({}, { sort: { key: 'options.switchboard', order: 'ASC' } })), ['d2', 'd3', 'd4', 'd6', 'd5', 'd1']);
    const byMac = await store.devices.find({}, { sort: { key: 'mac', order: 'ASC' }, limit: 3 });
    assert.deepEqual(ids(byMac), ['d4', 'd6', 'd1'], 'a number sorts before strings, on an indexed key too');
  });

  test('paging with a sort visits every document once', async ({ store }) => {
    for (let i = 0; i < 23; i++) await store.devices.insert({ id: `p${String(i).padStart(2, '0')}`, plugin: `pl${i % 4}`, n: i % 5 });
    for (const key of ['plugin', 'n']) {
      const seen: string[] = [];
      for (let skip = 0; skip < 23; skip += 5) seen.push(...ids(await store.devices.find({}, { sort: { key, order: 'DESC' }, skip, limit: 5 })));
      assert.equal(new Set(seen).size, 23, key);
      assert.deepEqual(seen, ids(await store.devices.find({}, { sort: { key, order: 'DESC' } })));
    }
  });

  test('sort, skip, limit and fields combine with a selector', async ({ store }) => {
    await loadSamples(store);
    const docs = await store.devices.find({ tenant_uuid: 't1' }, { sort: { key: 'version', order: 'DESC' }, skip: 1, limit: 1, fields: ['version'] });
    assert.deepEqual(docs, [{ id: 'd2', version: 9 }]);
  });

  test('bad options are refused', async ({ store }) => {
    const bad: [object, RegExp][] = [
      [{ limit: -1 }, /limit/],
      [{ skip: 1.5 }, /skip/],
      [{ limit: '10' }, /limit/],
      [{ sort: { key: 'mac', order: 'UP' } }, /ASC or DESC/],
      [{ sort: { key: '', order: 'ASC' } }, /sort/],
      [{ fields: 'mac' }, /fields/],
      [{ fields: ['a..b'] }, /fields/],
    ];
    for (const [options, message] of bad) await rejectsWith(store.devices.find({}, options as never), 'DT_ERR_BAD_REQUEST', message);
  });
}
