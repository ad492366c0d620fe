/**
 * /pg_mgr over REST with the official client's payloads (wazo-provd-client PluginsCommand):
 * a test plugin modelled on the reference's (one package installing one file) goes through
 * update, install, package install/uninstall, reload, upgrade and uninstall; failures leave the
 * previous state, checked over REST.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sha1 } from './support/archives.js';
import { startFileServer } from './support/file-server.js';
import { startTestProvd, type TestProvd } from './support/provd.js';
import { buildRepository, patchIndex } from './support/repository.js';

const FIRMWARE = Buffer.from('test firmware image\n');

function testPlugin(version: string, fwUrl: string) {
  return {
    id: 'test-pkgs',
    version,
    files: {
      'pkgs/pkgs.db': `[pkg_test-fw]\ndescription: Test firmware\ndescription_fr: Micrologiciel de test\nversion: 1.0\nfiles: fw\ninstall: fw\n\n[install_fw]\na-b: cp $FILE1 Test/\n\n[file_fw]\nurl: ${fwUrl}\nsize: ${FIRMWARE.length}\nsha1sum: ${sha1(FIRMWARE)}\n`,
    },
  };
}

/** Follows an operation's Location until it is finished (the client's OperationInProgress.update loop). */
async function waitFor(p: TestProvd, location: string): Promise<string> {
  for (let i = 0; i < 400; i++) {
    const res = await p.call('GET', location);
    assert.equal(res.status, 200, res.text);
    const status = res.body.status as string;
    if (/^(\w+\|)?(success|fail)/.test(status)) return status;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`operation ${location} did not finish`);
}

test('the official client payloads round-trip through every /pg_mgr endpoint', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'pg-mgr-rest-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const firmwareDir = join(root, 'firmwares');
  mkdirSync(firmwareDir);
  writeFileSync(join(firmwareDir, 'test-fw.bin'), FIRMWARE);
  const fwServer = await startFileServer(t, firmwareDir);
  const repo = join(root, 'repo');
  buildRepository(repo, [testPlugin('1.0', `${fwServer.url}/test-fw.bin`)]);
  const p = await startTestProvd(t, { 'plugins.repository': repo });

  // links
  const top = await p.call('GET', '/0.2/pg_mgr');
  assert.deepEqual(top.body.links.map((l: { href: string }) => l.href), ['/0.2/pg_mgr/install', '/0.2/pg_mgr/plugins', '/0.2/pg_mgr/reload']);
  assert.equal((await p.call('GET', '/0.2/pg_mgr/install')).body.links.length, 6);

  // update: 201 with a path-only Location, status, delete
  const update = await p.call('POST', '/0.2/pg_mgr/install/update', {});
  assert.equal(update.status, 201);
  assert.equal(update.headers.get('location'), '/0.2/pg_mgr/install/update/1');
  assert.equal(update.text, '');
  assert.match(await waitFor(p, '/0.2/pg_mgr/install/update/1'), /^update\|success;(\d+)\/\1$/);
  assert.equal((await p.call('DELETE', '/0.2/pg_mgr/install/update/1')).status, 204);
  assert.equal((await p.call('GET', '/0.2/pg_mgr/install/update/1')).status, 404);

  const installable = (await p.call('GET', '/0.2/pg_mgr/install/installable')).body.pkgs;
  assert.equal(installable['test-pkgs'].version, '1.0');
  assert.equal(installable['test-pkgs'].filename, undefined);
  assert.deepEqual((await p.call('GET', '/0.2/pg_mgr/install/installed')).body, { pkgs: {} });

  // install
  const install = await p.call('POST', '/0.2/pg_mgr/install/install', { id: 'test-pkgs' });
  assert.equal(install.status, 201, install.text);
  const location = install.headers.get('location')!;
  assert.equal(location, '/0.2/pg_mgr/install/install/1');
  assert.match(await waitFor(p, location), /^install\|success\(download\|success;\d+\/\d+\)\(install\|success\)$/);
  assert.equal((await p.call('GET', '/0.2/pg_mgr/install/installed')).body.pkgs['test-pkgs'].version, '1.0');
  assert.equal((await p.call('GET', '/0.2/pg_mgr/plugins')).body.plugins['test-pkgs'].state, 'loaded');
  assert.equal((await p.call('GET', '/0.2/pg_mgr/plugins/test-pkgs/info')).body.plugin_info.version, '1.0');
  assert.deepEqual((await p.call('GET', '/0.2/pg_mgr/plugins/test-pkgs')).body.links.map((l: { rel: string }) => l.rel), ['pg.info', 'srv.install']);

  // errors, answered at once
  assert.equal((await p.call('POST', '/0.2/pg_mgr/install/install', { id: 'test-pkgs' })).status, 400, 'already installed');
  assert.equal((await p.call('POST', '/0.2/pg_mgr/install/install', { id: 'nope' })).status, 400, 'unknown');
  assert.equal((await p.call('POST', '/0.2/pg_mgr/install/install', {})).status, 400, 'no id');
  assert.equal((await p.call('POST', '/0.2/pg_mgr/install/install', '{"id":"x"}', { 'content-type': 'application/json' })).status, 415);
  assert.equal((await p.call('POST', '/0.2/pg_mgr/install/uninstall', { id: 'nope' })).status, 400);
  assert.equal((await p.call('GET', '/0.2/pg_mgr/plugins/nope/info')).status, 404);

  // the plugin's packages
  const pkgBase = '/0.2/pg_mgr/plugins/test-pkgs/install';
  assert.equal((await p.call('GET', pkgBase)).status, 200);
  const pkgs = (await p.call('GET', `${pkgBase}/installable`)).body.pkgs;
  assert.deepEqual(pkgs['test-fw'], { id: 'test-fw', version: '1.0', description: 'Test firmware', dsize: FIRMWARE.length });
  const pkgInstall = await p.call('POST', `${pkgBase}/install`, { id: 'test-fw' });
  assert.equal(pkgInstall.status, 201, pkgInstall.text);
  assert.equal(pkgInstall.headers.get('location'), `${pkgBase}/install/1`);
  assert.match(await waitFor(p, `${pkgBase}/install/1`), /^install_pkg\|success\(download\|success;20\/20\)\(install\|success;1\/1\)$/);
  const installedFile = join(p.dataDir, 'plugins/test-pkgs/var/tftpboot/Test/test-fw.bin');
  assert.deepEqual(readFileSync(installedFile), FIRMWARE);
  assert.equal((await p.call('GET', `${pkgBase}/installed`)).body.pkgs['test-fw'].version, '1.0');
  assert.equal((await p.call('POST', `${pkgBase}/install`, { id: 'nope' })).status, 400);

  // reload keeps it loaded
  assert.equal((await p.call('POST', '/0.2/pg_mgr/reload', { id: 'test-pkgs' })).status, 204);
  assert.equal((await p.call('POST', '/0.2/pg_mgr/reload', { id: 'nope' })).status, 400);

  // an upgrade with a wrong sha1 fails as an operation; the installed version stays (over REST and on disk)
  buildRepository(repo, [testPlugin('2.0', `${fwServer.url}/test-fw.bin`)]);
  patchIndex(repo, 'test-pkgs', { sha1sum: 'a'.repeat(40) });
  await waitFor(p, (await p.call('POST', '/0.2/pg_mgr/install/update', {})).headers.get('location')!);
  const badUpgrade = await p.call('POST', '/0.2/pg_mgr/install/upgrade', { id: 'test-pkgs' });
  assert.equal(badUpgrade.status, 201);
  assert.match(await waitFor(p, badUpgrade.headers.get('location')!), /^upgrade\|fail/);
  const failed = await p.call('GET', badUpgrade.headers.get('location')!);
  assert.equal(failed.body.error.code, 'DT_ERR_CHECKSUM_MISMATCH');
  assert.equal((await p.call('GET', '/0.2/pg_mgr/plugins/test-pkgs/info')).body.plugin_info.version, '1.0');

  // a good upgrade keeps the installed package
  buildRepository(repo, [testPlugin('2.0', `${fwServer.url}/test-fw.bin`)]);
  await waitFor(p, (await p.call('POST', '/0.2/pg_mgr/install/update', {})).headers.get('location')!);
  const upgrade = await p.call('POST', '/0.2/pg_mgr/install/upgrade', { id: 'test-pkgs' });
  assert.match(await waitFor(p, upgrade.headers.get('location')!), /^upgrade\|success/);
  assert.equal((await p.call('GET', '/0.2/pg_mgr/plugins/test-pkgs/info')).body.plugin_info.version, '2.0');
  assert.deepEqual(readFileSync(installedFile), FIRMWARE, 'the package survived the upgrade');
  assert.equal((await p.call('GET', `${pkgBase}/installed`)).body.pkgs['test-fw'].version, '1.0');

  // package uninstall, then plugin uninstall
  assert.equal((await p.call('POST', `${pkgBase}/uninstall`, { id: 'test-fw' })).status, 204);
  assert.equal(existsSync(installedFile), false);
  assert.deepEqual((await p.call('GET', `${pkgBase}/installed`)).body.pkgs, {});
  assert.equal((await p.call('POST', '/0.2/pg_mgr/install/uninstall', { id: 'test-pkgs' })).status, 204);
  assert.equal((await p.call('GET', '/0.2/pg_mgr/plugins')).body.plugins['test-pkgs'], undefined);
  assert.deepEqual((await p.call('GET', '/0.2/pg_mgr/install/installed')).body.pkgs, {});
});

test('uninstall deconfigures the plugin\'s devices first', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'pg-mgr-rest-dev-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const repo = join(root, 'repo');
  buildRepository(repo, [{ id: 'acme', version: '1.0' }]);
  const p = await startTestProvd(t, { 'plugins.repository': repo });
  await waitFor(p, (await p.call('POST', '/0.2/pg_mgr/install/update', {})).headers.get('location')!);
  await waitFor(p, (await p.call('POST', '/0.2/pg_mgr/install/install', { id: 'acme' })).headers.get('location')!);
  const created = await p.call('POST', '/0.2/cfg_mgr/configs', { config: { id: 'c1', parent_ids: [], raw_config: {} } });
  assert.equal(created.status, 201, created.text);
  const device = await p.call('POST', '/0.2/dev_mgr/devices', { device: { id: 'dev1', mac: '00:11:22:33:44:55', plugin: 'acme', config: 'c1' } });
  assert.equal(device.status, 201, device.text);
  await p.provd.idle();
  assert.equal(await readGenerated(p, 'acme', 'dev1.cfg'), 'v=1.0');
  assert.equal((await p.call('POST', '/0.2/pg_mgr/install/uninstall', { id: 'acme' })).status, 204);
  assert.equal(await readGenerated(p, 'acme', 'dev1.cfg'), null, 'the device\'s file was removed by deconfigure');
  await p.provd.idle();
  assert.equal((await p.call('GET', '/0.2/dev_mgr/devices/dev1')).body.device.configured, false);
});

/** The plugin's generated file, read from provd's file sink (the host keeps it; no public accessor). */
async function readGenerated(p: TestProvd, plugin: string, name: string): Promise<string | null> {
  const host = p.provd.plugins as unknown as { opts: { files: { sinkFor(id: string): { read(n: string): Promise<Buffer | null> } } } };
  return (await host.opts.files.sinkFor(plugin).read(name))?.toString() ?? null;
}
