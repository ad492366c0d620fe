// Each pipeline stage on its own: lexer → parser → symbol analysis → code generation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CodeGenerator } from '../src/compiler/codegen.js';
import { Symbols } from '../src/compiler/symbols.js';
import { Environment } from '../src/environment.js';
import { tokenize, type LexerOptions } from '../src/lexer.js';
import { Parser } from '../src/parser.js';

const OPTS: LexerOptions = { trimBlocks: false, lstripBlocks: false, keepTrailingNewline: false, newlineSequence: '\n' };

test('lexer: tokens, whitespace control and line numbers', () => {
  const tokens = tokenize('a  {%- if x.y -%}\n b{{ 1.5 ~ "s" }}\n{# c #}', null, OPTS);
  assert.deepEqual(
    tokens.map((t) => [t.type, t.value, t.lineno]),
    [
      ['data', 'a', 1],
      ['block_begin', '{%-', 1],
      ['name', 'if', 1],
      ['name', 'x', 1],
      ['dot', '.', 1],
      ['name', 'y', 1],
      ['block_end', '-%}\n ', 1],
      ['data', 'b', 2],
      ['variable_begin', '{{', 2],
      ['float', 1.5, 2],
      ['tilde', '~', 2],
      ['string', 's', 2],
      ['variable_end', '}}', 2],
      ['data', '\n', 2],
      ['eof', '', 3],
    ],
  );
  const big = tokenize('{{ 12345678901234567890 }}', null, OPTS).find((t) => t.type === 'integer');
  assert.equal(big?.value, 12345678901234567890n);
});

test('parser: precedence and statement shapes', () => {
  const ast = new Parser('{% for k, v in d.items() if v recursive %}{{ -1|abs ~ x }}{% endfor %}', null, OPTS).parse();
  const loop = ast.body[0];
  assert.equal(loop.type, 'For');
  if (loop.type !== 'For') return;
  assert.equal(loop.target.type, 'Tuple');
  assert.equal(loop.recursive, true);
  assert.equal(loop.test?.type, 'Name');
  const out = loop.body[0];
  assert.equal(out.type, 'Output');
  if (out.type !== 'Output') return;
  const concat = out.nodes[0];
  assert.equal(concat.type, 'Concat');
  if (concat.type !== 'Concat') return;
  // the filter applies to the negation, not to the literal: (-1)|abs
  assert.equal(concat.nodes[0].type, 'Filter');
  if (concat.nodes[0].type === 'Filter') assert.equal(concat.nodes[0].node?.type, 'UnaryExpr');
});

test('symbols: Jinja scoping decisions', () => {
  const ast = new Parser('{% for i in x %}{{ y }}{% set y = i %}{% set z = 1 %}{{ z }}{% endfor %}', null, OPTS).parse();
  const root = new Symbols();
  root.analyzeNode(ast);
  assert.deepEqual([...root.loads.entries()], [['l_0_x', { kind: 'resolve', name: 'x' }]]);
  const loop = ast.body[0];
  assert.equal(loop.type, 'For');
  const body = new Symbols(root);
  if (loop.type === 'For') body.analyzeNode(loop, 'body');
  // read before assignment in a loop body: resolved from the context on every iteration
  assert.deepEqual(body.loads.get('l_1_y'), { kind: 'resolve', name: 'y' });
  assert.deepEqual(body.loads.get('l_1_z'), { kind: 'undefined' });
  assert.deepEqual(body.loads.get('l_1_i'), { kind: 'param' });
});

test('codegen: templates become JavaScript functions, no AST at render time', () => {
  const env = new Environment();
  const ast = new Parser('{% for i in items %}{{ i.name|upper }}{% endfor %}', 'x.tpl', OPTS).parse();
  const gen = new CodeGenerator(
    {
      hasFilter: (n) => n in env.filters,
      hasTest: (n) => n in env.tests,
      finalize: null,
      fold: { filters: env.filters, tests: env.tests, environment: env },
      undefinedClass: env.undefined,
    },
    'x.tpl',
  ).generate(ast, false);
  assert.match(gen.code, /function root\(context\)/);
  assert.match(gen.code, /for \(const t_\d+ of iterate\(/);
  assert.match(gen.code, /apply0\(context, f_1, /);
  assert.doesNotMatch(gen.code, /"type":|Output|Getattr/);
  assert.equal(gen.lineMap.length, gen.code.split('\n').length);
  // constant expressions are folded at compile time, as Jinja's optimizer does
  const folded = new Parser("{{ 'ab'|upper ~ (1 + 2) }}{{ 'ab'|upper ~ 1 + x }}", null, OPTS).parse();
  const code = new CodeGenerator(
    { hasFilter: () => true, hasTest: () => true, finalize: null, fold: { filters: env.filters, tests: env.tests, environment: env }, undefinedClass: env.undefined },
    null,
  ).generate(folded, false).code;
  assert.match(code, /out \+= "AB3"\n/);
  assert.match(code, /add\("AB1", /);
});
