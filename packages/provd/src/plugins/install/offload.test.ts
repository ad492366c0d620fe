import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { makeTar, sha1 } from '../../../test/support/archives.js';
import { startFileServer } from '../../../test/support/file-server.js';
import { isProvdError } from '../../errors.js';
import { download, extractTarFile, stopInstallWorker, verifyFile } from './offload.js';

test.after(() => stopInstallWorker());

function setup(t: { after(fn: () => void): void }) {
  const root = mkdtempSync(join(tmpdir(), 'offload-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (const d of ['served', 'out']) mkdirSync(join(root, d));
  return root;
}

test('on the install worker: a download reports progress and its checks; coded errors keep their code and status', async (t) => {
  const root = setup(t);
  const data = randomBytes(3 * 1024 * 1024);
  writeFileSync(join(root, 'served/fw.bin'), data);
  const server = await startFileServer(t, join(root, 'served'));
  const progress: number[] = [];
  await download(`${server.url}/fw.bin`, join(root, 'out/fw.bin'), { size: data.length, sha1: sha1(data), onProgress: (c) => progress.push(c) });
  assert.deepEqual(readFileSync(join(root, 'out/fw.bin')), data);
  assert.equal(progress.at(-1), data.length, 'the last progress is the end');
  assert.equal(await verifyFile(join(root, 'out/fw.bin'), { size: data.length, sha1: sha1(data) }), true);
  assert.equal(await verifyFile(join(root, 'out/fw.bin'), { sha1: '0'.repeat(40) }), false);
  await assert.rejects(download(`${server.url}/fw.bin`, join(root, 'out/bad.bin'), { size: data.length, sha1: '0'.repeat(40), retries: 0 }), (err) => isProvdError(err, 'DT_ERR_CHECKSUM_MISMATCH') && (err as { statusCode: number }).statusCode === 400);
  await assert.rejects(download(`${server.url}/none.bin`, join(root, 'out/none.bin'), { retries: 0 }), (err) => isProvdError(err, 'DT_ERR_DOWNLOAD') && /HTTP 404/.test((err as Error).message));
});

test('on the install worker: extracting a 64 MB tar.gz leaves the event loop free, and hostile entries are still refused', async (t) => {
  const root = setup(t);
  const archive = join(root, 'big.tar.gz');
  writeFileSync(archive, gzipSync(makeTar([{ name: 'fw/big.bin', content: randomBytes(64 * 1024 * 1024) }]), { level: 1 }));
  await extractTarFile(archive, join(root, 'warm'), {}); // the worker starts once
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const entries = await extractTarFile(archive, join(root, 'out/x'), {});
  delay.disable();
  assert.equal(entries, 1, 'one file (its folder is not an entry of this archive)');
  assert.equal(readFileSync(join(root, 'out/x/fw/big.bin')).length, 64 * 1024 * 1024);
  // the main thread only waits: no long block (generous bound for a loaded host)
  t.diagnostic(`event-loop delay during the extraction: max ${(delay.max / 1e6).toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms`);
  assert.ok(delay.percentile(99) / 1e6 < 200, `p99 event-loop delay ${(delay.percentile(99) / 1e6).toFixed(1)} ms`);
  const hostile = join(root, 'hostile.tar');
  writeFileSync(hostile, makeTar([{ name: '../escape.txt', content: 'x' }]));
  await assert.rejects(extractTarFile(hostile, join(root, 'out/h'), {}), (err) => isProvdError(err, 'DT_ERR_ARCHIVE_UNSAFE'));
});
