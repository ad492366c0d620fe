// The differential fuzzer: its generator is deterministic per seed, produces varied templates, and
// a short run agrees with Python Jinja2 (the 5,000-case run is in .ci/run: `npm run fuzz`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateCases } from './generate.js';
import { EXCLUSIONS, renderWithEngine, runDifferential, same } from './differential.js';

test('the generator is deterministic for a seed and varies with it', () => {
  const a = generateCases(7, 50);
  const b = generateCases(7, 50);
  const c = generateCases(8, 50);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  const text = a.map((x) => x.templates.main).join('\n');
  for (const construct of ['{% for', '{{', '|']) assert.ok(text.includes(construct), `no ${construct} in 50 cases`);
});

test('the generator covers the issue classes (int-like keys, floats, lazy filters, loops, macros)', () => {
  const all = generateCases(11, 400);
  const text = all.map((x) => x.templates.main + x.context).join('\n');
  for (const needle of ['"10":', '1.0', 'is defined', 'loop.', '{% macro', '{% call', 'namespace(', '.items()', 'tojson', '{%-']) {
    assert.ok(text.includes(needle), `never generated: ${needle}`);
  }
});

test('outcomes compare byte for byte, or both fail', () => {
  assert.ok(same({ ok: true, out: 'a' }, { ok: true, out: 'a' }));
  assert.ok(!same({ ok: true, out: 'a' }, { ok: true, out: 'a ' }));
  assert.ok(same({ ok: false, error: 'TypeError', message: 'x' }, { ok: false, error: 'UndefinedError', message: 'y' }));
  assert.ok(!same({ ok: false, error: 'TypeError', message: 'x' }, { ok: true, out: '' }));
  const c = generateCases(1, 1)[0];
  const addresses = EXCLUSIONS.find((x) => x.name === 'memory-address-repr')!;
  assert.ok(addresses.applies(c, { ok: true, out: '<generator object sync_do_map at 0x7f00aa>' }, { ok: true, out: '<generator object>' }));
  assert.ok(!addresses.applies(c, { ok: true, out: '<generator object sync_do_map at 0x7f00aa> 1' }, { ok: true, out: '<generator object> 2' }));
});

test('the engine side renders a generated case', () => {
  for (const dicts of ['pydict', 'object'] as const) {
    const c = { id: 't', options: {}, context: '{"d": {"b": 1, "10": 2}}', templates: { main: '{{ d|list }}' }, main: 'main', dicts };
    assert.deepEqual(renderWithEngine(c), { ok: true, out: "['b', '10']" });
  }
});

test('300 random cases agree with Python Jinja2', async () => {
  const report = await runDifferential(generateCases(20, 300));
  assert.equal(report.cases, 300);
  assert.ok(report.pythonFailed < 250, 'most generated cases should render');
  assert.deepEqual(
    report.differences.map((d) => d.case.id),
    [],
    report.differences.map((d) => `${d.case.id}: ${JSON.stringify(d.case.templates)}`).join('\n'),
  );
});
