// Templates see data, never JavaScript internals: constructors, prototypes, functions the
// engine does not expose, or the engine's own objects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DictLoader, Environment, TemplateError } from '@dialtone/jinja';

class Device {
  mac = '00:11:22:33:44:55';
  secretMethod(): string {
    return 'leaked-method';
  }
}

const context = () => ({
  obj: { a: 1 },
  list: [1, 2],
  fn: () => 'called-by-caller',
  device: new Device(),
  text: 'abc',
});

const ATTEMPTS = [
  "{{ ''.constructor.constructor('return process')().version }}",
  "{{ ''['constructor']['constructor']('return process')().version }}",
  "{{ text.constructor.constructor('return process')() }}",
  "{{ [].constructor.constructor('return process')().version }}",
  "{{ list.constructor }}",
  "{{ {}.constructor.constructor('return process')().version }}",
  "{{ obj.constructor.constructor('return process')().version }}",
  "{{ obj['constructor'] }}",
  "{{ obj.__proto__ }}",
  "{{ obj['__proto__'].constructor }}",
  "{{ obj.__proto__.constructor.constructor('return process')().version }}",
  '{{ obj.toString() }}',
  '{{ obj.hasOwnProperty }}',
  '{{ obj.valueOf }}',
  "{{ fn.constructor('return process')().version }}",
  '{{ fn.call }}{{ fn.apply }}{{ fn.bind }}',
  "{{ range.constructor('return process')() }}",
  '{{ lipsum.call }}{{ cycler.apply }}{{ dict.prototype }}',
  "{{ 'a'.upper.impl.constructor('return process')() }}",
  "{{ 'a'.upper.self }}{{ 'a'.upper.impl }}",
  '{% for x in [1] %}{{ loop.undef }}{{ loop.iterator }}{{ loop.iterable }}{{ loop.recurse }}{% endfor %}',
  "{{ ([1]|map('string')).source }}",
  "{{ {'a': 1}.items().items }}",
  '{{ self.ctx }}{{ self.ctx.environment }}',
  "{{ self['ctx'] }}{{ self['__proto__'] }}",
  "{{ 'x'|attr('constructor') }}",
  "{{ obj|attr('__proto__') }}",
  "{{ '{0.constructor}'.format('') }}",
  "{{ '{0.__proto__}'.format(obj) }}",
  '{{ namespace().attrs }}',
  '{{ __proto__ }}{{ constructor }}{{ toString }}{{ hasOwnProperty }}{{ globalThis }}{{ process }}{{ require }}',
  '{{ device.secretMethod }}',
  '{{ device.constructor }}',
  "{% macro m() %}{% endmacro %}{{ m.fn }}{{ m.env }}{{ m.constructor }}",
  "{% set j = joiner() %}{{ j.constructor }}",
  '{{ (1.0).constructor }}{{ (1).constructor }}{{ true.constructor }}',
  "{{ 'abc'|map('constructor')|list }}",
  "{{ [1]|select('constructor')|list }}",
];

function render(source: string): { ok: true; out: string } | { ok: false; error: unknown } {
  const env = new Environment({ loader: new DictLoader({ main: source }) });
  try {
    return { ok: true, out: env.getTemplate('main').render(context()) };
  } catch (error) {
    return { ok: false, error };
  }
}

test('prototype and constructor escapes render nothing harmful', () => {
  for (const source of ATTEMPTS) {
    const r = render(source);
    if (r.ok) {
      assert.doesNotMatch(r.out, /function|native code|\[object|class |process|v\d+\.\d+\.\d+|leaked-method|Environment|Context/i, source);
    } else {
      assert.ok(r.error instanceof TemplateError, `${source}: ${String(r.error)} is not a TemplateError`);
    }
  }
});

test('a caller-supplied function stays callable, but its internals do not', () => {
  const ok = render('{{ fn() }}');
  assert.deepEqual(ok, { ok: true, out: 'called-by-caller' });
  const device = render('{{ device.mac }}');
  assert.deepEqual(device, { ok: true, out: '00:11:22:33:44:55' });
});

test('templates cannot pollute Object.prototype or the environment', () => {
  const sources = [
    "{% set x = {} %}{% set _ = x.update({'__proto__': {'polluted': 1}}) %}{{ x.polluted }}",
    "{% set _ = obj.update({'__proto__': {'polluted': 1}}) %}",
    "{% set _ = obj.setdefault('__proto__', {'polluted': 1}) %}",
    "{% set ns = namespace() %}{% set ns.__proto__ = {'polluted': 1} %}",
    "{% set _ = dict(__proto__={'polluted': 1}) %}",
  ];
  for (const s of sources) render(s);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
  const env = new Environment();
  assert.throws(() => env.fromString('{{ x|constructor }}').render(), TemplateError);
  assert.throws(() => env.fromString('{{ x is constructor }}').render(), TemplateError);
  assert.equal(env.fromString('{{ globals }}{{ filters }}').render(), '');
});

test('include and extends cannot leave the loader search path', () => {
  const env = new Environment({ loader: new DictLoader({ main: "{% include '../../etc/passwd' %}" }) });
  assert.throws(() => env.getTemplate('main').render(), (e: Error) => e.name === 'TemplateNotFound');
});
