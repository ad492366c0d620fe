import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { orderedKeys, parseOrderedJson } from '@dialtone/jinja';
import { flattenRawConfig, mergeInto } from './inheritance.js';
import type { Doc } from './types.js';

describe('inheritance (no database)', () => {
  it('works over a plain get() reader, one level per round', async () => {
    const docs: Record<string, Doc> = {
      a: { id: 'a', parent_ids: ['b', 'c'], raw_config: { v: 'a' } },
      b: { id: 'b', parent_ids: ['d'], raw_config: { v: 'b', b: true } },
      c: { id: 'c', parent_ids: ['d', 'a'], raw_config: { c: true } },
      d: { id: 'd', parent_ids: 'not-a-list', raw_config: { v: 'd', d: { x: 1 } } },
    };
    let calls = 0;
    const reader = { get: async (id: string) => (calls++, docs[id] ?? null) };
    assert.deepEqual(await flattenRawConfig(reader, 'a', { base: 1 }), { base: 1, v: 'a', b: true, c: true, d: { x: 1 } });
    assert.equal(calls, 4, 'each config read once');
  });

  it('merges without touching prototypes and copies what it takes', () => {
    const target: Record<string, unknown> = { sip: { a: 1 } };
    const overlay = JSON.parse('{"__proto__":{"polluted":1},"sip":{"b":[1,2]}}');
    mergeInto(target, overlay);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(target.sip, { a: 1, b: [1, 2] });
    (overlay.sip.b as number[]).push(3);
    assert.deepEqual(target.sip, { a: 1, b: [1, 2] });
  });

  it("keeps Python's dict order: existing keys in place, new ones last, integer-like keys included", () => {
    const target = parseOrderedJson('{"funckeys": {"10": "ten", "2": "two"}, "sip_lines": {"1": {"a": 1}}}') as Record<string, Record<string, unknown>>;
    const overlay = parseOrderedJson('{"funckeys": {"1": "one", "2": "TWO", "x": "ex"}, "sip_lines": {"3": {"b": 2}, "1": {"c": 3}}, "exten": {"9": "a", "0": "b"}}') as Record<string, unknown>;
    mergeInto(target, overlay as Record<string, unknown>);
    assert.deepEqual(orderedKeys(target.funckeys), ['10', '2', '1', 'x']);
    assert.equal(target.funckeys['2'], 'TWO');
    assert.deepEqual(orderedKeys(target.sip_lines), ['1', '3']);
    assert.deepEqual(orderedKeys(target.sip_lines['1'] as Record<string, unknown>), ['a', 'c']);
    assert.deepEqual(orderedKeys(target.exten), ['9', '0'], 'a new dict is copied in its own order');
  });

  it('flattens a lineage in Python order over a plain object base', async () => {
    const docs: Record<string, Doc> = {
      leaf: parseOrderedJson('{"id": "leaf", "parent_ids": ["root"], "raw_config": {"funckeys": {"1": "one", "20": "twenty"}}}') as Doc,
      root: parseOrderedJson('{"id": "root", "parent_ids": [], "raw_config": {"funckeys": {"20": "root twenty", "3": "three"}}}') as Doc,
    };
    const flat = (await flattenRawConfig({ get: async (id: string) => docs[id] ?? null }, 'leaf', { funckeys: {} }))!;
    assert.deepEqual(orderedKeys(flat.funckeys as Record<string, unknown>), ['20', '3', '1']);
    assert.deepEqual(orderedKeys((docs.root.raw_config as Record<string, Record<string, unknown>>).funckeys), ['20', '3'], 'sources untouched');
  });
});
