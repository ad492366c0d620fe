import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePluginYml, validateMetadata } from './validate.js';

const base = 'name: helloworld\nnamespace: demo\nversion: 0.0.1\ndescription: hi\n';
const check = (yml: string, wazo = '25.01') => validateMetadata(parsePluginYml(yml), wazo);
const errorsOf = (yml: string, wazo?: string) => {
  const r = check(yml, wazo);
  assert.equal(r.ok, false, 'expected a validation failure');
  return r.ok ? {} : r.errors;
};

test('the seed hello-world metadata is valid, format defaults to 0', () => {
  const r = check(base);
  assert.ok(r.ok);
  if (r.ok) {
    assert.equal(r.metadata.plugin_format_version, 0);
    assert.deepEqual(r.metadata.depends, []);
    assert.equal(r.metadata.description, 'hi');
  }
});

test('numbers stay the strings they were written as', () => {
  const r = check('name: a\nnamespace: b\nversion: 0.10\n');
  assert.ok(r.ok && r.metadata.version === '0.10');
});

test('required fields', () => {
  const e = errorsOf('description: nothing\n');
  for (const k of ['name', 'namespace', 'version']) assert.equal(e[k]?.constraint_id, 'required', k);
});

test('name and namespace regexes, with the pattern', () => {
  const e = errorsOf('name: Hello_World\nnamespace: my-corp\nversion: 1\n');
  assert.deepEqual([e.name?.constraint_id, e.name?.constraint], ['regex', '^[a-z0-9-]+$']);
  assert.deepEqual([e.namespace?.constraint_id, e.namespace?.constraint], ['regex', '^[a-z0-9]+$']);
});

test('version must be a Debian version', () => {
  assert.equal(errorsOf('name: a\nnamespace: b\nversion: v1.0\n').version?.constraint_id, 'regex');
});

test('plugin_format_version 0..2', () => {
  for (const v of ['0', '1', '2']) assert.ok(check(`${base}plugin_format_version: ${v}\n`).ok, v);
  assert.equal(errorsOf(`${base}plugin_format_version: 999\n`).plugin_format_version?.constraint_id, 'range');
  assert.equal(errorsOf(`${base}plugin_format_version: -1\n`).plugin_format_version?.constraint_id, 'type');
  assert.equal(errorsOf(`${base}plugin_format_version: one\n`).plugin_format_version?.constraint_id, 'type');
});

test('min/max_wazo_version compare as versions, not strings', () => {
  assert.ok(check(`${base}min_wazo_version: 17.9\n`, '17.10').ok, '17.9 <= 17.10');
  assert.equal(errorsOf(`${base}min_wazo_version: 17.11\n`, '17.10').min_wazo_version?.constraint_id, 'range');
  assert.equal(errorsOf(`${base}max_wazo_version: 17.9\n`, '17.10').max_wazo_version?.constraint_id, 'range');
  assert.ok(check(`${base}max_wazo_version: 17.10\nmin_wazo_version: 17.10\n`, '17.10').ok);
});

test('depends entries', () => {
  const r = check(`${base}depends:\n  - name: foobaz\n    namespace: foocorp\n`);
  assert.ok(r.ok && r.metadata.depends[0]?.name === 'foobaz');
  const e = errorsOf(`${base}depends:\n  - name: Foo\n  - namespace: x\n  - plain\n`);
  assert.equal(e['depends.0.name']?.constraint_id, 'regex');
  assert.equal(e['depends.0.namespace']?.constraint_id, 'required');
  assert.equal(e['depends.1.name']?.constraint_id, 'required');
  assert.equal(e['depends.2']?.constraint_id, 'type');
  assert.equal(errorsOf(`${base}depends: foo\n`).depends?.constraint_id, 'type');
});

test('debian_depends entries', () => {
  assert.ok(check(`${base}debian_depends:\n  - golang-go\n  - tig (>= 2.0)\n`).ok);
  const e = errorsOf(`${base}debian_depends:\n  - "rm -rf /"\n`);
  assert.equal(e['debian_depends.0']?.constraint_id, 'regex');
});

test('not a mapping', () => {
  assert.equal(errorsOf('- a\n- b\n')._schema?.constraint_id, 'type');
});

test('market and display fields are kept as they are', () => {
  const r = check(`${base}display_name: Hello\ntags:\n  - x\n`);
  assert.ok(r.ok && r.metadata.display_name === 'Hello');
});
