import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { runCli } from '../src/cli.js';

function run(argv: string[], stdin = ''): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), readStdin: () => stdin });
  return { code, out, err };
}

function fixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dt-jinja-cli-'));
  mkdirSync(join(dir, 'override'));
  mkdirSync(join(dir, 'stock'));
  writeFileSync(join(dir, 'stock', 'base.tpl'), 'base {{ x }}\n{% block b %}stock{% endblock %}\n');
  writeFileSync(join(dir, 'stock', 'model.tpl'), "{% extends 'base.tpl' %}{% block b %}model {{ keys|list }} {{ f }}{% endblock %}");
  writeFileSync(join(dir, 'override', 'base.tpl'), 'override {{ x }}|{% block b %}{% endblock %}\n');
  writeFileSync(join(dir, 'ctx.json'), '{"x": 1.0, "keys": {"10": 1, "3": 2}, "f": {"$tuple": [1, 2]}}');
  return dir;
}

test('render uses the search path in order and Python value semantics for the context', (t) => {
  const dir = fixture();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const r = run(['render', '--path', `${join(dir, 'override')},${join(dir, 'stock')}`, 'model.tpl', '--context', join(dir, 'ctx.json')]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, "override 1.0|model ['10', '3'] (1, 2)");
});

test('the context can come from stdin, the output can go to a file', (t) => {
  const dir = fixture();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const outFile = join(dir, 'out.cfg');
  const r = run(['render', '-p', join(dir, 'stock'), 'base.tpl', '-c', '-', '-o', outFile, '--keep-trailing-newline'], '{"x": "stdin"}');
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, '');
  assert.equal(readFileSync(outFile, 'utf-8'), 'base stdin\nstock\n');
});

test('errors: template errors exit 1 with the location, usage errors exit 2', (t) => {
  const dir = fixture();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'stock', 'bad.tpl'), 'ok\n{% if %}\n');
  const bad = run(['render', '-p', join(dir, 'stock'), 'bad.tpl']);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /TemplateSyntaxError: Expected an expression.*template "bad\.tpl", line 2, column 7/);
  const missing = run(['render', '-p', join(dir, 'stock'), 'nope.tpl']);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /TemplateNotFound: nope\.tpl/);
  assert.equal(run(['render', 'base.tpl']).code, 2);
  assert.equal(run(['frobnicate']).code, 2);
  assert.equal(run(['render', '-p', dir, 'base.tpl', '--undefined', 'weird']).code, 2);
  assert.equal(run(['render', '-p', dir, 'x', '-c', '-'], '[1]').code, 2);
  const help = run(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /Usage: dialtone-jinja render/);
});

test('the installed bin runs as a program', (t) => {
  const dir = fixture();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const bin = fileURLToPath(new URL('../src/bin/dialtone-jinja.ts', import.meta.url));
  const r = spawnSync(bin, ['render', '--path', join(dir, 'stock'), 'model.tpl', '--context', join(dir, 'ctx.json')], { encoding: 'utf-8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, "base 1.0\nmodel ['10', '3'] (1, 2)");
});
