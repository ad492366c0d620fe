/** Contract cases: raw config inheritance, children/descendants/ancestors, transient GC. */
import assert from 'node:assert/strict';
import { orderedKeys, parseOrderedJson, stringifyOrderedJson } from '@dialtone/jinja';
import { flattenRawConfig } from '../inheritance.js';
import { collectTransientConfigs } from '../transient.js';
import type { Doc, Store } from '../types.js';
import type { Case } from './harness.js';
import { ids } from './harness.js';

async function configs(store: Store, list: [string, string[], Record<string, unknown>][]): Promise<void> {
  for (const [id, parent_ids, raw_config] of list) await store.configs.insert({ id, parent_ids, raw_config, deletable: true });
}

export function inheritanceCases(test: Case): void {
  test('a chain merges base, ancestors, then the config itself; objects merge, lists and scalars replace', async ({ store }) => {
    await configs(store, [
      ['base', [], { ip: '10.0.0.1', sip_lines: { '1': { username: 'a', password: 'p' } }, codecs: ['g711', 'g722'], ntp: { enabled: true } }],
      ['mid', ['base'], { sip_lines: { '1': { username: 'b' }, '2': { username: 'c' } }, codecs: ['opus'] }],
      ['leaf', ['mid'], { ip: '10.0.0.2', ntp: 'off' }],
    ]);
    const base = { http_port: 8667, ip: 'from-base', sip_lines: {} };
    const flat = await flattenRawConfig(store.configs, 'leaf', base);
    assert.deepEqual(flat, {
      http_port: 8667,
      ip: '10.0.0.2',
      sip_lines: { '1': { username: 'b', password: 'p' }, '2': { username: 'c' } },
      codecs: ['opus'],
      ntp: 'off',
    });
    assert.deepEqual(base, { http_port: 8667, ip: 'from-base', sip_lines: {} }, 'the base is not modified');
  });

  test('parents apply depth-first in order, a parent after its own ancestors', async ({ store }) => {
    await configs(store, [
      ['g', [], { x: 'g', y: 'g', z: 'g' }],
      ['p1', [], { x: 'p1', y: 'p1' }],
      ['p2', ['g'], { y: 'p2' }],
      ['c', ['p1', 'p2'], {}],
    ]);
    // order: p1, g, p2, c → g overrides p1's x, p2 overrides y
    assert.deepEqual(await flattenRawConfig(store.configs, 'c', {}), { x: 'g', y: 'p2', z: 'g' });
  });

  test('a diamond ancestor is applied once, at its first visit', async ({ store }) => {
    await configs(store, [
      ['d', [], { x: 'd', only_d: 1 }],
      ['b', ['d'], { x: 'b' }],
      ['c', ['d'], { other: 'c' }],
      ['a', ['b', 'c'], {}],
    ]);
    assert.deepEqual(await flattenRawConfig(store.configs, 'a', {}), { x: 'b', only_d: 1, other: 'c' });
    assert.deepEqual(ids(await store.configs.ancestors('a')).sort(), ['a', 'b', 'c', 'd']);
  });

  test('cycles are tolerated and missing parents ignored; unknown config → null', async ({ store }) => {
    await configs(store, [
      ['x', ['y', 'missing'], { v: 'x', from_x: true }],
      ['y', ['x'], { v: 'y', from_y: true }],
    ]);
    assert.deepEqual(await flattenRawConfig(store.configs, 'x', { b: 0 }), { b: 0, v: 'x', from_x: true, from_y: true });
    assert.deepEqual(await flattenRawConfig(store.configs, 'y', {}), { v: 'y', from_x: true, from_y: true });
    assert.equal(await flattenRawConfig(store.configs, 'missing', { b: 0 }), null);
  });

  test('children, descendants and ancestors (cycles and diamonds once each)', async ({ store }) => {
    await configs(store, [
      ['root', [], {}],
      ['a', ['root'], {}],
      ['b', ['root', 'a'], {}],
      ['c', ['b'], {}],
      ['loop', ['c', 'root'], {}],
    ]);
    await store.configs.update({ id: 'root', parent_ids: ['loop'], raw_config: {} });
    assert.deepEqual(await store.configs.children('root'), ['a', 'b', 'loop']);
    assert.deepEqual(await store.configs.descendants('root'), ['a', 'b', 'c', 'loop']);
    assert.deepEqual(await store.configs.descendants('c'), ['a', 'b', 'loop', 'root']);
    assert.deepEqual(await store.configs.descendants('nope'), []);
    assert.deepEqual(ids(await store.configs.ancestors('a')).sort(), ['a', 'b', 'c', 'loop', 'root']);
    assert.deepEqual(await store.configs.ancestors('nope'), []);
  });

  test('flattening inside a transaction sees its uncommitted configs', async ({ store }) => {
    await configs(store, [['base', [], { a: 1 }]]);
    await store.transaction(async (tx) => {
      await tx.configs.insert({ id: 'new', parent_ids: ['base'], raw_config: { b: 2 } });
      assert.deepEqual(await flattenRawConfig(tx.configs, 'new', {}), { a: 1, b: 2 });
      assert.equal(await flattenRawConfig(store.configs, 'new', {}), null, 'not committed yet');
    });
    assert.deepEqual(await flattenRawConfig(store.configs, 'new', {}), { a: 1, b: 2 });
  });

  test('transient GC deletes unreferenced transient configs only', async ({ store }) => {
    await configs(store, [['autoprov', [], {}]]);
    await store.configs.insert({ id: 't-used', parent_ids: ['autoprov'], raw_config: {}, transient: true });
    await store.configs.insert({ id: 't-free', parent_ids: ['autoprov'], raw_config: {}, transient: true });
    await store.configs.insert({ id: 'plain-free', parent_ids: [], raw_config: {} });
    await store.configs.insert({ id: 'not-bool', parent_ids: [], raw_config: {}, transient: 'yes' });
    await store.devices.insert({ id: 'dev', config: 't-used' });
    const removed = await store.transaction((tx) => collectTransientConfigs(tx));
    assert.deepEqual(removed, ['t-free']);
    assert.deepEqual(ids(await store.configs.find()), ['autoprov', 'not-bool', 'plain-free', 't-used']);
    assert.deepEqual(await store.configs.children('autoprov'), ['t-used']);
  });

  test('transient GC after a device lets go of its config, limited to the candidates', async ({ store }) => {
    for (const id of ['t1', 't2', 't3']) await store.configs.insert({ id, parent_ids: [], raw_config: {}, transient: true });
    await store.devices.insert({ id: 'a', config: 't1' });
    await store.devices.insert({ id: 'b', config: 't2' });
    await store.devices.insert({ id: 'c', config: 't2' });
    const removed = await store.transaction(async (tx) => {
      await tx.devices.update({ id: 'a', config: 'other' });
      await tx.devices.delete('b');
      return collectTransientConfigs(tx, ['t1', 't2', 'nope']);
    });
    assert.deepEqual(removed, ['t1'], 't2 is still used by c; t3 was not a candidate');
    assert.deepEqual(ids(await store.configs.find()), ['t2', 't3']);
    assert.deepEqual(await store.transaction((tx) => collectTransientConfigs(tx, [])), []);
  });

  test('transient GC rolled back with its transaction', async ({ store }) => {
    await store.configs.insert({ id: 't', parent_ids: [], raw_config: {}, transient: true });
    await assert.rejects(
      store.transaction(async (tx) => {
        assert.deepEqual(await collectTransientConfigs(tx), ['t']);
        throw new Error('abort');
      }),
      /abort/,
    );
    assert.notEqual(await store.configs.get('t'), null);
  });

  test('documents keep their key order, integer-like keys included (read, find, flatten)', async ({ store }) => {
    const raw = '{"id": "ordered", "parent_ids": [], "raw_config": {"funckeys": {"10": {"label": "ten"}, "2": {"label": "two"}}, "sip_lines": {"2": {}, "1": {}}}}';
    await store.configs.insert(parseOrderedJson(raw) as Doc);
    const read = (await store.configs.get('ordered'))!;
    assert.equal(stringifyOrderedJson(read), raw.replaceAll(' ', ''), 'read back as written');
    const [found] = await store.configs.find({ id: 'ordered' });
    assert.deepEqual(orderedKeys((found.raw_config as Record<string, Record<string, unknown>>).funckeys), ['10', '2']);
    await store.configs.update({ ...read, parent_ids: [] });
    const flat = (await flattenRawConfig(store.configs, 'ordered', {}))!;
    assert.deepEqual(orderedKeys(flat.funckeys as Record<string, unknown>), ['10', '2']);
    assert.deepEqual(orderedKeys(flat.sip_lines as Record<string, unknown>), ['2', '1']);
  });
}
