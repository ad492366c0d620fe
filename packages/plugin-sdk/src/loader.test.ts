import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fixturePlugin } from '../test/fixtures.js';
import { isSdkError } from './errors.js';
import { loadPluginModule } from './loader.js';
import { createTestContext, httpRequest, makeDevice } from './testing/index.js';

test('entry.js: the factory gets the context and works with ctx.sdk only', async () => {
  const loaded = await loadPluginModule(fixturePlugin('module-js'));
  assert.equal(loaded.kind, 'module');
  assert.match(loaded.file, /entry\.js$/);
  const { ctx, files } = createTestContext({ dir: fixturePlugin('module-js'), id: 'js-plugin' });
  const plugin = await loaded.factory(ctx);
  const info = await plugin.extractors?.http?.extract(httpRequest('/js/000fd3054848.cfg'));
  assert.deepEqual(info, { vendor: 'JsVendor', mac: '00:0f:d3:05:48:48' });
  assert.equal(await plugin.associator?.associate(info!), 500);
  await plugin.configure?.(makeDevice({ id: 'd1', mac: '00:0f:d3:05:48:48' }), {});
  assert.equal(files.text('js/000fd3054848.cfg'), 'id=d1 plugin=js-plugin\n');
});

test('entry.ts is imported through the TypeScript loader', async () => {
  const loaded = await loadPluginModule(fixturePlugin('module-ts'));
  const plugin = await loaded.factory(createTestContext({ dir: fixturePlugin('module-ts') }).ctx);
  assert.equal(await plugin.associator?.associate({ vendor: 'TsVendor' }), 600);
  assert.equal(plugin.isSensitiveFilename?.('a.secret'), true);
});

test('family.yml becomes a plugin', async () => {
  const loaded = await loadPluginModule(fixturePlugin('acme'));
  assert.equal(loaded.kind, 'family');
  const plugin = await loaded.factory(createTestContext({ dir: fixturePlugin('acme') }).ctx);
  assert.deepEqual(await plugin.extractors?.http?.extract(httpRequest('/Acme/000FD3054848.cfg')), { vendor: 'Acme', mac: '00:0f:d3:05:48:48' });
});

test('missing entry, bad default export, bad hooks: coded errors', async () => {
  await assert.rejects(loadPluginModule(fixturePlugin('no-entry')), (err) => isSdkError(err, 'DT_ERR_PLUGIN_ENTRY_MISSING'));
  await assert.rejects(loadPluginModule(fixturePlugin('bad-export')), (err) => isSdkError(err, 'DT_ERR_PLUGIN_ENTRY_INVALID'));
  await assert.rejects(loadPluginModule(fixturePlugin('bad-hooks')), (err) => isSdkError(err, 'DT_ERR_FAMILY_HOOKS_INVALID') && /unknown hook "onRequest"/.test(err.message));
});

test('each load imports fresh code; a syntax error is DT_ERR_PLUGIN_ENTRY_INVALID', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'loader-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const ctx = createTestContext({ dir }).ctx;
  const version = async () => (await (await loadPluginModule(dir)).factory(ctx)).info?.version;
  await writeFile(join(dir, 'entry.js'), 'export default () => ({ info: { version: "1" } });');
  assert.equal(await version(), '1');
  await writeFile(join(dir, 'entry.js'), 'export default () => ({ info: { version: "2" } });');
  assert.equal(await version(), '2');
  await writeFile(join(dir, 'entry.js'), 'export default () => ({ ');
  await assert.rejects(loadPluginModule(dir), (err) => isSdkError(err, 'DT_ERR_PLUGIN_ENTRY_INVALID'));
});

test('entry.ts and its relative imports are reloaded (ESM folder)', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'loader-ts-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }');
  const ctx = createTestContext({ dir }).ctx;
  const version = async () => (await (await loadPluginModule(dir)).factory(ctx)).info?.version;
  await writeFile(join(dir, 'entry.ts'), "import { v } from './version.ts';\nexport default (): object => ({ info: { version: v } });\n");
  await writeFile(join(dir, 'version.ts'), 'export const v: string = "a";');
  assert.equal(await version(), 'a');
  await writeFile(join(dir, 'version.ts'), 'export const v: string = "b";');
  assert.equal(await version(), 'b', 'relative imports are fresh too');
});

test('entry.mts in a folder without package.json', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'loader-mts-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const ctx = createTestContext({ dir }).ctx;
  await writeFile(join(dir, 'entry.mts'), 'export default (): object => ({ info: { version: "m" } });');
  const loaded = await loadPluginModule(dir);
  assert.match(loaded.file, /entry\.mts$/);
  assert.equal((await loaded.factory(ctx)).info?.version, 'm');
  await writeFile(join(dir, 'entry.ts'), 'export default (): object => ({ info: { version: "cjs-interop" } });');
  assert.equal((await (await loadPluginModule(dir)).factory(ctx)).info?.version, 'cjs-interop', 'entry.ts wins and is unwrapped');
});

test('family hooks: hooks.ts in a source folder, the compiled hooks.js in a bundle (family.yml names hooks.ts in both)', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'sdk-hooks-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'family.yml'), 'vendor: V\nmodels: [M]\nhooks: hooks.ts\n');
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
  const associateFrom = async () => {
    const { ctx } = createTestContext({ dir, id: 'v' });
    const plugin = await (await loadPluginModule(dir)).factory(ctx);
    return plugin.associator?.associate({ vendor: 'V', model: 'M' });
  };
  await writeFile(join(dir, 'hooks.ts'), 'export default () => ({ associate: (_info: unknown, _s: number): number => 11 });\n');
  assert.equal(await associateFrom(), 11);
  // a built bundle: family.yml still says hooks.ts, only hooks.js is there
  await rm(join(dir, 'hooks.ts'));
  await writeFile(join(dir, 'hooks.js'), 'export default () => ({ associate: () => 22 });\n');
  assert.equal(await associateFrom(), 22);
});
