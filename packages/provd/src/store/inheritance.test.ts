import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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
});
