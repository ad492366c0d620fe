// Python value semantics at the JavaScript boundary: parsePythonJson's two dict shapes, key order
// kept beside plain objects, and what JavaScript code sees of them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Environment, parsePythonJson, PyDict, PyFloat, setKeyOrder } from '@dialtone/jinja';

const env = new Environment();
const render = (source: string, vars: Record<string, unknown>) => env.fromString(source).render(vars);
const RAW = '{"sip_lines": {"2": {"username": "bob"}, "10": {"username": "carol"}, "1": {"username": "alice"}}, "ratio": 1.0, "n": 3}';

test("parsePythonJson default: a PyDict where a key looks like an integer, floats stay floats", () => {
  const ctx = parsePythonJson(RAW) as Record<string, unknown>;
  assert.ok(ctx.sip_lines instanceof PyDict);
  assert.ok(ctx.ratio instanceof PyFloat);
  assert.equal(ctx.n, 3);
  assert.equal(render('{{ sip_lines|list }} {{ ratio }} {{ ratio + n }}', ctx), "['2', '10', '1'] 1.0 4.0");
});

test("parsePythonJson { dicts: 'object' }: plain objects JavaScript can read, Python order for templates", () => {
  const ctx = parsePythonJson(RAW, { dicts: 'object' }) as { sip_lines: Record<string, { username: string }> };
  assert.equal(Object.getPrototypeOf(ctx.sip_lines), Object.prototype);
  assert.equal(ctx.sip_lines['10'].username, 'carol');
  assert.deepEqual(Object.keys(ctx.sip_lines), ['1', '2', '10']); // JavaScript's own order
  const out = render('{% for n, l in sip_lines.items() %}{{ n }}={{ l.username }} {% endfor %}{{ sip_lines|tojson }} {{ sip_lines }}', ctx);
  assert.equal(
    out,
    '2=bob 10=carol 1=alice {"1": {"username": "alice"}, "10": {"username": "carol"}, "2": {"username": "bob"}} ' +
      "{'2': {'username': 'bob'}, '10': {'username': 'carol'}, '1': {'username': 'alice'}}",
  );
  assert.equal(JSON.stringify(ctx.sip_lines['1']), '{"username":"alice"}', 'the order is not an enumerable property');
});

test('reversing an ordered plain dict leaves its order alone', () => {
  const ctx = parsePythonJson('{"d": {"b": 1, "10": 2, "9": 3}}', { dicts: 'object' }) as Record<string, unknown>;
  assert.equal(render('{{ d|reverse|list }} {{ d|reverse|list }} {{ d|list }}', ctx), "['9', '10', 'b'] ['9', '10', 'b'] ['b', '10', '9']");
});

test('a kept order is dropped when JavaScript code changes the object behind it', () => {
  const ctx = parsePythonJson('{"d": {"b": 1, "10": 2, "9": 3}}', { dicts: 'object' }) as { d: Record<string, number> };
  assert.equal(render('{{ d|list }}', ctx), "['b', '10', '9']");
  delete ctx.d.b;
  ctx.d.z = 4;
  assert.equal(render('{{ d|list }}', ctx), "['9', '10', 'z']");
});

test('setKeyOrder gives an object built in JavaScript its Python order', () => {
  const lines: Record<string, string> = { '10': 'carol', '2': 'bob' };
  setKeyOrder(lines, ['10', '2']);
  assert.equal(render('{{ lines.keys()|list }}', { lines }), "['10', '2']");
});

test('a template inserting integer-like keys into a plain dict keeps Python order', () => {
  const d: Record<string, number> = { b: 1 };
  assert.equal(render('{% set _ = d.update({"10": 2, "9": 3}) %}{{ d }}{{ d.pop("10") }}{{ d|list }}', { d }), "{'b': 1, '10': 2, '9': 3}2['b', '9']");
  assert.deepEqual({ ...d }, { b: 1, '9': 3 }, 'the caller sees the mutation as plain data');
});
