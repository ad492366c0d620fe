import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import { makeTar, realArchive, sha1 } from '../../test/support/archives.js';
import { startFileServer } from '../../test/support/file-server.js';
import { isProvdError } from '../errors.js';
import { createPkgsService } from './service.js';

interface Firmware {
  name: string;
  data: Buffer;
  /** Not served: must be placed in var/cache by hand. */
  manual?: boolean;
}

function firmwares(): Firmware[] {
  const signedPayload = gzipSync(makeTar([{ name: 'cisco/SIP.loads', content: 'loads' }, { name: 'cisco/term.bin', content: 'term' }]));
  return [
    { name: 'acme-fw.zip', data: realArchive('zip', { 'fw/acme.bin': 'acme firmware', 'fw/readme.txt': 'readme' }) },
    { name: 'lang.tar.bz2', data: realArchive('tar.bz2', { 'lang/fr.xml': 'fr', 'lang/de.xml': 'de', 'other/x': 'x' }) },
    { name: 'dect.7z', data: realArchive('7z', { 'deep/dir/base.bin': 'base', 'deep/notes.txt': 'notes' }) },
    { name: 'cisco-signed.bin', data: Buffer.concat([Buffer.from('SIGNATURE-HEADER\x00\x01\x02'), signedPayload]) },
    { name: 'manual.bin', data: Buffer.from('put here by hand'), manual: true },
  ];
}

function pkgsDb(fw: Firmware[], base: string): string {
  const file = (id: string, f: Firmware) => `[file_${id}]\nurl: ${f.manual ? '' : `${base}/${f.name}`}\nsize: ${f.data.length}\nsha1sum: ${sha1(f.data)}\n${f.manual ? `filename: ${f.name}\n` : ''}`;
  const [zip, tar, sz, cisco, manual] = fw as [Firmware, Firmware, Firmware, Firmware, Firmware];
  return `
[pkg_acme-fw]
description: Acme firmware
description_fr: Micrologiciel Acme
version: 1.2
files: zip
install: acme

[install_acme]
a-b: unzip $FILE1
b-c: cp fw/*.bin Acme/

[pkg_lang]
description: languages
version: 1
files: tar
install: lang ; a comment

[install_lang]
a-b: untar $FILE1
b-c: include lang/*

[pkg_dect]
description: DECT base
files: sz
install: dect

[install_dect]
a-b: 7z $FILE1
b-c: exclude *.txt

[pkg_cisco]
description: Cisco-style signed image
files: cisco
install: cisco Cisco

[install_cisco]
a-b: unsign $FILE1 image.tar.gz
b-c: untar image.tar.gz
b-d: cp image.tar.gz $ARG1/raw.tar.gz

[pkg_manual]
description: put by hand
files: manual
install: manual

[install_manual]
a-b: cp $FILE1 manual/

${file('zip', zip)}
${file('tar', tar)}
${file('sz', sz)}
${file('cisco', cisco)}
${file('manual', manual)}
`;
}

async function setup(t: { after(fn: () => Promise<void> | void): void }) {
  const root = mkdtempSync(join(tmpdir(), 'pkgs-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const served = join(root, 'served');
  mkdirSync(served);
  const fw = firmwares();
  for (const f of fw) if (!f.manual) writeFileSync(join(served, f.name), f.data);
  const server = await startFileServer(t, served);
  const pluginDir = join(root, 'plugin');
  mkdirSync(join(pluginDir, 'pkgs'), { recursive: true });
  writeFileSync(join(pluginDir, 'pkgs/pkgs.db'), pkgsDb(fw, server.url));
  const service = createPkgsService({ pluginDir, proxies: () => ({}), locale: () => 'fr_FR', log: pino({ level: 'silent' }) });
  const tftpboot = join(pluginDir, 'var/tftpboot');
  const tree = () => (existsSync(tftpboot) ? execFileSync('find', ['.', '-type', 'f'], { cwd: tftpboot }).toString().split('\n').filter(Boolean).map((p) => p.slice(2)).sort() : []);
  return { root, pluginDir, service, server, fw, tftpboot, tree };
}

test('installable lists every package, localized, with its download size', async (t) => {
  const { service, fw } = await setup(t);
  const installable = await service.installable();
  assert.deepEqual(Object.keys(installable).sort(), ['acme-fw', 'cisco', 'dect', 'lang', 'manual']);
  assert.deepEqual(installable['acme-fw'], { id: 'acme-fw', version: '1.2', description: 'Micrologiciel Acme', dsize: fw[0]!.data.length });
  assert.deepEqual(await service.installed(), {});
});

test('zip + cp, tar.bz2 + include, 7z (flattened) + exclude, signed image + untar with fan-out and $ARG1', async (t) => {
  const { service, tftpboot, tree, pluginDir } = await setup(t);
  const steps: string[] = [];
  await service.install('acme-fw', (step, current, end) => steps.push(`${step}:${current}/${end}`));
  assert.ok(steps.includes('install:2/2') && steps.some((s) => s.startsWith('download:')), steps.join());
  await service.install('lang');
  await service.install('dect');
  await service.install('cisco');
  assert.deepEqual(tree(), ['Acme/acme.bin', 'Cisco/raw.tar.gz', 'base.bin', 'cisco/SIP.loads', 'cisco/term.bin', 'lang/de.xml', 'lang/fr.xml']);
  assert.equal(readFileSync(join(tftpboot, 'Acme/acme.bin'), 'utf8'), 'acme firmware');
  assert.equal(readFileSync(join(tftpboot, 'cisco/term.bin'), 'utf8'), 'term');
  assert.equal(readFileSync(join(tftpboot, 'Cisco/raw.tar.gz'))[0], 0x1f, 'the signature header is dropped');
  assert.deepEqual(JSON.parse(readFileSync(join(pluginDir, 'var/installed/cisco'), 'utf8')).files, ['Cisco/raw.tar.gz', 'cisco/SIP.loads', 'cisco/term.bin']);
  assert.deepEqual(Object.keys(await service.installed()).sort(), ['acme-fw', 'cisco', 'dect', 'lang']);
  assert.deepEqual(readdirSync(join(pluginDir, 'var')).sort(), ['cache', 'installed', 'tftpboot'], 'no scratch folder left');
});

test('uninstall removes exactly the installed files (and the folders it emptied)', async (t) => {
  const { service, tftpboot, tree } = await setup(t);
  await service.install('acme-fw');
  await service.install('lang');
  writeFileSync(join(tftpboot, 'lang/admin-added.xml'), 'mine');
  await service.uninstall('lang');
  assert.deepEqual(tree(), ['Acme/acme.bin', 'lang/admin-added.xml']);
  await service.uninstall('acme-fw');
  assert.deepEqual(tree(), ['lang/admin-added.xml']);
  assert.equal(existsSync(join(tftpboot, 'Acme')), false, 'emptied folder removed');
  await assert.rejects(service.uninstall('acme-fw'), (err) => isProvdError(err, 'DT_ERR_PACKAGE_UNKNOWN'));
});

test('a file with an empty URL: "place <filename> in <cache folder>", then it installs', async (t) => {
  const { service, fw, pluginDir, tree } = await setup(t);
  const cache = join(pluginDir, 'var/cache');
  await assert.rejects(service.install('manual'), (err) => isProvdError(err, 'DT_ERR_PACKAGE_FILE_MISSING') && (err as Error).message.startsWith(`place manual.bin in ${cache}`));
  writeFileSync(join(cache, 'manual.bin'), 'wrong content');
  await assert.rejects(service.install('manual'), (err) => isProvdError(err, 'DT_ERR_PACKAGE_FILE_MISSING'), 'a wrong file is not used');
  writeFileSync(join(cache, 'manual.bin'), fw[4]!.data);
  await service.install('manual');
  assert.deepEqual(tree(), ['manual/manual.bin']);
});

test('install_all installs what is not installed; a cached file is not downloaded again', async (t) => {
  const { service, server, pluginDir, fw } = await setup(t);
  await service.install('lang');
  writeFileSync(join(pluginDir, 'var/cache/manual.bin'), fw[4]!.data);
  const requests = server.requests.length;
  await service.uninstall('lang');
  const done = await service.installAll();
  assert.deepEqual(done, ['acme-fw', 'cisco', 'dect', 'lang', 'manual']);
  assert.equal(server.requests.filter((r) => r.path === '/lang.tar.bz2').length, 1, 'lang came from the cache');
  assert.equal(server.requests.length, requests + 3);
  assert.deepEqual(await service.installAll(), []);
});

test('a bad checksum or a hostile archive fails the install and installs nothing', async (t) => {
  const { service, pluginDir, tree, root } = await setup(t);
  const db = readFileSync(join(pluginDir, 'pkgs/pkgs.db'), 'utf8');
  writeFileSync(join(pluginDir, 'pkgs/pkgs.db'), db.replace(/(\[file_zip\][^[]*sha1sum: )[0-9a-f]+/, `$1${'0'.repeat(40)}`));
  await assert.rejects(service.install('acme-fw'), (err) => isProvdError(err, 'DT_ERR_CHECKSUM_MISMATCH'));
  // a zip holding a link to /etc
  const evil = join(root, 'evil');
  mkdirSync(join(evil, 'fw'), { recursive: true });
  symlinkSync('/etc', join(evil, 'fw/link'));
  execFileSync('zip', ['-qry', join(root, 'served/evil.zip'), 'fw'], { cwd: evil });
  const data = readFileSync(join(root, 'served/evil.zip'));
  const server = db.match(/url: (http:\/\/[^/]+)/)![1];
  writeFileSync(join(pluginDir, 'pkgs/pkgs.db'), `[pkg_evil]\nfiles: e\ninstall: e\n[install_e]\na-b: unzip $FILE1\n[file_e]\nurl: ${server}/evil.zip\nsize: ${data.length}\nsha1sum: ${sha1(data)}\n`);
  await assert.rejects(service.install('evil'), (err) => isProvdError(err, 'DT_ERR_ARCHIVE_UNSAFE'));
  assert.deepEqual(tree(), []);
  assert.deepEqual(await service.installed(), {});
});

test('downloader: auth sends the plugin\'s credentials (HTTP basic auth); missing or refused credentials are clear errors', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'pkgs-auth-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const firmware = Buffer.from('zenitel firmware');
  const seen: Array<string | undefined> = [];
  const server = createServer((req, res) => {
    seen.push(req.headers.authorization);
    if (req.headers.authorization !== `Basic ${Buffer.from('alice:s3cret').toString('base64')}`) res.writeHead(401, { 'www-authenticate': 'Basic realm="fw"' }).end();
    else res.writeHead(200, { 'content-length': String(firmware.length) }).end(firmware);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/zenitel.bin`;
  const pluginDir = join(root, 'plugin');
  mkdirSync(join(pluginDir, 'pkgs'), { recursive: true });
  writeFileSync(join(pluginDir, 'pkgs/pkgs.db'), `[pkg_fw]\nfiles: f\ninstall: i\n[install_i]\na-b: cp $FILE1 Zenitel/\n[file_f]\nurl: ${url}\nsize: ${firmware.length}\nsha1sum: ${sha1(firmware)}\ndownloader: auth\n`);
  let credentials: { username: string; password: string } | null = null;
  const service = createPkgsService({ pluginDir, proxies: () => ({}), locale: () => null, log: pino({ level: 'silent' }), credentials: async () => credentials });
  await assert.rejects(service.install('fw'), (err) => isProvdError(err, 'DT_ERR_PACKAGE_INSTALL') && /"username" and "password"/.test((err as Error).message));
  assert.equal(seen.length, 0, 'nothing fetched without credentials');
  credentials = { username: 'alice', password: 'wrong' };
  await assert.rejects(service.install('fw'), (err) => isProvdError(err, 'DT_ERR_DOWNLOAD') && /HTTP 401 \(credentials of alice refused\)/.test((err as Error).message) && !/wrong/.test((err as Error).message));
  assert.equal(seen.length, 1, 'a refusal is not retried');
  credentials = { username: 'alice', password: 's3cret' };
  await service.install('fw');
  assert.equal(readFileSync(join(pluginDir, 'var/tftpboot/Zenitel/zenitel.bin'), 'utf8'), 'zenitel firmware');
});
