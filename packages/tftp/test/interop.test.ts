// Interoperability with real clients from Debian: tftp-hpa's tftp, atftp and curl.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { fileSource } from '@dialtone/tftp';
import { requireTool, run, startServer, tempFolder, type CommandResult, type StartedServer } from './helpers.js';

const SIZES: Record<string, number> = {
  '0.bin': 0,
  '511.bin': 511,
  '512.bin': 512,
  '513.bin': 513,
  '1m.bin': 1024 * 1024,
};
const BIG = '40m.bin'; // 81,921 blocks of 512 bytes: block numbers wrap twice past 65535

type Client = (host: string, port: number, name: string, out: string, extra?: string[]) => [string, string[]];

const clients: Record<string, Client> = {
  tftp: (host, port, name, out, extra = []) => ['tftp', [...(host.includes(':') ? ['-6'] : ['-4']), '-m', 'octet', ...extra, host, String(port), '-c', 'get', name, out]],
  atftp: (host, port, name, out, extra = []) => ['atftp', ['-g', '-r', name, '-l', out, ...extra, host, String(port)]],
  curl: (host, port, name, out, extra = []) => ['curl', ['-sS', '-o', out, ...extra, `tftp://${host.includes(':') ? `[${host}]` : host}:${port}/${name}`]],
};

interface Fixture {
  dir: string;
  out: string;
  started: StartedServer;
  bodies: Map<string, Buffer>;
}

async function fixture(t: TestContext, withBig: boolean): Promise<Fixture> {
  for (const tool of ['tftp', 'atftp', 'curl']) requireTool(tool);
  const base = tempFolder(t, 'dialtone-tftp-interop-');
  const dir = join(base, 'tftpboot');
  const out = join(base, 'out');
  mkdirSync(dir);
  mkdirSync(out);
  const bodies = new Map<string, Buffer>();
  const sizes = withBig ? { ...SIZES, [BIG]: 40 * 1024 * 1024 } : SIZES;
  for (const [name, size] of Object.entries(sizes)) {
    const body = randomBytes(size);
    writeFileSync(join(dir, name), body);
    bodies.set(name, body);
  }
  const text = Buffer.from('[sip]\nline1=1001\r\nbare\rreturn\n'.repeat(300));
  writeFileSync(join(dir, 'phone.txt'), text);
  bodies.set('phone.txt', text);
  // '::' takes IPv6 and, dual-stack, IPv4 on the same port.
  const started = await startServer(t, { host: '::', resolve: (r) => fileSource(dir, r.filename) });
  return { dir, out, started, bodies };
}

async function download(f: Fixture, client: string, host: string, name: string, extra?: string[], expect = name): Promise<void> {
  const out = join(f.out, `${client}-${host.replace(/:/g, '_')}-${name}-${(extra ?? []).join('_').replace(/\W/g, '')}`);
  const [command, args] = clients[client](host, f.started.port, name, out, extra);
  const r: CommandResult = await run(command, args, 60_000);
  const label = `${command} ${args.join(' ')}`;
  assert.equal(r.code, 0, `${label}: exit ${r.code} ${r.stderr}`);
  assert.doesNotMatch(r.stdout + r.stderr, /error|timed out|aborting/i, label);
  assert.ok(readFileSync(out).equals(f.bodies.get(expect)!), `${label}: byte-identical`);
}

test('tftp-hpa, atftp and curl download 0 B to 1 MB byte-identical, over IPv4 and IPv6', async (t) => {
  const f = await fixture(t, false);
  let downloads = 0;
  for (const client of Object.keys(clients)) {
    for (const name of Object.keys(SIZES)) {
      await download(f, client, '127.0.0.1', name);
      downloads++;
    }
    for (const name of ['513.bin', '1m.bin']) {
      await download(f, client, '::1', name);
      downloads++;
    }
  }
  for (const name of ['0.bin', '512.bin', '1m.bin']) {
    await download(f, 'atftp', '127.0.0.1', name, ['--option', 'blksize 1428', '--option', 'tsize 0']);
    await download(f, 'atftp', '127.0.0.1', name, ['--option', 'blksize 1428', '--option', 'windowsize 16']);
    await download(f, 'curl', '127.0.0.1', name, ['--tftp-blksize', '1428']);
    downloads += 3;
  }
  // netascii: both sides convert, so the file comes back as it is on disk.
  await download(f, 'tftp', '127.0.0.1', 'phone.txt', ['-m', 'netascii']);
  await download(f, 'atftp', '127.0.0.1', 'phone.txt', ['--option', 'mode netascii']);
  downloads += 2;
  const records = await f.started.recordsAt(downloads);
  assert.deepEqual(
    records.filter((r) => r.outcome !== 'completed').map((r) => `${r.filename} ${r.outcome}`),
    [],
  );
  const windowed = records.find((r) => r.filename === '1m.bin' && r.negotiated?.windowsize === 16);
  assert.equal(windowed?.negotiated?.blksize, 1428, 'atftp negotiated windowsize 16 with blksize 1428');
  assert.ok(
    records.some((r) => r.client.family === 'IPv6') && records.some((r) => r.client.family === 'IPv4'),
    'both families were served',
  );
});

test('40 MB at 512-byte blocks (block numbers roll over) with all three clients at once', async (t) => {
  const f = await fixture(t, true);
  await Promise.all(Object.keys(clients).map((client) => download(f, client, '127.0.0.1', BIG)));
  const records = await f.started.recordsAt(3);
  for (const r of records) {
    assert.deepEqual([r.outcome, r.blocks, r.bytes], ['completed', 81_921, 40 * 1024 * 1024], JSON.stringify(r.options));
  }
});
