import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, type TestContext } from 'node:test';
import { digiumCopy } from '../test/support.js';
import { checkFirmware } from './check-fw.js';
import { isToolError } from './errors.js';
import { lintSource } from './lint.js';

const BIN = fileURLToPath(new URL('./bin/dialtone-plugin.mjs', import.meta.url));
const FIRMWARE = Buffer.alloc(700_000, 0).map((_, i) => (i * 31 + 7) % 251);
const FW_SHA1 = createHash('sha1').update(FIRMWARE).digest('hex');
const OTHER = Buffer.from('another firmware\n');

/** The bin, asynchronously (the firmware server runs in this process). */
function run(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { encoding: 'utf8' }, (err, stdout, stderr) => resolve({ status: err ? Number(err.code ?? 1) : 0, stdout, stderr }));
  });
}

async function firmwareServer(t: TestContext): Promise<string> {
  const server = createServer((req, res) => {
    if (req.url === '/fw/other.rom') res.writeHead(200).end(OTHER);
    else if (req.url === '/fw/firmware_1_4_0_0_package.tar.gz') {
      res.writeHead(200, { 'content-length': FIRMWARE.length });
      // in pieces, so progress has something to report
      let i = 0;
      const next = () => {
        if (i >= FIRMWARE.length) return res.end();
        res.write(FIRMWARE.subarray(i, (i += 65536)), next);
      };
      next();
    } else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => server.close(() => r())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/fw`;
}

async function pointAt(src: string, base: string, name = 'firmware_1_4_0_0_package.tar.gz'): Promise<string> {
  const file = join(src, 'pkgs', 'pkgs.db');
  await writeFile(file, (await readFile(file, 'utf8')).replace(/^url: .*$/m, `url: ${base}/${name}`));
  return file;
}

test('check-fw finds the seed values wrong for the served file, --fill writes the real ones', async (t) => {
  const base = await firmwareServer(t);
  const src = await digiumCopy(t);
  const pkgs = await pointAt(src, base);
  const progress: number[] = [];
  const [r] = await checkFirmware(src, { progress: (p) => progress.push(p.received), progressMs: 0 });
  assert.equal(r.ok, false);
  assert.deepEqual(r.actual, { size: FIRMWARE.length, sha1sum: FW_SHA1 });
  assert.deepEqual(r.declared, { size: 101303480, sha1sum: '626273aaf6dd33e1927f3acb4a90f86a6e4e9f25' });
  assert.ok(progress.length >= 3 && progress.at(-1) === FIRMWARE.length, String(progress));

  const cli = await run(['check-fw', src]);
  assert.equal(cli.status, 1);
  assert.match(cli.stdout, /^FAIL {2}digium-1\.4\.0\.0 file_firmware: declared 101303480 /m);
  assert.match(cli.stderr, /file_firmware: 0\.7 MiB \/ 0\.7 MiB \(100%\) done/);

  const filled = await run(['check-fw', src, '--fill']);
  assert.equal(filled.status, 0, filled.stderr);
  const text = await readFile(pkgs, 'utf8');
  assert.match(text, new RegExp(`^size: ${FIRMWARE.length}$`, 'm'));
  assert.match(text, new RegExp(`^sha1sum: ${FW_SHA1}$`, 'm'));
  assert.match(text, /^# Firmware of the Digium D-series/, 'the rest of the file is kept');
  assert.equal((await checkFirmware(src))[0].ok, true);
  assert.deepEqual(await lintSource(src), []);
});

test('check-fw: a missing firmware is a download error; empty URLs are skipped', async (t) => {
  const base = await firmwareServer(t);
  const src = await digiumCopy(t);
  const pkgs = await pointAt(src, base, 'missing.bin');
  await assert.rejects(checkFirmware(src), (err) => isToolError(err, 'DT_ERR_TOOL_DOWNLOAD_FAILED') && /HTTP 404/.test(err.message));
  await writeFile(pkgs, (await readFile(pkgs, 'utf8')).replace(/^url: .*$/m, 'url:\nfilename: firmware.tar.gz'));
  const [r] = await checkFirmware(src);
  assert.deepEqual([r.ok, r.skipped], [true, 'empty URL: the file is put in var/cache by hand']);
});

test('check-fw --fill refuses one literal value for targets whose files differ', async (t) => {
  const base = await firmwareServer(t);
  const src = await digiumCopy(t);
  await writeFile(join(src, 'build.yml'), `targets:
  - { id: digium-a, firmware: '1', params: { firmware_build: 1.4.0.0.57389, firmware_build_underscored: 1_4_0_0_57389, fw: firmware_1_4_0_0_package.tar.gz } }
  - { id: digium-b, firmware: '2', params: { firmware_build: 1.4.0.0.57389, firmware_build_underscored: 1_4_0_0_57389, fw: missing-but-unused } }
`);
  await pointAt(src, base, '@@fw@@');
  await assert.rejects(checkFirmware(src, { fill: true }), (err) => isToolError(err, 'DT_ERR_TOOL_DOWNLOAD_FAILED'));
  await writeFile(join(src, 'build.yml'), (await readFile(join(src, 'build.yml'), 'utf8')).replace('missing-but-unused', 'other.rom'));
  const pkgs = await readFile(join(src, 'pkgs', 'pkgs.db'), 'utf8');
  await assert.rejects(checkFirmware(src, { fill: true }), (err) => isToolError(err, 'DT_ERR_TOOL_SOURCE_INVALID') && /pkgs\/pkgs\.db:\d+ \[file_firmware\] size: differs between build targets/.test(err.message));
  assert.equal(await readFile(join(src, 'pkgs', 'pkgs.db'), 'utf8'), pkgs, 'nothing written');
  // without --fill, each target is checked against its own download
  const results = await checkFirmware(src);
  assert.deepEqual(results.map((r) => [r.target, r.actual?.size]), [['digium-a', FIRMWARE.length], ['digium-b', OTHER.length]]);
});
