import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidDocumentError } from '../errors.js';
import { compileFamily } from './compile.js';
import { parseFamilyYaml } from './load.js';

function problems(doc: unknown): string[] {
  try {
    compileFamily(doc, '/x');
  } catch (err) {
    assert.ok(err instanceof InvalidDocumentError, String(err));
    assert.equal(err.code, 'DT_ERR_FAMILY_INVALID');
    return err.problems.map((p) => `${p.where}: ${p.message}`);
  }
  return [];
}

test('a minimal family gets the documented defaults', () => {
  const f = compileFamily({ vendor: 'V', models: ['M1', 'M2'] }, '/plugins/v');
  assert.deepEqual(Object.keys(f.models), ['M1', 'M2']);
  assert.deepEqual(f.association, { versions: [], versionMatch: 'exact', knownModel: 500, unknownModel: 300, otherVendor: 100, noVendor: 200 });
  assert.deepEqual(f.serve, { http: true, tftp: true });
  assert.deepEqual(f.transforms, { serverUrl: true, sipLines: true, funckeys: true, locale: null, timezone: false, phonebook: null });
  assert.deepEqual(f.macFormat, { separator: '', uppercase: false });
  assert.equal(f.synchronize, 'sip-notify');
  assert.equal(f.hooksFile, null);
  assert.equal(f.remoteStateTrigger, null);
});

test('every problem is listed with its key path', () => {
  const got = problems({
    vendr: 'typo',
    models: {},
    identify: {
      dhcp: [{ match: '(' }, { option: 300, match: 'x' }, { match: '(?<colour>x)' }],
      http: [{ path: 'a', user_agent: 'b' }, { header: 'x-a' }],
      smtp: [],
    },
    association: { known_model: 'GREAT', versions: [1.5] },
    files: [{ name: '../{{ mac }}.cfg' }, { name: 'a/{{ owner }}.cfg', templates: [] }, { name: 'x', encoding: 'utf-16', errors: 'panic' }],
    common_files: [{ name: '{{ mac }}.cfg', templates: ['c.tpl'] }, { name: 'c.cfg' }],
    remote_state_trigger: 'Digium/{{ mac }}.cfg',
    serve: { http: 'yes' },
    transforms: { locale: { map: { fr: 1 } }, phonebook: {} },
    synchronize: 'telnet',
    hooks: '../evil.ts',
  });
  const expected = [
    'vendr: unknown key',
    'vendor: must be a non-empty string',
    'models: lists no model',
    'identify.dhcp[0].match: bad regular expression',
    'identify.dhcp[1].option: must be a DHCP option code',
    'identify.dhcp[2].match: named group "colour" is not a device key',
    'identify.http[0]: needs exactly one of path, user_agent, header',
    'identify.http[1].match: must be a non-empty string',
    'identify.smtp: unknown key',
    'association.known_model: must be a DeviceSupport name',
    'files[0].name: must be a relative served path',
    'files[1].name: unknown placeholder {{ owner }}',
    'files[1].templates: lists no template',
    'files[2].encoding: unsupported encoding "utf-16"',
    'files[2].errors: must be strict, ignore or replace',
    'common_files[0].name: common files have no device',
    'common_files[1].templates: required for common files',
    'remote_state_trigger: is a basename',
    'serve.http: must be true or false',
    'transforms.locale.map.fr: must be a string',
    'transforms.phonebook.vendor: must be a non-empty string',
    'synchronize: must be "sip-notify" or "none"',
    'hooks: must be a .ts/.js file inside the plugin folder',
  ];
  for (const e of expected) assert.ok(got.some((g) => g.startsWith(e)), `missing "${e}" in:\n${got.join('\n')}`);
  assert.equal(got.length, expected.length, got.join('\n'));
});

test('YAML errors carry their position', () => {
  assert.throws(() => parseFamilyYaml('vendor: A\nvendor: B\n', 'f.yml'), (err) => err instanceof InvalidDocumentError && /line 2/.test(err.message));
  assert.throws(() => parseFamilyYaml('a: [1\n', 'f.yml'), InvalidDocumentError);
  assert.deepEqual(parseFamilyYaml('vendor: A\n'), { vendor: 'A' });
});

test('Python named groups and flags are accepted', () => {
  const f = compileFamily({ vendor: 'V', models: ['M'], identify: { http: [{ user_agent: '^v (?P<model>\\w+)$', flags: 'i' }] } }, '/x');
  const rule = f.identify.http[0];
  assert.equal(rule.regex.exec('V m1')?.groups?.model, 'm1');
  assert.deepEqual(rule.source, { kind: 'http-header', header: 'user-agent' });
});

test('model_defaults fill the keys a model does not give; a bad one is a problem', () => {
  const f = compileFamily({ vendor: 'V', model_defaults: { protocol: 'sip', expansion_modules: 0 }, models: { A: { expansion_modules: 3 }, B: null } }, '/x');
  assert.deepEqual(f.models, { A: { protocol: 'sip', expansion_modules: 3 }, B: { protocol: 'sip', expansion_modules: 0 } });
  assert.deepEqual(compileFamily({ vendor: 'V', model_defaults: { lines: 2 }, models: ['M'] }, '/x').models, { M: { lines: 2 } });
  assert.deepEqual(problems({ vendor: 'V', model_defaults: ['x'], models: ['M'] }), ['model_defaults: must be a mapping']);
});
