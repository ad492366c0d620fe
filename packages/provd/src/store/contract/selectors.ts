/** Contract cases: every selector operator, dotted paths, arrays, indexed and unindexed keys. */
import assert from 'node:assert/strict';
import type { Case } from './harness.js';
import { ids, loadSamples, rejectsWith } from './harness.js';

export function selectorCases(test: Case): void {
  test('equality on an indexed key (mac) and an unindexed one (vendor)', async ({ store }) => {
    await loadSamples(store);
    assert.deepEqual(ids(await store.devices.find({ mac: '00:11:22:33:44:01' })), ['d1', 'd5']);
    assert.deepEqual(ids(await store.devices.find({ vendor: 'Cisco' })), ['d2', 'd3']);
    assert.deepEqual(ids(await store.devices.find({ mac: '00:11:22:33:44:01', vendor: 'Aastra', ip: '10.0.0.1' })), ['d1']);
    assert.deepEqual(ids(await store.devices.find({})), ['d1', 'd2', 'd3', 'd4', 'd5']);
    assert.deepEqual(ids(await store.devices.find()), ['d1', 'd2', 'd3', 'd4', 'd5']);
  });

  test('equality is typed: 10 is not "10", null matches only null (not a missing key)', async ({ store }) => {
    await loadSamples(store);
    assert.deepEqual(ids(await store.devices.find({ version: 10 })), ['d1']);
    assert.deepEqual(ids(await store.devices.find({ version: '10' })), []);
    assert.deepEqual(ids(await store.devices.find({ plugin: null })), ['d4']);
    assert.deepEqual(ids(await store.devices.find({ config: null })), []);
  });

  test('find by tenant and plugin (two indexed keys)', async ({ store }) => {
    await loadSamples(store);
    assert.deepEqual(ids(await store.devices.find({ tenant_uuid: 't1', plugin: 'cisco-sccp' })), ['d2']);
    assert.deepEqual(ids(await store.devices.find({ tenant_uuid: 't2', plugin: 'cisco-sccp' })), ['d3']);
    assert.equal(await store.devices.count({ tenant_uuid: 't1' }), 3);
  });

  test('dotted paths into objects and through arrays of objects', async ({ store }) => {
    await loadSamples(store);
    assert.deepEqual(ids(await store.devices.find({ 'options.switchboard': true })), ['d1']);
    assert.deepEqual(ids(await store.devices.find({ 'options.switchboard': false })), ['d5']);
    assert.deepEqual(ids(await store.devices.find({ 'options.lines.user': 'bob' })), ['d1']);
    assert.deepEqual(ids(await store.devices.find({ 'options.lines.n': 1 })), ['d1', 'd2']);
    assert.deepEqual(ids(await store.devices.find({ 'options.lines.user': { $in: ['carol', 'alice'] } })), ['d1', 'd2']);
    assert.deepEqual(ids(await store.devices.find({ 'options.nope.deeper': 1 })), []);
  });

  test('a list at the end of a path is compared whole', async ({ store }) => {
    await loadSamples(store);
    assert.deepEqual(ids(await store.devices.find({ tags: ['desk'] })), ['d2']);
    assert.deepEqual(ids(await store.devices.find({ tags: ['lobby', 'desk'] })), [], 'order matters');
    assert.deepEqual(ids(await store.devices.find({ tags: 'desk' })), [], 'no membership test for equality');
    assert.deepEqual(ids(await store.devices.find({ tags: [] })), ['d3']);
  });

  test('equality with an object compares deeply, whatever the key order', async ({ store }) => {
    await store.devices.insert({ id: 'o', options: { b: 2, a: { c: [1] } } });
    assert.deepEqual(ids(await store.devices.find({ options: { a: { c: [1] }, b: 2 } })), ['o']);
    assert.deepEqual(ids(await store.devices.find({ options: { a: { c: [1] } } })), []);
  });

  test('$in on indexed and unindexed keys, with mixed types', async ({ store }) => {
    await loadSamples(store);
    assert.deepEqual(ids(await store.devices.find({ mac: { $in: ['00:11:22:33:44:02', '00:11:22:33:44:03', 'zz'] } })), ['d2', 'd3']);
    assert.deepEqual(ids(await store.devices.find({ vendor: { $in: ['Yealink', 'Aastra'] } })), ['d1', 'd4', 'd5']);
    assert.deepEqual(ids(await store.devices.find({ version: { $in: [9, '9b', null] } })), ['d2', 'd3']);
    assert.deepEqual(ids(await store.devices.find({ id: { $in: ['d4', 'd2', 'nope'] } })), ['d2', 'd4']);
    assert.deepEqual(await store.devices.find({ mac: { $in: [] } }), []);
  });

  test('$nin and $ne also match documents missing the key', async ({ store }) => {
    await loadSamples(store);
    assert.deepEqual(ids(await store.devices.find({ mac: { $nin: ['00:11:22:33:44:01'] } })), ['d2', 'd3', 'd4']);
    assert.deepEqual(ids(await store.devices.find({ mac: { $ne: '00:11:22:33:44:01' } })), ['d2', 'd3', 'd4']);
    assert.deepEqual(ids(await store.devices.find({ vendor: { $nin: ['Cisco', 'Aastra'] } })), ['d4']);
    assert.deepEqual(ids(await store.devices.find({ plugin: { $ne: null } })), ['d1', 'd2', 'd3', 'd5']);
    assert.deepEqual(ids(await store.devices.find({ mac: { $nin: [] } })), ['d1', 'd2', 'd3', 'd4', 'd5']);
    assert.deepEqual(ids(await store.devices.find({ 'options.lines.user': { $ne: 'alice' } })), ['d2', 'd3', 'd4', 'd5']);
  });

  test('$contains: an item of a list, or a substring of a string', async ({ store }) => {
    await loadSamples(store);
    assert.deepEqual(ids(await store.devices.find({ tags: { $contains: 'desk' } })), ['d1', 'd2']);
    assert.deepEqual(ids(await store.devices.find({ tags: { $contains: 'lobby' } })), ['d1']);
    assert.deepEqual(ids(await store.devices.find({ model: { $contains: '79' } })), ['d2', 'd3']);
    assert.deepEqual(ids(await store.devices.find({ mac: { $contains: '44:0' } })), ['d1', 'd2', 'd3', 'd5']);
    assert.deepEqual(ids(await store.devices.find({ 'options.lines': { $contains: { n: 1, user: 'carol' } } })), ['d2']);
    assert.deepEqual(ids(await store.devices.find({ version: { $contains: 1 } })), []);
  });

  test('$gt $ge $lt $le compare numbers numerically and never across types', async ({ store }) => {
    await loadSamples(store);
    assert.deepEqual(ids(await store.devices.find({ version: { $gt: 9 } })), ['d1', 'd4']);
    assert.deepEqual(ids(await store.devices.find({ version: { $ge: 9 } })), ['d1', 'd2', 'd4']);
    assert.deepEqual(ids(await store.devices.find({ version: { $lt: 100 } })), ['d1', 'd2'], 'numeric, not "100" < "9"');
    assert.deepEqual(ids(await store.devices.find({ version: { $le: 100 } })), ['d1', 'd2', 'd4']);
    assert.deepEqual(ids(await store.devices.find({ version: { $ge: '9' } })), ['d3'], 'strings compare with strings only');
    assert.deepEqual(ids(await store.devices.find({ version: { $gt: 5, $lt: 50 } })), ['d1', 'd2'], 'operators on one key are ANDed');
  });

  test('string ranges follow code points, on indexed keys too', async ({ store }) => {
    await loadSamples(store);
    assert.deepEqual(ids(await store.devices.find({ mac: { $gt: '00:11:22:33:44:01' } })), ['d2', 'd3']);
    assert.deepEqual(ids(await store.devices.find({ mac: { $le: '00:11:22:33:44:02' } })), ['d1', 'd2', 'd5']);
    await store.devices.insert({ id: 'u1', sn: 'z' });
    await store.devices.insert({ id: 'u2', sn: 'é' });
    await store.devices.insert({ id: 'u3', sn: '😀' });
    await store.devices.insert({ id: 'u4', sn: '\uffee' });
    assert.deepEqual(ids(await store.devices.find({ sn: { $gt: 'z' } })), ['u2', 'u3', 'u4']);
    assert.deepEqual(ids(await store.devices.find({ sn: { $gt: '\uffee' } })), ['u3'], 'astral after U+FFEE');
  });

  test('$exists: the key is present (even when null) or absent', async ({ store }) => {
    await loadSamples(store);
    assert.deepEqual(ids(await store.devices.find({ ip: { $exists: true } })), ['d1', 'd2', 'd4']);
    assert.deepEqual(ids(await store.devices.find({ ip: { $exists: false } })), ['d3', 'd5']);
    assert.deepEqual(ids(await store.devices.find({ plugin: { $exists: true } })), ['d1', 'd2', 'd3', 'd4']);
    assert.deepEqual(ids(await store.devices.find({ 'options.lines.user': { $exists: true } })), ['d1', 'd2']);
    assert.deepEqual(ids(await store.devices.find({ X_note: { $exists: true }, vendor: 'Yealink' })), ['d4']);
  });

  test('indexed keys holding non-strings are still found exactly', async ({ store }) => {
    await store.devices.insert({ id: 'n', mac: 42 });
    await store.devices.insert({ id: 'l', mac: ['00:11:22:33:44:55'] });
    await store.devices.insert({ id: 'long', mac: 'x'.repeat(3000) });
    await store.devices.insert({ id: 'nul', mac: 'a\u0000b' });
    await store.devices.insert({ id: 's', mac: '00:11:22:33:44:55' });
    assert.deepEqual(ids(await store.devices.find({ mac: 42 })), ['n']);
    assert.deepEqual(ids(await store.devices.find({ mac: ['00:11:22:33:44:55'] })), ['l']);
    assert.deepEqual(ids(await store.devices.find({ mac: '00:11:22:33:44:55' })), ['s']);
    assert.deepEqual(ids(await store.devices.find({ mac: 'x'.repeat(3000) })), ['long']);
    assert.deepEqual(ids(await store.devices.find({ mac: 'a\u0000b' })), ['nul']);
    assert.deepEqual(ids(await store.devices.find({ mac: { $ne: '00:11:22:33:44:55' } })), ['l', 'long', 'n', 'nul']);
    assert.deepEqual(ids(await store.devices.find({ mac: { $in: [42, 'a\u0000b'] } })), ['n', 'nul']);
    assert.equal(await store.devices.count({ mac: { $exists: true } }), 5);
  });

  test('count and findOne agree with find', async ({ store }) => {
    await loadSamples(store);
    for (const selector of [{}, { vendor: 'Cisco' }, { mac: '00:11:22:33:44:01' }, { version: { $gt: 0 } }, { nope: 1 }]) {
      const found = await store.devices.find(selector);
      assert.equal(await store.devices.count(selector), found.length, JSON.stringify(selector));
      assert.deepEqual(await store.devices.findOne(selector), found[0] ?? null);
    }
  });

  test('bad selectors are refused with a message naming the problem', async ({ store }) => {
    const bad: [unknown, RegExp][] = [
      [{ mac: { $regex: 'a' } }, /\$regex/],
      [{ mac: { $in: 'a' } }, /\$in.*mac/],
      [{ mac: { $nin: 5 } }, /\$nin/],
      [{ ip: { $exists: 1 } }, /\$exists.*ip/],
      [{ version: { $gt: [1] } }, /\$gt.*version/],
      [{ version: { $lt: null } }, /\$lt/],
      [{ mac: { $ne: 'a', plain: 1 } }, /mixes/],
      [{ $or: [] }, /\$or/],
      [{ 'a..b': 1 }, /empty path segment/],
      [{ '': 1 }, /non-empty/],
      ['mac', /JSON object/],
      [{ n: Number.NaN }, /not JSON/],
    ];
    for (const [selector, message] of bad) {
      await rejectsWith(store.devices.find(selector as never), 'DT_ERR_BAD_REQUEST', message);
      await rejectsWith(store.devices.count(selector as never), 'DT_ERR_BAD_REQUEST', message);
    }
  });

  test('configs are searchable like devices (role, transient, parent_ids)', async ({ store }) => {
    await store.configs.insert({ id: 'auto', role: 'autocreate', parent_ids: ['base'], raw_config: {} });
    await store.configs.insert({ id: 'tmp', transient: true, parent_ids: ['auto'], raw_config: {} });
    await store.configs.insert({ id: 'kept', transient: false, parent_ids: ['base', 'auto'], raw_config: { ip: '10.0.0.1' } });
    assert.deepEqual(ids(await store.configs.find({ role: 'autocreate' })), ['auto']);
    assert.deepEqual(ids(await store.configs.find({ transient: true })), ['tmp']);
    assert.deepEqual(ids(await store.configs.find({ transient: { $ne: true } })), ['auto', 'kept']);
    assert.deepEqual(ids(await store.configs.find({ parent_ids: { $contains: 'auto' } })), ['kept', 'tmp']);
    assert.deepEqual(ids(await store.configs.find({ 'raw_config.ip': '10.0.0.1' })), ['kept']);
  });
}
