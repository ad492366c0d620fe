import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { sha1, sha256 } from '../../../test/support/archives.js';
import { startFileServer, startProxy } from '../../../test/support/file-server.js';
import { startFtpServer } from '../../../test/support/ftp-server.js';
import { isProvdError } from '../../errors.js';
import { download } from './download.js';

function setup(t: { after(fn: () => void): void }) {
  const root = mkdtempSync(join(tmpdir(), 'download-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const served = join(root, 'served');
  const out = join(root, 'out');
  for (const d of [served, out]) mkdirSync(d, { recursive: true });
  const data = randomBytes(256 * 1024);
  writeFileSync(join(served, 'fw.bin'), data);
  return { root, served, out, data };
}


test('http download with size, sha1 and sha256 checked; progress reaches the end', async (t) => {
  const { served, out, data } = setup(t);
  const server = await startFileServer(t, served);
  const progress: number[] = [];
  await download(`${server.url}/fw.bin`, join(out, 'fw.bin'), { size: data.length, sha1: sha1(data), sha256: sha256(data), onProgress: (c) => progress.push(c) });
  assert.deepEqual(readFileSync(join(out, 'fw.bin')), data);
  assert.equal(progress.at(-1), data.length);
  assert.equal(existsSync(join(out, 'fw.bin.part')), false);
});

test('a wrong sha1 or size: DT_ERR_CHECKSUM_MISMATCH and nothing left behind', async (t) => {
  const { served, out, data } = setup(t);
  const server = await startFileServer(t, served);
  await assert.rejects(download(`${server.url}/fw.bin`, join(out, 'a'), { size: data.length, sha1: '0'.repeat(40), retries: 0 }), (err) => isProvdError(err, 'DT_ERR_CHECKSUM_MISMATCH') && /sha1/.test((err as Error).message));
  await assert.rejects(download(`${server.url}/fw.bin`, join(out, 'b'), { size: data.length - 1, retries: 0 }), (err) => isProvdError(err, 'DT_ERR_CHECKSUM_MISMATCH'));
  assert.deepEqual(readdirSync(out), []);
});


test('an interrupted transfer resumes with Range from where it stopped', async (t) => {
  const { served, out, data } = setup(t);
  const server = await startFileServer(t, served);
  server.cutNext(1, 0.5);
  await download(`${server.url}/fw.bin`, join(out, 'fw.bin'), { size: data.length, sha1: sha1(data) });
  assert.deepEqual(readFileSync(join(out, 'fw.bin')), data);
  assert.equal(server.requests.length, 2);
  assert.equal(server.requests[0]!.range, null);
  assert.match(server.requests[1]!.range ?? '', /^bytes=\d+-$/);
  assert.equal(server.requests[1]!.status, 206);
  const resumedAt = Number(/\d+/.exec(server.requests[1]!.range!)![0]);
  assert.ok(resumedAt > 0 && resumedAt < data.length, `resumed at ${resumedAt}`);
});

test('a .part left by an earlier run (a crash) is resumed', async (t) => {
  const { served, out, data } = setup(t);
  const server = await startFileServer(t, served);
  writeFileSync(join(out, 'fw.bin.part'), data.subarray(0, 1000));
  await download(`${server.url}/fw.bin`, join(out, 'fw.bin'), { size: data.length, sha1: sha1(data) });
  assert.deepEqual(readFileSync(join(out, 'fw.bin')), data);
  assert.deepEqual(server.requests.map((r) => r.range), ['bytes=1000-']);
});

test('a server that always truncates: DT_ERR_DOWNLOAD after the retries', async (t) => {
  const { served, out, data } = setup(t);
  const server = await startFileServer(t, served);
  server.cutNext(100, 0);
  await assert.rejects(download(`${server.url}/fw.bin`, join(out, 'fw.bin'), { size: data.length, retries: 2 }), (err) => isProvdError(err, 'DT_ERR_DOWNLOAD') && /after 3 attempts/.test((err as Error).message));
  assert.equal(server.requests.length, 3);
  assert.equal(existsSync(join(out, 'fw.bin')), false);
});

test('404 is not retried; file:// and plain paths work', async (t) => {
  const { served, out, data } = setup(t);
  const server = await startFileServer(t, served);
  await assert.rejects(download(`${server.url}/missing.bin`, join(out, 'm'), { retries: 3 }), (err) => isProvdError(err, 'DT_ERR_DOWNLOAD') && /HTTP 404/.test((err as Error).message));
  assert.equal(server.requests.length, 1);
  await download(pathToFileURL(join(served, 'fw.bin')).href, join(out, 'f1'), { sha1: sha1(data) });
  await download(join(served, 'fw.bin'), join(out, 'f2'), { size: data.length });
  assert.deepEqual(readFileSync(join(out, 'f2')), data);
  await assert.rejects(download(join(served, 'none'), join(out, 'f3')), (err) => isProvdError(err, 'DT_ERR_DOWNLOAD'));
});

test('downloads go through the configured http proxy', async (t) => {
  const { served, out, data } = setup(t);
  const server = await startFileServer(t, served);
  const proxy = await startProxy(t);
  await download(`${server.url}/fw.bin`, join(out, 'fw.bin'), { size: data.length, sha1: sha1(data), proxies: { http: proxy.url } });
  assert.deepEqual(readFileSync(join(out, 'fw.bin')), data);
  assert.equal(proxy.seen.length, 1, proxy.seen.join());
  assert.match(proxy.seen[0]!, new RegExp(`127\\.0\\.0\\.1:${new URL(server.url).port}`));
});

test('ftp:// through the ftp_proxy parameter: the HTTP proxy is asked for the ftp:// URI, with the FTP login in it', async (t) => {
  const { served, out, data } = setup(t);
  const ftp = await startFtpServer(t, served, { user: { name: 'fw', password: 's3cret' } });
  const proxy = await startProxy(t);
  await download(`${ftp.url}/fw.bin`, join(out, 'fw.bin'), { size: data.length, sha1: sha1(data), proxies: { ftp: proxy.url }, auth: { username: 'fw', password: 's3cret' } });
  assert.deepEqual(readFileSync(join(out, 'fw.bin')), data);
  assert.deepEqual(proxy.seen, [`GET ftp://fw:s3cret@127.0.0.1:${ftp.port}/fw.bin`]);
  assert.ok(ftp.commands.includes('USER fw'), 'the proxy logged in with the credentials of the URI');

  const refused = await download(`${ftp.url}/fw.bin`, join(out, 'again.bin'), { size: data.length, sha1: sha1(data), proxies: { ftp: proxy.url }, retries: 0 }).then(() => null, (err: unknown) => err);
  assert.ok(isProvdError(refused), String(refused));
  assert.match((refused as Error).message, /HTTP 502/);
  assert.equal(existsSync(join(out, 'again.bin')), false, 'nothing left behind');
});
