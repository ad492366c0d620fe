import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareCodePoints, jsonEqual } from './json.js';
import { planWhere } from './plan.js';
import { compileFields, project } from './projection.js';
import { compileSelector, matches } from './selector.js';
import { sqliteDialect, postgresDialect } from './sql.js';
import { compareSortValues } from './sort.js';
import { devicesTable } from './tables.js';

describe('selector engine (no database)', () => {
  it('fans out through nested arrays but takes a final list whole', () => {
    const doc = { id: 'x', a: [[{ b: 1 }], { b: [2, 3] }] };
    assert.equal(matches(doc, compileSelector({ 'a.b': 1 })), true);
    assert.equal(matches(doc, compileSelector({ 'a.b': [2, 3] })), true);
    assert.equal(matches(doc, compileSelector({ 'a.b': 2 })), false);
    assert.equal(matches(doc, compileSelector({ 'a.b': { $contains: 2 } })), true);
  });

  it('never reads inherited properties', () => {
    const doc = { id: 'x' };
    assert.equal(matches(doc, compileSelector({ constructor: { $exists: true } })), false);
    assert.equal(matches(doc, compileSelector({ 'toString.name': 'toString' })), false);
  });

  it('sends only exact conditions to SQL, the rest to the JS residual', () => {
    const conditions = compileSelector({
      mac: 'aa', ip: { $in: ['1', '2'] }, sn: { $ne: 's' }, plugin: { $gt: 'p' }, vendor: 'v', uuid: 5, config: 'x'.repeat(2000),
    });
    const plan = planWhere(devicesTable, conditions, sqliteDialect);
    assert.equal(plan.where, 'WHERE mac = ? AND ip IN (SELECT value FROM json_each(?)) AND (sn IS NULL OR sn <> ?)');
    assert.deepEqual(plan.params, ['aa', '["1","2"]', 's']);
    assert.deepEqual(plan.residual.map((c) => c.key), ['plugin', 'vendor', 'uuid', 'config']);
    const pg = planWhere(devicesTable, compileSelector({ ip: { $nin: ['1'] } }), postgresDialect);
    assert.equal(pg.where, 'WHERE (ip IS NULL OR ip <> ALL(?))');
    assert.deepEqual(pg.params, [['1']]);
  });

  it('compares strings by code point and values by type first', () => {
    assert.ok(compareCodePoints('\uffff', '😀') < 0, 'U+FFFF before U+1F600');
    assert.ok('\uffff' > '😀', 'whereas UTF-16 order says otherwise');
    assert.ok(compareCodePoints('a', 'ab') < 0);
    const sorted = ['b', 10, null, [1], true, { a: 1 }, 9, 'a', false].sort(compareSortValues);
    assert.equal(compareSortValues(undefined, null), 0, 'missing and null tie');
    assert.deepEqual(sorted, [null, false, true, 9, 10, 'a', 'b', [1], { a: 1 }]);
  });

  it('deep equality ignores key order but not array order', () => {
    assert.equal(jsonEqual({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }), true);
    assert.equal(jsonEqual([1, 2], [2, 1]), false);
    assert.equal(jsonEqual({ a: undefined }, {}), false);
  });

  it('projects safely, even a __proto__ key', () => {
    const doc = JSON.parse('{"id":"x","__proto__":{"polluted":true},"a":{"b":1,"c":2}}');
    const out = project(doc, compileFields(['__proto__', 'a.c']));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.equal(JSON.stringify(out), '{"id":"x","__proto__":{"polluted":true},"a":{"c":2}}');
  });
});
