/** Contract cases: insert/get/update/delete, ids, document fidelity, meta, persistence. */
import assert from 'node:assert/strict';
import type { Case } from './harness.js';
import { ids, rejectsWith } from './harness.js';

export function crudCases(test: Case): void {
  test('insert with an id, get it back', async ({ store }) => {
    const id = await store.devices.insert({ id: 'dev1', mac: '00:11:22:33:44:55', tenant_uuid: 't1' });
    assert.equal(id, 'dev1');
    assert.deepEqual(await store.devices.get('dev1'), { id: 'dev1', mac: '00:11:22:33:44:55', tenant_uuid: 't1' });
    assert.equal(await store.devices.get('nope'), null);
    assert.equal(store.kind === 'sqlite' || store.kind === 'postgres', true);
  });

  test('insert without an id assigns a uuid4 hex id', async ({ store }) => {
    const a = await store.devices.insert({ mac: 'aa' });
    const b = await store.configs.insert({ parent_ids: [], raw_config: {} });
    for (const id of [a, b]) assert.match(id, /^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$/);
    assert.notEqual(a, b);
    assert.deepEqual(await store.devices.get(a), { id: a, mac: 'aa' });
  });

  test('the numeric generator counts from 0 and skips ids taken by hand', async ({ open }) => {
    const store = await open({ idGenerator: 'numeric' });
    await store.devices.insert({ id: '1' });
    assert.equal(await store.devices.insert({}), '0');
    assert.equal(await store.devices.insert({}), '2');
    assert.equal(await store.configs.insert({ parent_ids: [] }), '0');
    await store.devices.delete('2');
    assert.equal(await store.devices.insert({}), '3', 'a deleted id is not handed out again');
  });

  test('a duplicate id is refused and the first document is unchanged', async ({ store }) => {
    await store.devices.insert({ id: 'x', mac: 'first' });
    await rejectsWith(store.devices.insert({ id: 'x', mac: 'second' }), 'DT_ERR_DUPLICATE_ID', /id/);
    assert.deepEqual(await store.devices.get('x'), { id: 'x', mac: 'first' });
    await store.configs.insert({ id: 'c', parent_ids: ['p1'] });
    await rejectsWith(store.configs.insert({ id: 'c', parent_ids: ['p2'] }), 'DT_ERR_DUPLICATE_ID');
    assert.deepEqual(await store.configs.children('p2'), [], 'no parent link left by the refused insert');
    assert.deepEqual(await store.configs.children('p1'), ['c']);
  });

  test('invalid ids are refused with a message naming id, and nothing is stored', async ({ store }) => {
    const bad: unknown[] = ['', 'a/b', 'a\nb', 'nul\u0000', 'x'.repeat(256), '..', 42, null, '\ud800'];
    for (const id of bad) {
      await rejectsWith(store.devices.insert({ id } as never), 'DT_ERR_INVALID_DOCUMENT', /\bid\b/);
    }
    assert.equal(await store.devices.count(), 0);
    assert.equal(await store.devices.insert({ id: 'x'.repeat(255) }), 'x'.repeat(255));
    assert.equal(await store.devices.insert({ id: 'é:😀 ok-id_1' }), 'é:😀 ok-id_1');
  });

  test('values JSON cannot carry are refused, naming where', async ({ store }) => {
    const cyclic: Record<string, unknown> = { id: 'cyc' };
    cyclic.self = cyclic;
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ id: 'a', n: Number.NaN }, /device\.n/],
      [{ id: 'b', options: { f: () => 1 } }, /device\.options\.f/],
      [{ id: 'c', when: new Date() }, /device\.when/],
      [{ id: 'd', list: [1, undefined] }, /device\.list\[1\]/],
      [cyclic, /circular/],
    ];
    for (const [doc, where] of bad) await rejectsWith(store.devices.insert(doc as never), 'DT_ERR_INVALID_DOCUMENT', where);
    await rejectsWith(store.devices.insert([] as never), 'DT_ERR_INVALID_DOCUMENT');
    assert.equal(await store.devices.count(), 0);
    await store.devices.insert({ id: 'u', gone: undefined, kept: 1 });
    assert.deepEqual(await store.devices.get('u'), { id: 'u', kept: 1 }, 'undefined object values are dropped, as in JSON');
  });

  test('documents round-trip exactly: unknown X_ keys, nesting, key order, odd strings and numbers', async ({ store }) => {
    const doc = {
      id: 'rt',
      X_custom: { deep: [1, [2, [3, { four: null }]], {}], empty: [] },
      mac: '00:11:22:33:44:55',
      zeta: 1,
      alpha: 2,
      unicode: 'é中😀\u0000\ud800 end',
      numbers: [0, -1, 1.5, 1e21, 2 ** 53 - 1, -0.000001],
      flags: [true, false],
      raw_config: { sip_lines: { '1': { username: 'u' } }, X_key: 'v' },
    };
    await store.devices.insert(doc);
    const back = await store.devices.get('rt');
    assert.deepEqual(back, doc);
    assert.equal(JSON.stringify(back), JSON.stringify(doc), 'key order is kept');
    await store.configs.insert({ ...doc, parent_ids: [] });
    assert.equal(JSON.stringify(await store.configs.get('rt')), JSON.stringify({ ...doc, parent_ids: [] }));
  });

  test('returned documents are copies', async ({ store }) => {
    const input = { id: 'c1', options: { a: 1 } };
    await store.devices.insert(input);
    input.options.a = 2;
    const first = await store.devices.get('c1');
    assert.deepEqual(first, { id: 'c1', options: { a: 1 } });
    (first!.options as { a: number }).a = 3;
    const [found] = await store.devices.find({ id: 'c1' });
    assert.deepEqual(found.options, { a: 1 });
  });

  test('update replaces the whole document; indexed columns follow', async ({ store }) => {
    await store.devices.insert({ id: 'u', mac: 'old', ip: '10.0.0.1', plugin: 'p1', note: 'x' });
    await store.devices.update({ id: 'u', mac: 'new', plugin: 'p2' });
    assert.deepEqual(await store.devices.get('u'), { id: 'u', mac: 'new', plugin: 'p2' });
    assert.deepEqual(ids(await store.devices.find({ mac: 'new' })), ['u']);
    assert.deepEqual(await store.devices.find({ mac: 'old' }), []);
    assert.deepEqual(await store.devices.find({ ip: '10.0.0.1' }), []);
    assert.equal(await store.devices.count({ plugin: 'p2' }), 1);
  });

  test('update of an unknown id is NOT_FOUND and creates nothing', async ({ store }) => {
    await rejectsWith(store.devices.update({ id: 'ghost', mac: 'm' }), 'DT_ERR_NOT_FOUND', /ghost/);
    await rejectsWith(store.configs.update({ id: 'ghost', parent_ids: ['x'] }), 'DT_ERR_NOT_FOUND');
    assert.equal(await store.devices.count(), 0);
    assert.deepEqual(await store.configs.children('x'), []);
    await rejectsWith(store.devices.update({ id: 'a/b' }), 'DT_ERR_INVALID_DOCUMENT', /id/);
  });

  test('delete removes; deleting an unknown id is NOT_FOUND', async ({ store }) => {
    await store.devices.insert({ id: 'a', mac: 'm' });
    await store.devices.delete('a');
    assert.equal(await store.devices.get('a'), null);
    assert.equal(await store.devices.count({ mac: 'm' }), 0);
    await rejectsWith(store.devices.delete('a'), 'DT_ERR_NOT_FOUND', /"a"/);
    await rejectsWith(store.devices.delete('../etc'), 'DT_ERR_NOT_FOUND');
  });

  test('MAC is not unique', async ({ store }) => {
    await store.devices.insert({ id: 'a', mac: '00:11:22:33:44:55' });
    await store.devices.insert({ id: 'b', mac: '00:11:22:33:44:55' });
    assert.deepEqual(ids(await store.devices.find({ mac: '00:11:22:33:44:55' })), ['a', 'b']);
  });

  test('config parent links follow insert, update and delete', async ({ store }) => {
    await store.configs.insert({ id: 'base', parent_ids: [] });
    await store.configs.insert({ id: 'a', parent_ids: ['base'] });
    await store.configs.insert({ id: 'b', parent_ids: ['base', 'a'] });
    assert.deepEqual(await store.configs.children('base'), ['a', 'b']);
    await store.configs.update({ id: 'b', parent_ids: ['a'] });
    assert.deepEqual(await store.configs.children('base'), ['a']);
    assert.deepEqual(await store.configs.children('a'), ['b']);
    await store.configs.delete('b');
    assert.deepEqual(await store.configs.children('a'), []);
    await store.configs.delete('base');
    assert.deepEqual(await store.configs.children('base'), ['a'], "a's parent_ids still name base, so the link stays");
  });

  test('meta values: set, overwrite, get, delete', async ({ store }) => {
    assert.equal(await store.meta.get('app'), undefined);
    await store.meta.set('app', { locale: 'fr_FR', nat: null, list: [1, 'two'] });
    assert.deepEqual(await store.meta.get('app'), { locale: 'fr_FR', nat: null, list: [1, 'two'] });
    await store.meta.set('app', 'plain');
    assert.equal(await store.meta.get('app'), 'plain');
    await store.meta.set('zero', 0);
    assert.equal(await store.meta.get('zero'), 0);
    await store.meta.delete('app');
    assert.equal(await store.meta.get('app'), undefined);
    await store.meta.delete('never-set');
    await rejectsWith(store.meta.set('bad', Number.NaN as never), 'DT_ERR_INVALID_DOCUMENT');
  });

  test('data survives closing and reopening; migrations run once', async ({ store, open }) => {
    await store.devices.insert({ id: 'keep', mac: 'm' });
    await store.configs.insert({ id: 'child', parent_ids: ['root'] });
    await store.meta.set('k', [1]);
    await store.close();
    const again = await open();
    assert.deepEqual(await again.devices.get('keep'), { id: 'keep', mac: 'm' });
    assert.deepEqual(await again.configs.children('root'), ['child']);
    assert.deepEqual(await again.meta.get('k'), [1]);
  });

  test('a closed store refuses writes with a store error', async ({ store }) => {
    await store.close();
    await store.close();
    await rejectsWith(store.devices.insert({ id: 'late' }), 'DT_ERR_STORE');
    await rejectsWith(store.devices.get('late'), 'DT_ERR_STORE');
  });
}
