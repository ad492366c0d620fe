import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sha1 } from '../../../test/support/archives.js';
import { startFtpServer } from '../../../test/support/ftp-server.js';
import { isProvdError } from '../../errors.js';
import { download } from './download.js';

function setup(t: { after(fn: () => void): void }) {
  const root = mkdtempSync(join(tmpdir(), 'ftp-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const served = join(root, 'served');
  const out = join(root, 'out');
  mkdirSync(join(served, 'pub'), { recursive: true });
  mkdirSync(out);
  const data = randomBytes(300 * 1024);
  writeFileSync(join(served, 'pub/fw.bin'), data);
  return { served, out, data };
}

test('ftp:// download, anonymous, EPSV: the bytes arrive, checked by size and sha1', async (t) => {
  const { served, out, data } = setup(t);
  const ftp = await startFtpServer(t, served);
  const progress: number[] = [];
  await download(`${ftp.url}/pub/fw.bin`, join(out, 'fw.bin'), { size: data.length, sha1: sha1(data), onProgress: (c) => progress.push(c) });
  assert.deepEqual(readFileSync(join(out, 'fw.bin')), data);
  assert.equal(progress.at(-1), data.length);
  assert.deepEqual(ftp.commands.slice(0, 6), ['USER anonymous', 'PASS ***', 'TYPE I', 'SIZE pub/fw.bin', 'EPSV', 'RETR pub/fw.bin']);
});

test('ftp:// with credentials (from the URL, or given) and a PASV-only server; a refused login is a clear error, not retried', async (t) => {
  const { served, out, data } = setup(t);
  const ftp = await startFtpServer(t, served, { user: { name: 'fw', password: 's3cret' }, noEpsv: true });
  await download(`ftp://fw:s3cret@127.0.0.1:${ftp.port}/pub/fw.bin`, join(out, 'a.bin'), { size: data.length, sha1: sha1(data) });
  assert.deepEqual(readFileSync(join(out, 'a.bin')), data);
  assert.ok(ftp.commands.includes('PASV'));
  await download(`${ftp.url}/pub/fw.bin`, join(out, 'b.bin'), { size: data.length, auth: { username: 'fw', password: 's3cret' } });
  assert.deepEqual(readFileSync(join(out, 'b.bin')), data);
  const before = ftp.commands.filter((c) => c.startsWith('USER')).length;
  await assert.rejects(
    download(`${ftp.url}/pub/fw.bin`, join(out, 'c.bin'), { size: data.length, auth: { username: 'fw', password: 'wrong' } }),
    (err) => isProvdError(err, 'DT_ERR_DOWNLOAD') && /login refused for fw/.test((err as Error).message) && !/wrong/.test((err as Error).message),
  );
  assert.equal(ftp.commands.filter((c) => c.startsWith('USER')).length, before + 1, 'one attempt only');
  assert.equal(existsSync(join(out, 'c.bin')), false);
});

test('ftp:// transfer cut halfway: the next attempt resumes with REST from the bytes already there', async (t) => {
  const { served, out, data } = setup(t);
  const ftp = await startFtpServer(t, served);
  ftp.cutNext(1, 0.5);
  await download(`${ftp.url}/pub/fw.bin`, join(out, 'fw.bin'), { size: data.length, sha1: sha1(data) });
  assert.deepEqual(readFileSync(join(out, 'fw.bin')), data);
  const rest = ftp.commands.find((c) => c.startsWith('REST '));
  assert.ok(rest, `a REST command: ${ftp.commands.join(', ')}`);
  const at = Number(rest.slice(5));
  assert.ok(at > 0 && at < data.length, `resumed at ${at}`);
});

test('ftp:// missing file (550) or wrong sha1: clear errors, nothing left behind', async (t) => {
  const { served, out, data } = setup(t);
  const ftp = await startFtpServer(t, served);
  await assert.rejects(download(`${ftp.url}/pub/none.bin`, join(out, 'x'), { retries: 0 }), (err) => isProvdError(err, 'DT_ERR_DOWNLOAD') && /550/.test((err as Error).message));
  await assert.rejects(download(`${ftp.url}/pub/fw.bin`, join(out, 'y'), { size: data.length, sha1: '0'.repeat(40), retries: 0 }), (err) => isProvdError(err, 'DT_ERR_CHECKSUM_MISMATCH'));
  assert.deepEqual(readdirSync(out), []);
});
