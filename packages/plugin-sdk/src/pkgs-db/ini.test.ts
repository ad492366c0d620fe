import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { isSdkError } from '../errors.js';
import { parseIni } from './ini.js';

const TRICKY = [
  '# comment',
  '; another',
  '[pkg_a]',
  'Description: Firmware: all models',
  'key = value = with equals',
  'colon:  spaced   ',
  'multi: first',
  '  second',
  '',
  '    third after blank',
  '  # an indented comment is skipped',
  '\tfourth',
  'empty:',
  '',
  '[DEFAULT]',
  'shared: yes',
  '',
  '[file_b] trailing text',
  'url=http://x/y.tar.gz',
  'shared: own',
  '',
  '',
].join('\n');

function toObject(sections: Map<string, Map<string, string>>): Record<string, Record<string, string>> {
  return Object.fromEntries([...sections].map(([k, v]) => [k, Object.fromEntries(v)]));
}

test('parseIni reads RawConfigParser syntax', () => {
  const got = toObject(parseIni([{ text: TRICKY }]));
  assert.deepEqual(got, {
    pkg_a: {
      description: 'Firmware: all models',
      key: 'value = with equals',
      colon: 'spaced',
      multi: 'first\nsecond\n\nthird after blank\nfourth',
      empty: '',
      shared: 'yes',
    },
    file_b: { url: 'http://x/y.tar.gz', shared: 'own' },
  });
});

test('parseIni agrees with Python configparser on the same text', () => {
  const py = spawnSync('python3', ['-c', [
    'import configparser, json, sys',
    'p = configparser.RawConfigParser()',
    'p.read_string(sys.stdin.read())',
    'print(json.dumps({s: dict(p.items(s)) for s in p.sections()}))',
  ].join('\n')], { input: TRICKY, encoding: 'utf8' });
  assert.equal(py.status, 0, `python3 is needed for this test (scripts/setup-test-deps.sh installs it): ${py.stderr}`);
  assert.deepEqual(toObject(parseIni([{ text: TRICKY }])), JSON.parse(py.stdout));
});

test('documents merge; a section may not repeat within one', () => {
  const merged = parseIni([{ text: '[pkg_a]\nx: 1\n' }, { text: '[pkg_a]\ny: 2\n[pkg_b]\nz: 3' }]);
  assert.deepEqual(toObject(merged), { pkg_a: { x: '1', y: '2' }, pkg_b: { z: '3' } });
  const bad = [
    ['[a]\nx: 1\n[a]\ny: 2', 'appears twice'],
    ['[a]\nx: 1\nX: 2', 'appears twice'],
    ['x: 1', 'before any [section]'],
    ['[a]\njust words', 'cannot parse'],
    ['[a]\n: value', 'cannot parse'],
  ];
  for (const [text, why] of bad) {
    assert.throws(() => parseIni([{ text, source: 'pkgs/pkgs.db' }]), (err) => isSdkError(err, 'DT_ERR_PKGS_DB_SYNTAX') && err.message.includes(why) && err.message.startsWith('pkgs/pkgs.db:'), text);
  }
});
