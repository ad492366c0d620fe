import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  builtin,
  ChainableUndefined,
  ChoiceLoader,
  DictLoader,
  Environment,
  FileSystemLoader,
  FunctionLoader,
  Macro,
  passContext,
  passEnvironment,
  PrefixLoader,
  PyDict,
  PyFloat,
  StrictUndefined,
  TemplateNotFound,
  TemplateSyntaxError,
  tuple,
  UndefinedError,
  type Context,
} from '@dialtone/jinja';

test('fromString renders with Python semantics by default', () => {
  const env = new Environment();
  assert.equal(env.fromString('{{ x }} {{ y }} {{ z }} {{ {} or "empty" }}\n').render({ x: null, y: true, z: new PyFloat(1) }), 'None True 1.0 empty');
  assert.equal(env.fromString('{{ t }} {{ d }}').render({ t: tuple([1, 'a']), d: PyDict.from([[1, 'one'], [tuple([1, 2]), 'pair']]) }), "(1, 'a') {1: 'one', (1, 2): 'pair'}");
  assert.equal(env.fromString('{{ m.a }}').render(new Map([['m', { a: 'from-map' }]])), 'from-map');
  assert.equal(env.fromString('{{ u is defined }}').render({ u: undefined }), 'False');
});

test('filters, tests and globals can be extended, with keyword arguments and pass_* markers', () => {
  const env = new Environment();
  env.filters.shout = (value: unknown) => `${String(value).toUpperCase()}!`;
  env.filters.pad = builtin(['width', 'char?'], (value: unknown, width: number, char = '.') => String(value).padStart(width, char));
  env.filters.who = passContext((ctx: Context, value: unknown) => `${String(value)}@${String(ctx.resolve('site'))}`);
  env.filters.nl = passEnvironment((e: Environment, value: unknown) => `${String(value)}${JSON.stringify(e.newlineSequence)}`);
  env.tests.phone = (value: unknown) => typeof value === 'string' && /^\d+$/.test(value);
  env.globals.product = 'Dialtone';
  env.globals.twice = (x: number) => x * 2;
  const out = env
    .fromString("{{ 'hi'|shout }} {{ 7|pad(3) }} {{ 7|pad(width=4, char='0') }} {{ 'al'|who }} {{ 'x'|nl }} {{ '101' is phone }} {{ product }} {{ twice(21) }}")
    .render({ site: 'paris' });
  assert.equal(out, 'HI! ..7 0007 al@paris x"\\n" True Dialtone 42');
  assert.throws(() => env.fromString('{{ 1|pad }}').render(), /missing 1 required positional argument: 'width'/);
});

test('undefined option selects the Undefined class', () => {
  assert.equal(new Environment({ undefined: ChainableUndefined }).fromString('[{{ a.b.c }}]').render(), '[]');
  assert.throws(() => new Environment({ undefined: StrictUndefined }).fromString('{{ a }}').render(), UndefinedError);
});

test('syntax errors name the template, line and column and quote the line', () => {
  const env = new Environment({ loader: new DictLoader({ 'model.tpl': 'ok\n  {{ foo( }}\n' }) });
  try {
    env.getTemplate('model.tpl');
    assert.fail('expected a syntax error');
  } catch (e) {
    assert.ok(e instanceof TemplateSyntaxError);
    assert.equal(e.code, 'DT_ERR_JINJA_SYNTAX');
    assert.equal(e.templateName, 'model.tpl');
    assert.equal(e.lineno, 2);
    assert.equal(e.column, 11);
    assert.equal(e.description, "unexpected '}', expected ')'");
    assert.equal(e.message, `unexpected '}', expected ')' (template "model.tpl", line 2, column 11)\n     2 |   {{ foo( }}\n       |           ^`);
  }
});

test('runtime errors name the template and line where they happened', () => {
  const env = new Environment({
    loader: new DictLoader({ 'main.tpl': 'a\n{% include "inc.tpl" %}', 'inc.tpl': 'x\ny\n{{ lines.missing.number }}' }),
  });
  try {
    env.getTemplate('main.tpl').render({ lines: {} });
    assert.fail('expected an error');
  } catch (e) {
    assert.ok(e instanceof UndefinedError);
    assert.equal(e.templateName, 'inc.tpl');
    assert.equal(e.lineno, 3);
    assert.equal(e.message, `'dict object' has no attribute 'missing' (template "inc.tpl", line 3)`);
  }
});

test('FileSystemLoader: search path order, subfolders, no escape, encodings', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dt-jinja-fs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'var', 'common'), { recursive: true });
  mkdirSync(join(dir, 'stock', 'common'), { recursive: true });
  writeFileSync(join(dir, 'stock', 'base.tpl'), 'stock base\n');
  writeFileSync(join(dir, 'stock', 'common', 'part.tpl'), 'stock part');
  writeFileSync(join(dir, 'var', 'common', 'part.tpl'), 'override part');
  writeFileSync(join(dir, 'stock', 'main.tpl'), "{% include 'base.tpl' %}{% include 'common/part.tpl' %}");
  writeFileSync(join(dir, 'stock', 'latin.tpl'), Buffer.from('caf\xe9 {{ x }}', 'latin1'));
  const env = new Environment({ loader: new FileSystemLoader([join(dir, 'var'), join(dir, 'stock')]) });
  assert.equal(env.getTemplate('main.tpl').render(), 'stock baseoverride part');
  assert.equal(env.getTemplate('./common//part.tpl').render(), 'override part');
  assert.throws(() => env.getTemplate('../stock/base.tpl'), TemplateNotFound);
  assert.throws(() => env.getTemplate('latin.tpl'), /decode|invalid|encoded/i);
  const latin = new Environment({ loader: new FileSystemLoader(join(dir, 'stock'), { encoding: 'latin-1' }) });
  assert.equal(latin.getTemplate('latin.tpl').render({ x: 'ok' }), 'café ok');
});

test('compiled templates are cached and recompiled when the file changes', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dt-jinja-cache-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'a.tpl');
  writeFileSync(file, 'v1');
  const env = new Environment({ loader: new FileSystemLoader(dir), reloadCheckInterval: 0 });
  const first = env.getTemplate('a.tpl');
  assert.equal(env.getTemplate('a.tpl'), first, 'cached while unchanged');
  writeFileSync(file, 'v2');
  utimesSync(file, new Date(), new Date(Date.now() + 5000));
  const second = env.getTemplate('a.tpl');
  assert.notEqual(second, first);
  assert.equal(second.render(), 'v2');

  // With the default interval the source is checked at most once per second.
  const slow = new Environment({ loader: new FileSystemLoader(dir) });
  const s1 = slow.getTemplate('a.tpl');
  writeFileSync(file, 'v3');
  utimesSync(file, new Date(), new Date(Date.now() + 10000));
  assert.equal(slow.getTemplate('a.tpl'), s1, 'not re-checked within the interval');
  s1.checkedAt -= 2000;
  assert.equal(slow.getTemplate('a.tpl').render(), 'v3');

  const frozen = new Environment({ loader: new FileSystemLoader(dir), autoReload: false, reloadCheckInterval: 0 });
  const f1 = frozen.getTemplate('a.tpl');
  writeFileSync(file, 'v4');
  utimesSync(file, new Date(), new Date(Date.now() + 20000));
  assert.equal(frozen.getTemplate('a.tpl'), f1);
});

test('DictLoader, FunctionLoader, ChoiceLoader and PrefixLoader', () => {
  const dict = new DictLoader({ 'a.tpl': 'dict {{ 1 }}' });
  const fn = new FunctionLoader((name) => (name === 'b.tpl' ? 'function {{ 2 }}' : null));
  const env = new Environment({ loader: new ChoiceLoader([dict, new PrefixLoader({ fn }), fn]) });
  assert.equal(env.getTemplate('a.tpl').render(), 'dict 1');
  assert.equal(env.getTemplate('b.tpl').render(), 'function 2');
  assert.equal(env.getTemplate('fn/b.tpl').render(), 'function 2');
  assert.throws(() => env.getTemplate('c.tpl'), TemplateNotFound);
  assert.deepEqual(new Environment({ loader: dict }).listTemplates(), ['a.tpl']);
});

test('keyword options map to Jinja environment options', () => {
  const env = new Environment({ trimBlocks: true, lstripBlocks: true, keepTrailingNewline: true, newlineSequence: '\r\n' });
  assert.equal(env.fromString('  {% if true %}\nyes\n  {% endif %}\nend\n').render(), 'yes\r\nend\r\n');
  const esc = new Environment({ autoescape: (name) => name?.endsWith('.html') ?? false, loader: new DictLoader({ 'a.html': '{{ x }}', 'a.cfg': '{{ x }}' }) });
  assert.equal(esc.getTemplate('a.html').render({ x: '<&>' }), '&lt;&amp;&gt;');
  assert.equal(esc.getTemplate('a.cfg').render({ x: '<&>' }), '<&>');
  const fin = new Environment({ finalize: (v) => (v === null ? '' : v) });
  assert.equal(fin.fromString('[{{ none }}][{{ 1 }}]').render(), '[][1]');
});

test('template.module exposes exported macros and variables to JavaScript', () => {
  const env = new Environment({ loader: new DictLoader({ 'm.tpl': "{% macro hello(name, punct='!') %}Hi {{ name }}{{ punct }}{% endmacro %}{% set version = 3 %}body" }) });
  const mod = env.getTemplate('m.tpl').module;
  const hello = mod.get('hello') as Macro;
  assert.equal(hello.call(['Al']), 'Hi Al!');
  assert.equal(hello.call(['Bo'], { punct: '?' }), 'Hi Bo?');
  assert.equal(mod.get('version'), 3);
  assert.equal(mod.get('nope'), undefined);
});
