// Hostile input: the server never crashes, never serves outside its folder, and answers as the RFCs say.
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { fileSource, type TftpServerStats } from '@dialtone/tftp';
import { encodeAck, encodeError, encodeRequest, tftpGet, type Packet } from '@dialtone/tftp/testing';
import { RawPeer, startServer, tempFolder, type StartedServer } from './helpers.js';

interface Setup {
  started: StartedServer;
  peer: RawPeer;
  /** Sends one datagram to the listening port and returns the answer, or null after `ms` of silence. */
  ask(buf: Buffer, ms?: number): Promise<Packet | null>;
}

async function setup(t: TestContext): Promise<Setup> {
  const base = tempFolder(t);
  const root = join(base, 'tftpboot');
  mkdirSync(join(root, 'Digium'), { recursive: true });
  writeFileSync(join(root, 'Digium', '0011aabbccdd.cfg'), 'config');
  writeFileSync(join(base, 'secret.txt'), 'do not serve');
  symlinkSync(join(base, 'secret.txt'), join(root, 'link-out'));
  const started = await startServer(t, { resolve: (r) => fileSource(root, r.filename), initialTimeoutMs: 200 });
  const peer = new RawPeer(t);
  await peer.bind();
  const ask = async (buf: Buffer, ms = 1000): Promise<Packet | null> => {
    peer.send(buf, started.port);
    return (await peer.next(ms))?.packet ?? null;
  };
  return { started, peer, ask };
}

function errorCode(p: Packet | null): number | undefined {
  return p?.op === 'error' ? p.errorCode : undefined;
}

async function stillServes(s: Setup): Promise<void> {
  const r = await tftpGet({ host: '127.0.0.1', port: s.started.port, filename: 'Digium/0011aabbccdd.cfg' });
  assert.equal(r.data!.toString(), 'config');
}

test('malformed and unexpected datagrams get the RFC error codes', async (t) => {
  const s = await setup(t);
  const raw = (str: string): Buffer => Buffer.from(str, 'latin1');
  assert.equal(errorCode(await s.ask(raw('\x00\x01Digium/0011aabbccdd.cfg'))), 4, 'truncated RRQ');
  assert.equal(errorCode(await s.ask(raw('\x00\x01Digium/0011aabbccdd.cfg\x00'))), 4, 'RRQ without mode');
  assert.equal(errorCode(await s.ask(Buffer.concat([raw('\x00\x01'), Buffer.alloc(4000, 0x61), raw('\x00octet\x00')]))), 4, 'oversize RRQ');
  assert.equal(errorCode(await s.ask(raw('\x00\x09whatever'))), 4, 'unknown opcode');
  assert.equal(errorCode(await s.ask(raw('\xff\xff'))), 4, 'opcode 65535');
  assert.equal(errorCode(await s.ask(encodeRequest('rrq', 'Digium/0011aabbccdd.cfg', 'mail'))), 4, 'mail mode');
  assert.equal(errorCode(await s.ask(encodeRequest('wrq', 'Digium/evil.cfg', 'octet'))), 2, 'write request');
  assert.equal(errorCode(await s.ask(encodeAck(1))), 5, 'ACK for no transfer');
  assert.equal(errorCode(await s.ask(raw('\x00\x03\x00\x01data'))), 5, 'DATA for no transfer');
  assert.equal(await s.ask(raw('\x00\x05\x00\x01stop\x00'), 200), null, 'ERROR is never answered');
  assert.equal(await s.ask(raw('\x00'), 200), null, 'a 1-byte runt is ignored');
  assert.equal(await s.ask(Buffer.alloc(0), 200), null, 'an empty datagram is ignored');
  await stillServes(s);
});

test('absurd option values are refused with ERROR 8; huge ones are capped', async (t) => {
  const s = await setup(t);
  const name = 'Digium/0011aabbccdd.cfg';
  for (const [opt, value] of [
    ['blksize', '0'],
    ['blksize', '7'],
    ['blksize', '-512'],
    ['blksize', 'lots'],
    ['blksize', '9'.repeat(40)],
    ['timeout', '0'],
    ['timeout', '100000'],
    ['windowsize', '0'],
    ['tsize', '0x10'],
  ]) {
    assert.equal(errorCode(await s.ask(encodeRequest('rrq', name, 'octet', [[opt, value]]))), 8, `${opt}=${value}`);
  }
  s.peer.send(encodeRequest('rrq', name, 'octet', [['blksize', '70000']]), s.started.port);
  const capped = await s.peer.next();
  assert.deepEqual(capped?.packet.op === 'oack' && capped.packet.options, [['blksize', '65464']]);
  s.peer.send(encodeError(8, 'changed my mind'), capped!.rinfo.port);
  const dup = await s.ask(
    encodeRequest('rrq', name, 'octet', [
      ['blksize', '512'],
      ['BLKSIZE', '1024'],
    ]),
  );
  assert.equal(errorCode(dup), 8, 'an option sent twice');
  await stillServes(s);
});

test('names never escape the served folder', async (t) => {
  const s = await setup(t);
  const attempts: Array<[string, number]> = [
    ['../secret.txt', 2],
    ['Digium/../../secret.txt', 2],
    ['..', 2],
    ['..\\secret.txt', 2],
    ['Digium\\0011aabbccdd.cfg', 2],
    ['link-out', 2],
    ['/etc/passwd', 1],
    ['//etc/shadow', 1],
    ['Digium', 1],
    ['/', 1],
    ['missing.cfg', 1],
    ['Digium/0011aabbccdd.cfg\nx', 2],
  ];
  for (const [name, code] of attempts) {
    const answer = await s.ask(encodeRequest('rrq', name, 'octet'));
    assert.equal(errorCode(answer), code, JSON.stringify(name));
  }
  // A leading slash is the folder's root, as tftpd -s does it.
  const r = await tftpGet({ host: '127.0.0.1', port: s.started.port, filename: '/Digium/0011aabbccdd.cfg' });
  assert.equal(r.data!.toString(), 'config');
  assert.ok(
    s.started.records.every((rec) => rec.outcome !== 'completed' || rec.filename.endsWith('0011aabbccdd.cfg')),
    'nothing but the config was ever served',
  );
});

test('a storm of random datagrams: no crash, only ERROR answers, then normal service', async (t) => {
  const s = await setup(t);
  let seed = 0xdecaf;
  const rand = (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return (x ^ (x >>> 14)) >>> 0;
  };
  const count = 5000;
  for (let i = 0; i < count; i++) {
    const len = rand() % 600;
    const buf = Buffer.alloc(len);
    for (let j = 0; j < len; j++) buf[j] = rand() % 3 === 0 ? 0 : rand() & 0xff;
    if (len >= 2 && i % 3 !== 0) buf[0] = 0;
    if (len >= 2 && i % 3 !== 0) buf[1] = rand() % 8;
    s.peer.send(buf, s.started.port);
    if (i % 200 === 199) await new Promise((r) => setImmediate(r));
  }
  const answers = await s.peer.drain(1500);
  assert.ok(answers.length > 0, 'the server answered some of them');
  const kinds = new Set(answers.map((a) => (a.packet.op === 'error' ? `error ${a.packet.errorCode}` : a.packet.op)));
  for (const kind of kinds) assert.match(kind, /^error [0-8]$/, `unexpected answer ${kind}`);
  const stats: TftpServerStats = s.started.server.stats();
  assert.ok(stats.otherDatagrams > count / 2, 'they were counted');
  await stillServes(s);
});
