import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { startFileServer } from '../../test/support/file-server.js';
import { buildRepository, patchIndex, type TestPlugin } from '../../test/support/repository.js';
import { isProvdError } from '../errors.js';
import { GeneratedFiles } from '../files/generated-files.js';
import { Operation } from '../operations/index.js';
import { PluginHost } from './host.js';
import { PluginManager } from './manager.js';

interface Setup {
  root: string;
  repo: string;
  pluginsDir: string;
  cacheDir: string;
  host: PluginHost;
  files: GeneratedFiles;
  manager: PluginManager;
  removed: string[];
  settings: { server: string | null; cache: boolean };
  loadedVersion(id: string): Promise<string | null>;
}

async function setup(t: { after(fn: () => Promise<void> | void): void }, plugins: TestPlugin[], server: 'http' | 'file' | 'folder' = 'http'): Promise<Setup & { http: Awaited<ReturnType<typeof startFileServer>> | null }> {
  const root = mkdtempSync(join(tmpdir(), 'pg-mgr-'));
  const repo = join(root, 'repo');
  buildRepository(repo, plugins);
  const http = server === 'http' ? await startFileServer(t, repo) : null;
  const pluginsDir = join(root, 'plugins');
  const cacheDir = join(root, 'cache');
  const files = new GeneratedFiles(join(root, 'generated'));
  const host = new PluginHost({ pluginsDir, files, log: pino({ level: 'silent' }), general: {}, pluginConfig: {}, baseRawConfig: {} });
  const removed: string[] = [];
  const settings = { server: http ? `${http.url}/` : server === 'file' ? pathToFileURL(repo).href : repo, cache: false };
  const manager = new PluginManager({
    host,
    pluginsDir,
    cacheDir,
    server: () => settings.server,
    proxies: () => ({}),
    cachePlugins: () => settings.cache,
    locale: () => 'fr_FR',
    log: pino({ level: 'silent' }),
    beforeRemove: async (id) => void removed.push(id),
  });
  await manager.recover();
  t.after(async () => {
    await host.close();
    await files.close();
    rmSync(root, { recursive: true, force: true });
  });
  return {
    root, repo, pluginsDir, cacheDir, host, files, manager, removed, settings, http,
    async loadedVersion(id) {
      if (!host.get(id)) return null;
      return (await files.sinkFor(id).read('version.txt'))?.toString() ?? null;
    },
  };
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
      else out[prefix + e.name] = readFileSync(join(d, e.name), 'utf8');
    }
  };
  walk(dir, '');
  return out;
}

test('update, installable (localized, no filename), install, installed', async (t) => {
  const s = await setup(t, [{ id: 'acme', version: '1.0' }]);
  await assert.rejects(s.manager.install('acme'), (err) => isProvdError(err, 'DT_ERR_PLUGIN_UNKNOWN') && /run update first/.test((err as Error).message));
  const op = new Operation();
  await s.manager.update(op);
  const installable = s.manager.installable();
  assert.equal(installable.acme!.version, '1.0');
  assert.equal(installable.acme!.description, 'greffon acme');
  assert.equal('filename' in installable.acme!, false);
  assert.equal(typeof installable.acme!.sha1sum, 'string');
  const install = new Operation('install');
  await s.manager.install('acme', install);
  assert.match(install.format(), /^install\|progress\(download\|success;\d+\/\d+\)\(install\|success\)$/);
  assert.equal(await s.loadedVersion('acme'), '1.0');
  const installed = await s.manager.installed();
  assert.deepEqual(Object.keys(installed), ['acme']);
  assert.equal(installed.acme!.description, 'greffon acme');
  assert.deepEqual(readdirSync(s.pluginsDir), ['acme'], 'no staging or old folder left');
  assert.deepEqual(readdirSync(s.cacheDir), ['plugins.db'], 'bundle not kept without cache_plugin');
  await assert.rejects(s.manager.install('acme'), (err) => isProvdError(err, 'DT_ERR_PLUGIN_ALREADY_INSTALLED'));
  await assert.rejects(s.manager.upgrade('nope'), (err) => isProvdError(err, 'DT_ERR_PLUGIN_UNKNOWN'));
});

test('upgrade keeps template overrides, installed packages and the firmware cache; drops stale files', async (t) => {
  const s = await setup(t, [{ id: 'acme', version: '1.0', files: { 'old-only.txt': 'stale', 'templates/base.tpl': 'v1' } }]);
  await s.manager.update();
  await s.manager.install('acme');
  const dir = join(s.pluginsDir, 'acme');
  mkdirSync(join(dir, 'var/templates'), { recursive: true });
  writeFileSync(join(dir, 'var/templates/base.tpl'), 'admin override');
  mkdirSync(join(dir, 'var/installed'), { recursive: true });
  writeFileSync(join(dir, 'var/installed/fw'), JSON.stringify(['Acme/fw.bin']));
  mkdirSync(join(dir, 'var/tftpboot/Acme'), { recursive: true });
  writeFileSync(join(dir, 'var/tftpboot/Acme/fw.bin'), 'firmware');
  writeFileSync(join(dir, 'var/tftpboot/Acme/not-a-package.txt'), 'stray');
  mkdirSync(join(dir, 'var/cache'), { recursive: true });
  writeFileSync(join(dir, 'var/cache/fw.zip'), 'zip');
  buildRepository(s.repo, [{ id: 'acme', version: '2.0', files: { 'templates/base.tpl': 'v2' } }]);
  await s.manager.update();
  await s.manager.upgrade('acme');
  assert.equal(await s.loadedVersion('acme'), '2.0');
  const after = snapshot(dir);
  assert.equal(after['var/templates/base.tpl'], 'admin override');
  assert.equal(after['templates/base.tpl'], 'v2');
  assert.equal(after['var/tftpboot/Acme/fw.bin'], 'firmware');
  assert.equal(after['var/installed/fw'], JSON.stringify(['Acme/fw.bin']));
  assert.equal(after['var/cache/fw.zip'], 'zip');
  assert.equal(after['old-only.txt'], undefined, 'stale file of the old version is gone');
  assert.equal(after['var/tftpboot/Acme/not-a-package.txt'], undefined);
  assert.equal(JSON.parse(after['.dialtone-install.json']!).version, '2.0');
});

async function installedV1(t: Parameters<typeof setup>[0], server: 'http' | 'file' | 'folder' = 'http') {
  const s = await setup(t, [{ id: 'acme', version: '1.0' }], server);
  await s.manager.update();
  await s.manager.install('acme');
  return { ...s, before: snapshot(join(s.pluginsDir, 'acme')) };
}

async function assertIntact(s: Awaited<ReturnType<typeof installedV1>>) {
  assert.equal(await s.loadedVersion('acme'), '1.0', 'the previous version is still loaded');
  assert.deepEqual(snapshot(join(s.pluginsDir, 'acme')), s.before, 'the previous version is intact on disk');
  assert.deepEqual(readdirSync(s.pluginsDir), ['acme'], 'no staging or old folder left');
}

test('a bundle with a wrong sha1: clear error, previous version intact', async (t) => {
  const s = await installedV1(t);
  buildRepository(s.repo, [{ id: 'acme', version: '2.0' }]);
  patchIndex(s.repo, 'acme', { sha1sum: 'f'.repeat(40) });
  await s.manager.update();
  await assert.rejects(s.manager.upgrade('acme'), (err) => isProvdError(err, 'DT_ERR_CHECKSUM_MISMATCH'));
  await assertIntact(s);
});

test('a wrong sha256 (when the index has one) is refused too', async (t) => {
  const s = await installedV1(t);
  buildRepository(s.repo, [{ id: 'acme', version: '2.0', sha256: true }]);
  patchIndex(s.repo, 'acme', { sha256sum: '0'.repeat(64) });
  await s.manager.update();
  await assert.rejects(s.manager.upgrade('acme'), (err) => isProvdError(err, 'DT_ERR_CHECKSUM_MISMATCH') && /sha256/.test((err as Error).message));
  await assertIntact(s);
});

test('a truncated download: clear error, previous version intact', async (t) => {
  const s = await installedV1(t);
  buildRepository(s.repo, [{ id: 'acme', version: '2.0' }]);
  await s.manager.update();
  s.http!.cutNext(100, 0.5);
  await assert.rejects(s.manager.upgrade('acme'), (err) => isProvdError(err, 'DT_ERR_DOWNLOAD') && /interrupted|truncated/.test((err as Error).message));
  await assertIntact(s);
});

const HOSTILE: Array<[string, TestPlugin['rawEntries']]> = [
  ['absolute path', [{ name: 'acme/', type: '5' }, { name: '/tmp/pgmgr-evil', content: 'x' }]],
  ['.. segment', [{ name: 'acme/', type: '5' }, { name: 'acme/../../evil', content: 'x' }]],
  ['link escaping', [{ name: 'acme/', type: '5' }, { name: 'acme/l', type: '2', link: '../../..' }]],
  ['write through a link', [{ name: 'acme/', type: '5' }, { name: 'acme/l', type: '2', link: 'var' }, { name: 'acme/l/x', content: 'x' }]],
  ['device file', [{ name: 'acme/', type: '5' }, { name: 'acme/dev', type: '3' }]],
];

for (const [kind, rawEntries] of HOSTILE) {
  test(`a hostile bundle (${kind}): DT_ERR_ARCHIVE_UNSAFE, previous version intact`, async (t) => {
    const s = await installedV1(t);
    buildRepository(s.repo, [{ id: 'acme', version: '2.0', rawEntries }]);
    await s.manager.update();
    await assert.rejects(s.manager.upgrade('acme'), (err) => isProvdError(err, 'DT_ERR_ARCHIVE_UNSAFE'));
    await assertIntact(s);
    assert.equal(existsSync('/tmp/pgmgr-evil'), false);
    assert.equal(existsSync(join(s.root, 'evil')), false);
  });
}

test('a bundle whose folder is not the plugin id is refused', async (t) => {
  const s = await installedV1(t);
  buildRepository(s.repo, [{ id: 'acme', version: '2.0', rawEntries: [{ name: 'other/plugin-info', content: '{"version":"2.0"}' }] }]);
  await s.manager.update();
  await assert.rejects(s.manager.upgrade('acme'), (err) => isProvdError(err, 'DT_ERR_ARCHIVE_INVALID') && /one folder named acme/.test((err as Error).message));
  await assertIntact(s);
});

test('a new version that does not load: the previous one is put back and loaded', async (t) => {
  const s = await installedV1(t);
  buildRepository(s.repo, [{ id: 'acme', version: '2.0', files: { 'entry.mjs': 'export default () => ({ configur() {} });' } }]);
  await s.manager.update();
  await assert.rejects(s.manager.upgrade('acme'), (err) => isProvdError(err, 'DT_ERR_PLUGIN_INSTALL_LOAD') && /DT_ERR_PLUGIN_MEMBERS_INVALID/.test((err as Error).message));
  await assertIntact(s);
  assert.equal(s.host.states().find((p) => p.id === 'acme')?.state, 'loaded');
});

test('a fresh install that does not load leaves nothing installed', async (t) => {
  const s = await setup(t, [{ id: 'bad', version: '1', files: { 'entry.mjs': 'export default () => { throw new Error("x"); };' } }]);
  await s.manager.update();
  await assert.rejects(s.manager.install('bad'), (err) => isProvdError(err, 'DT_ERR_PLUGIN_INSTALL_LOAD'));
  assert.deepEqual(readdirSync(s.pluginsDir), []);
  assert.deepEqual(s.host.states(), []);
});

test('cache_plugin keeps the bundle, reuses it after checking it, re-downloads a corrupted one', async (t) => {
  const s = await setup(t, [{ id: 'acme', version: '1.0' }]);
  s.settings.cache = true;
  await s.manager.update();
  await s.manager.install('acme');
  const bundle = join(s.cacheDir, 'acme-1.0.tar.bz2');
  assert.ok(existsSync(bundle));
  await s.manager.uninstall('acme');
  const requests = s.http!.requests.length;
  await s.manager.install('acme');
  assert.equal(s.http!.requests.length, requests, 'the cached bundle was reused');
  await s.manager.uninstall('acme');
  writeFileSync(bundle, 'corrupted');
  await s.manager.install('acme');
  assert.equal(s.http!.requests.at(-1)!.path, '/acme-1.0.tar.bz2', 'downloaded again');
  assert.equal(await s.loadedVersion('acme'), '1.0');
});

test('uninstall deconfigures first, unloads and removes; reload reads the code again', async (t) => {
  const s = await installedV1(t);
  const entry = join(s.pluginsDir, 'acme', 'entry.mjs');
  writeFileSync(entry, readFileSync(entry, 'utf8').replaceAll('"1.0"', '"1.0-edited"'));
  await s.manager.reload('acme');
  assert.equal(await s.loadedVersion('acme'), '1.0-edited');
  assert.deepEqual(s.removed, ['acme']);
  await s.manager.uninstall('acme');
  assert.deepEqual(s.removed, ['acme', 'acme']);
  assert.equal(s.host.get('acme'), undefined);
  assert.deepEqual(readdirSync(s.pluginsDir), []);
  await assert.rejects(s.manager.uninstall('acme'), (err) => isProvdError(err, 'DT_ERR_PLUGIN_NOT_INSTALLED'));
  await assert.rejects(s.manager.reload('acme'), (err) => isProvdError(err, 'DT_ERR_PLUGIN_NOT_INSTALLED'));
});

test('content changed without a version bump is reported, not skipped silently', async (t) => {
  const s = await installedV1(t);
  buildRepository(s.repo, [{ id: 'acme', version: '1.0', files: { 'extra.txt': 'new content, same version' } }]);
  await s.manager.update();
  assert.equal((await s.manager.installed()).acme!.changed_without_version_bump, true);
  await s.manager.upgrade('acme');
  assert.equal((await s.manager.installed()).acme!.changed_without_version_bump, undefined);
  assert.equal(readFileSync(join(s.pluginsDir, 'acme/extra.txt'), 'utf8'), 'new content, same version');
});

test('file:// and folder repositories', async (t) => {
  for (const kind of ['file', 'folder'] as const) {
    const s = await installedV1(t, kind);
    assert.equal(await s.loadedVersion('acme'), '1.0', kind);
  }
});

test('recover: an interrupted swap is finished or undone, staging dropped', async (t) => {
  const s = await installedV1(t);
  await s.host.close();
  const dir = join(s.pluginsDir, 'acme');
  // crash between the two renames: only .old-acme exists
  const { renameSync } = await import('node:fs');
  renameSync(dir, join(s.pluginsDir, '.old-acme'));
  mkdirSync(join(s.pluginsDir, '.staging-acme-1234/acme'), { recursive: true });
  writeFileSync(join(s.pluginsDir, '.staging-acme-1234/acme/plugin-info'), '{"version":"half"}');
  await s.manager.recover();
  assert.deepEqual(readdirSync(s.pluginsDir), ['acme']);
  assert.deepEqual(snapshot(dir), s.before);
  await s.host.loadAll();
  assert.equal(await s.loadedVersion('acme'), '1.0');
});

test('one operation per plugin at a time; a bad plugin_server is a clear error', async (t) => {
  const s = await setup(t, [{ id: 'acme', version: '1.0' }]);
  await s.manager.update();
  const first = s.manager.install('acme');
  await assert.rejects(s.manager.install('acme'), (err) => isProvdError(err, 'DT_ERR_OPERATION_RUNNING'));
  await first;
  s.settings.server = 'ftp://example.com/';
  await assert.rejects(s.manager.update(), (err) => isProvdError(err, 'DT_ERR_REPOSITORY') && /unsupported scheme/.test((err as Error).message));
  s.settings.server = null;
  await assert.rejects(s.manager.update(), (err) => isProvdError(err, 'DT_ERR_REPOSITORY'));
});

test('kill -9 in the middle of installs: at restart the old or the new version loads, never half of one', async (t) => {
  const { spawn } = await import('node:child_process');
  const root = mkdtempSync(join(tmpdir(), 'pg-mgr-kill-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const big = { 'firmware.bin': Buffer.alloc(2 * 1024 * 1024, 7), 'templates/a.tpl': 'a' };
  buildRepository(join(root, 'r1'), [{ id: 'acme', version: '1.0', files: big }]);
  buildRepository(join(root, 'r2'), [{ id: 'acme', version: '2.0', files: { ...big, 'templates/b.tpl': 'b' } }]);
  const state = join(root, 'state');
  const script = new URL('../../test/fixtures/scripts/install-loop.ts', import.meta.url).pathname;
  const seen = new Set<string>();
  for (let round = 0; round < 4; round++) {
    const child = spawn(process.execPath, ['--import', 'tsx', script, state, join(root, 'r1'), join(root, 'r2')], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    await new Promise((r) => setTimeout(r, 100 + Math.floor(Math.random() * 600)));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const files = new GeneratedFiles(join(state, 'generated'));
    const host = new PluginHost({ pluginsDir: join(state, 'plugins'), files, log: pino({ level: 'silent' }), general: {}, pluginConfig: {}, baseRawConfig: {} });
    const manager = new PluginManager({ host, pluginsDir: join(state, 'plugins'), cacheDir: join(state, 'cache'), server: () => null, proxies: () => ({}), cachePlugins: () => true, locale: () => null, log: pino({ level: 'silent' }) });
    await manager.recover();
    await host.loadAll();
    assert.deepEqual(readdirSync(join(state, 'plugins')), ['acme'], 'no staging, old or trash folder');
    const loaded = host.get('acme');
    assert.ok(loaded, `round ${round}: acme is loaded (${JSON.stringify(host.states())})`);
    const version = loaded.info.version;
    assert.ok(version === '1.0' || version === '2.0');
    const dir = join(state, 'plugins/acme');
    assert.equal(readFileSync(join(dir, 'firmware.bin')).length, 2 * 1024 * 1024, 'complete files');
    assert.equal(existsSync(join(dir, 'templates/b.tpl')), version === '2.0', 'the tree matches its version');
    assert.equal((await files.sinkFor('acme').read('version.txt'))?.toString(), version);
    seen.add(version);
    await host.close();
    await files.close();
  }
  t.diagnostic(`versions seen after kill -9: ${[...seen].join(', ')}`);
});
