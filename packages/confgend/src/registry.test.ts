import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { configDir, tempDir, writeFile } from '../test/support.js';
import { resolveConfig } from './config/config.js';
import { discoverDrivers } from './discovery.js';
import { isConfgendError } from './errors.js';
import { parseFilePath } from './names.js';
import { createRegistry } from './registry.js';

const helloModule = (text: string) => `export default class D { constructor(deps) { this.deps = deps; } generate() { return ${JSON.stringify(text)}; } }\n`;

function pkg(nodeModules: string, name: string, manifest: unknown, files: Record<string, string> = {}): string {
  const dir = join(nodeModules, name);
  writeFile(join(dir, 'package.json'), JSON.stringify({ name, version: '1.2.3', dialtone: { confgend: manifest } }));
  for (const [path, text] of Object.entries(files)) writeFile(join(dir, path), text);
  return dir;
}

test('drivers are found in package manifests (scoped too) and in a drivers folder; problems name the package', (t) => {
  const root = tempDir(t);
  const nm = join(root, 'node_modules');
  pkg(nm, 'plain-driver', { 'asterisk.sip.conf': { my_driver: './dist/driver.js' } }, { 'dist/driver.js': helloModule('a') });
  pkg(nm, '@acme/drivers', { 'asterisk.pjsip.conf': { acme: './lib/pjsip.js#PjsipDriver' } }, { 'lib/pjsip.js': '' });
  pkg(nm, 'escaping', { 'asterisk.sip.conf': { evil: '../../etc/passwd.js' } });
  pkg(nm, 'bad-key', { 'no-dot': { x: './x.js' } });
  writeFile(join(nm, 'unrelated', 'package.json'), JSON.stringify({ name: 'unrelated' }));
  writeFile(join(nm, 'broken-json', 'package.json'), '{');
  const drivers = join(root, 'drivers');
  writeFile(join(drivers, 'asterisk.sip.conf', 'local_one.js'), helloModule('b'));
  writeFile(join(drivers, 'asterisk.sip.conf', 'notes.txt'), 'ignored');
  pkg(drivers, 'local-pkg', { 'phoned.config.yml': { phoned: './index.js' } }, { 'index.js': helloModule('c') });
  pkg(drivers, '@scoped/local', { 'wazo.uuid.yml': { uuid: './u.js' } }, { 'u.js': helloModule('d') });

  const found = discoverDrivers({ nodeModules: [nm], driversDirs: [drivers] });
  const names = found.declarations.map((d) => `${d.file}:${d.name}:${d.exportName}`).sort();
  assert.deepEqual(names, ['asterisk.pjsip.conf:acme:PjsipDriver', 'asterisk.sip.conf:local_one:default', 'asterisk.sip.conf:my_driver:default', 'phoned.config.yml:phoned:default', 'wazo.uuid.yml:uuid:default']);
  const problems = found.problems.map((p) => p.message).join('\n');
  assert.match(problems, /package escaping .*"\.\.\/\.\.\/etc\/passwd\.js" is outside the package/);
  assert.match(problems, /package bad-key .*"no-dot" is not "<resource>\.<filename>"/);
  assert.ok(found.problems.every((p) => p.code === 'DT_ERR_CONFGEND_BAD_MANIFEST'));
});

test('a package found in two node_modules folders counts once (the nearest copy)', (t) => {
  const root = tempDir(t);
  const near = join(root, 'a', 'node_modules');
  const far = join(root, 'node_modules');
  pkg(near, 'dup', { 'asterisk.sip.conf': { d: './near.js' } });
  pkg(far, 'dup', { 'asterisk.sip.conf': { d: './far.js' } });
  const found = discoverDrivers({ nodeModules: [near, far], driversDirs: [] });
  assert.equal(found.declarations.length, 1);
  assert.equal(found.declarations[0].module, join(near, 'dup', 'near.js'));
});

test('selection: conf.d plugins, then the built-in, else errors that list the drivers; conflicts and load failures name the driver', async (t) => {
  const root = tempDir(t);
  const nm = join(root, 'node_modules');
  pkg(nm, 'one', { 'asterisk.sip.conf': { my_driver: './d.js', shared: './d.js' }, 'asterisk.iax.conf': { broken: './broken.js', notclass: './notclass.js' } }, {
    'd.js': helloModule('one'),
    'broken.js': 'export default class {\n',
    'notclass.js': 'export default { generate() { return "x"; } };\n',
  });
  pkg(nm, 'two', { 'asterisk.sip.conf': { shared: './d.js' } }, { 'd.js': helloModule('two') });
  const dir = configDir(root, { confd: { '10-sip.yml': { plugins: { 'asterisk.sip.conf': 'my_driver' } }, '20-other.yml': { plugins: { 'asterisk.iax.conf': 'broken', 'asterisk.queues.conf': 'ghost' } } } });
  const config = resolveConfig({ configDir: dir, settings: { 'drivers.node_modules': [nm] } });
  const found = discoverDrivers({ nodeModules: config.drivers.node_modules!, driversDirs: [] });
  const builtin = { file: 'provd.network.yml', name: 'dialtone', origin: { kind: 'builtin' as const }, exportName: 'B', load: async () => ({ B: class { generate() { return 'net'; } } }) };
  const registry = createRegistry(config, [builtin, ...found.declarations], found.problems);

  const sip = registry.select(parseFilePath('asterisk/sip.conf'));
  assert.equal(sip.name, 'my_driver');
  const Cls = await registry.load(sip);
  assert.equal(await new Cls({} as never).generate(), 'one');
  assert.equal(registry.select(parseFilePath('provd/network.yml')).name, 'dialtone');

  const err = (fn: () => unknown, code: string, re: RegExp) =>
    assert.throws(fn, (e) => isConfgendError(e, code) && re.test(e.message));
  err(() => registry.select(parseFilePath('asterisk/foo.conf')), 'DT_ERR_CONFGEND_UNKNOWN_FILE', /no driver generates asterisk\/foo\.conf; files with drivers: asterisk\/iax\.conf \(broken, notclass\), asterisk\/sip\.conf \(my_driver, shared\), provd\/network\.yml \(dialtone\)/);
  err(() => registry.select(parseFilePath('asterisk/queues.conf')), 'DT_ERR_CONFGEND_UNKNOWN_FILE', /conf\.d selects driver "ghost" but nothing declares it/);

  const iax = registry.select(parseFilePath('asterisk/iax.conf'));
  await assert.rejects(registry.load(iax), (e) => isConfgendError(e, 'DT_ERR_CONFGEND_DRIVER_LOAD') && /driver "broken" of asterisk\.iax\.conf \(package one@1\.2\.3/.test(e.message) && e.driver === 'broken');

  const conflicting = createRegistry(resolveConfig({ configDir: dir, settings: { 'drivers.node_modules': [nm], plugins: { 'asterisk.sip.conf': 'shared', 'asterisk.iax.conf': 'notclass' } } }), found.declarations, []);
  err(() => conflicting.select(parseFilePath('asterisk/sip.conf')), 'DT_ERR_CONFGEND_DRIVER_CONFLICT', /driver "shared" of asterisk\.sip\.conf is declared 2 times: package one@1\.2\.3 .*; package two@1\.2\.3/);
  await assert.rejects(conflicting.load(conflicting.select(parseFilePath('asterisk/iax.conf'))), (e) => isConfgendError(e, 'DT_ERR_CONFGEND_DRIVER_LOAD') && /export "default" .* is not a class with a generate\(\) method/.test(e.message));
  const unselected = createRegistry(resolveConfig({ configDir: configDir(join(root, 'x'), {}), settings: { 'drivers.node_modules': [nm] } }), found.declarations, []);
  err(() => unselected.select(parseFilePath('asterisk/sip.conf')), 'DT_ERR_CONFGEND_UNKNOWN_DRIVER', /no driver is selected for asterisk\/sip\.conf: set plugins: \{asterisk\.sip\.conf: <driver>\} in conf\.d; available drivers: my_driver, shared/);
  const wrongName = createRegistry(resolveConfig({ configDir: configDir(join(root, 'y'), {}), settings: { 'drivers.node_modules': [nm], plugins: { 'asterisk.sip.conf': 'nope' } } }), found.declarations, []);
  err(() => wrongName.select(parseFilePath('asterisk/sip.conf')), 'DT_ERR_CONFGEND_UNKNOWN_DRIVER', /driver "nope" selected for asterisk\.sip\.conf in conf\.d does not exist; available drivers: my_driver, shared/);

  const failures = await conflicting.preload();
  assert.deepEqual(failures.map((f) => `${f.code}:${f.driver}`).sort(), ['DT_ERR_CONFGEND_DRIVER_CONFLICT:shared', 'DT_ERR_CONFGEND_DRIVER_LOAD:notclass']);
  const listed = conflicting.list().find((d) => d.name === 'notclass');
  assert.equal(listed?.status, 'DT_ERR_CONFGEND_DRIVER_LOAD');
  assert.equal(listed?.selected, true);
});
