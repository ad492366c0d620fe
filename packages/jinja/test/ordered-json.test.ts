// JSON documents that keep Python's key order through a host program: parse, copy, set, write.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cloneOrdered, Environment, orderedKeys, parseOrderedJson, setOrdered, stringifyOrderedJson } from '@dialtone/jinja';

const env = new Environment();
const loop = (d: unknown) => env.fromString('{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}').render({ d });
const TEXT = '{"funckeys":{"10":"ten","2":"two","x":"ex","1":"one"},"ratio":1.0,"big":12345678901234567890,"$tuple":[1,2]}';

test('parseOrderedJson: JSON.parse values, the text key order for templates', () => {
  const doc = parseOrderedJson(TEXT) as Record<string, Record<string, unknown>>;
  assert.deepEqual(doc, JSON.parse(TEXT), 'same values as JSON.parse (1.0 is 1, no tags, big ints are numbers)');
  assert.equal(typeof doc.ratio, 'number');
  assert.equal(loop(doc.funckeys), '10=ten;2=two;x=ex;1=one;');
  assert.deepEqual(orderedKeys(doc.funckeys), ['10', '2', 'x', '1']);
  assert.deepEqual(Object.keys(doc.funckeys), ['1', '2', '10', 'x'], 'JavaScript code sees an ordinary object');
});

test('parseOrderedJson: text without integer-like keys and errors are JSON.parse\'s', () => {
  assert.deepEqual(parseOrderedJson('{"a":[1,{"b":null}]}'), { a: [1, { b: null }] });
  for (const bad of ['{"1":', '{"1": NaN}', '{"1": 01}', '{"1": 1} x', "{'1': 1}"]) {
    assert.throws(() => parseOrderedJson(bad), SyntaxError, bad);
  }
});

test('cloneOrdered copies deeply and keeps the order; setOrdered appends new keys last', () => {
  const doc = parseOrderedJson(TEXT) as Record<string, Record<string, unknown>>;
  const copy = cloneOrdered(doc);
  copy.funckeys['2'] = 'changed';
  assert.equal(doc.funckeys['2'], 'two', 'a deep copy');
  assert.equal(loop(copy.funckeys), '10=ten;2=changed;x=ex;1=one;');
  setOrdered(copy.funckeys, '3', 'three');
  setOrdered(copy.funckeys, '10', 'TEN');
  assert.equal(loop(copy.funckeys), '10=TEN;2=changed;x=ex;1=one;3=three;');
  const fresh: Record<string, unknown> = {};
  setOrdered(fresh, '5', 'a');
  setOrdered(fresh, '4', 'b');
  assert.equal(loop(fresh), '5=a;4=b;');
});

test('stringifyOrderedJson writes the kept order and is JSON.stringify otherwise', () => {
  const doc = parseOrderedJson(TEXT);
  assert.equal(stringifyOrderedJson(doc), TEXT.replace('1.0', '1').replace('12345678901234567890', '12345678901234567000'));
  const plain = { a: [1, undefined, 'x'], b: undefined, c: { d: true } };
  assert.equal(stringifyOrderedJson(plain), JSON.stringify(plain));
  assert.equal(stringifyOrderedJson(parseOrderedJson(stringifyOrderedJson(doc))), stringifyOrderedJson(doc), 'round trip');
});

test('a "__proto__" key is copied and set as data, never as a prototype', () => {
  const doc = parseOrderedJson('{"__proto__": {"polluted": 1}, "2": "b", "1": "a"}') as Record<string, unknown>;
  const copy = cloneOrdered(doc);
  assert.equal(Object.getPrototypeOf(copy), Object.prototype);
  assert.deepEqual(orderedKeys(copy), ['__proto__', '2', '1']);
  setOrdered(copy, '__proto__', { polluted: 2 });
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.getPrototypeOf(copy), Object.prototype);
  assert.equal(stringifyOrderedJson(copy), '{"__proto__":{"polluted":2},"2":"b","1":"a"}');
});
