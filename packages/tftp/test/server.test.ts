import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { test } from 'node:test';
import { bufferSource, createTftpServer, TftpConfigError, TftpError, TftpErrorCode, type TftpReadRequest, type TftpSource } from '@dialtone/tftp';
import { encodeAck, encodeError, encodeRequest, tftpGet, TftpClientError } from '@dialtone/tftp/testing';
import { RawPeer, startServer } from './helpers.js';

const files: Record<string, Buffer> = {
  'empty.bin': Buffer.alloc(0),
  '511.bin': randomBytes(511),
  '512.bin': randomBytes(512),
  '513.bin': randomBytes(513),
  '1024.bin': randomBytes(1024),
  '70000.bin': randomBytes(70000),
};

function fromMap(request: TftpReadRequest): Buffer {
  const file = files[request.filename];
  if (file === undefined) throw new TftpError(TftpErrorCode.FileNotFound, 'no such file');
  return file;
}

function clientError(code: number): (err: unknown) => boolean {
  return (err) => err instanceof TftpClientError && err.tftpCode === code;
}

test('every size arrives intact, in lock-step and with options', async (t) => {
  // Timers long enough that a busy machine causes no retransmission to count.
  const { port, recordsAt } = await startServer(t, { resolve: fromMap, initialTimeoutMs: 3000, minTimeoutMs: 3000 });
  const variants = [{}, { blksize: 8 }, { blksize: 1428, tsize: true }, { blksize: 100, windowsize: 7 }, { windowsize: 64 }];
  let n = 0;
  for (const [name, body] of Object.entries(files)) {
    for (const v of variants) {
      const r = await tftpGet({ host: '127.0.0.1', port, filename: name, ...v });
      n++;
      assert.ok(r.data!.equals(body), `${name} ${JSON.stringify(v)}`);
      const blksize = v.blksize ?? 512;
      assert.equal(r.blocks, Math.floor(body.length / blksize) + 1, 'exact multiples end with an empty block');
      if ('tsize' in v && body.length > 0) assert.equal(r.oack?.tsize, String(body.length));
    }
  }
  const records = await recordsAt(n);
  assert.ok(records.every((r) => r.outcome === 'completed' && r.retransmits === 0), 'all completed without retransmits');
  assert.equal(records.find((r) => r.filename === '70000.bin' && r.negotiated?.windowsize === 7)?.negotiated?.blksize, 100);
});

test('block numbers roll over past 65535', async (t) => {
  const body = randomBytes(600_000); // 75,001 blocks of 8 bytes
  const { port, recordsAt } = await startServer(t, { resolve: () => body });
  const r = await tftpGet({ host: '127.0.0.1', port, filename: 'big', blksize: 8, windowsize: 64 });
  assert.equal(r.blocks, 75_001);
  assert.ok(r.data!.equals(body), 'byte-identical');
  const [record] = await recordsAt(1);
  assert.deepEqual([record.outcome, record.blocks, record.bytes], ['completed', 75_001, 600_000]);
});

test('netascii is converted on the fly', async (t) => {
  const text = Buffer.from('line one\nbare\rcr\r\n'.repeat(200));
  const { port } = await startServer(t, { resolve: () => bufferSource(text) });
  const r = await tftpGet({ host: '127.0.0.1', port, filename: 'x.txt', mode: 'netascii', tsize: true });
  assert.ok(r.data!.equals(text), 'byte-identical after netascii');
  assert.equal(r.oack, undefined, 'no tsize for netascii, so no OACK at all');
  const wire = await tftpGet({ host: '127.0.0.1', port, filename: 'x.txt', mode: 'netascii', blksize: 16 });
  assert.equal(wire.bytes, text.length + 200 * 4);
});

test('the resolver sees the request as sent; refusals become ERROR packets', async (t) => {
  const seen: TftpReadRequest[] = [];
  const { port, recordsAt } = await startServer(t, {
    resolveTimeoutMs: 200,
    resolve: async (req) => {
      seen.push(req);
      if (req.filename === 'denied') throw new TftpError(TftpErrorCode.AccessViolation, 'not for you');
      if (req.filename === 'crash') throw new Error('database on fire');
      if (req.filename === 'slow') await new Promise((r) => setTimeout(r, 1000));
      if (req.filename === 'weird') return 42 as unknown as Buffer;
      return Buffer.from('ok');
    },
  });
  const r = await tftpGet({ host: '127.0.0.1', port, filename: '/Cisco/SEP0011.cnf.xml', blksize: 1000, extraOptions: [['X-Vendor', 'Acme']] });
  assert.equal(r.data!.toString(), 'ok');
  assert.equal(seen[0].filename, '/Cisco/SEP0011.cnf.xml');
  assert.equal(seen[0].mode, 'octet');
  assert.deepEqual(seen[0].options, { blksize: '1000', 'x-vendor': 'Acme' });
  assert.equal(seen[0].address, '127.0.0.1');
  assert.equal(seen[0].family, 'IPv4');
  assert.ok(seen[0].port > 0, 'client port reported');
  await assert.rejects(tftpGet({ host: '127.0.0.1', port, filename: 'denied' }), clientError(2));
  await assert.rejects(tftpGet({ host: '127.0.0.1', port, filename: 'crash' }), (e: unknown) => clientError(0)(e) && /internal server error/.test(String(e)));
  await assert.rejects(tftpGet({ host: '127.0.0.1', port, filename: 'slow' }), (e: unknown) => clientError(0)(e) && /too long/.test(String(e)));
  await assert.rejects(tftpGet({ host: '127.0.0.1', port, filename: 'weird' }), clientError(0));
  const records = await recordsAt(5);
  const by = (f: string) => records.find((x) => x.filename === f)!;
  assert.deepEqual([by('denied').outcome, by('denied').errorCode, by('denied').message], ['refused', 2, 'not for you']);
  assert.equal(by('crash').outcome, 'failed');
  assert.match(String(by('crash').error), /database on fire/, 'the real error stays in the record, not on the wire');
});

test('a retransmitted RRQ does not start a second transfer', async (t) => {
  const { server, port, recordsAt } = await startServer(t, { resolve: () => files['1024.bin'], initialTimeoutMs: 5000 });
  const peer = new RawPeer(t);
  await peer.bind();
  const rrq = encodeRequest('rrq', 'f', 'octet');
  peer.send(rrq, port);
  peer.send(rrq, port);
  peer.send(rrq, port);
  const first = await peer.next();
  assert.equal(first?.packet.op, 'data');
  const extra = await peer.drain(150);
  assert.deepEqual(extra, [], 'only one DATA 1 came back');
  assert.equal(server.stats().duplicateRequests, 2);
  for (let block = 1; block <= 3; block++) {
    peer.send(encodeAck(block), first!.rinfo.port);
    if (block < 3) assert.equal((await peer.next())?.packet.op, 'data');
  }
  const records = await recordsAt(1);
  assert.equal(records[0].outcome, 'completed');
  assert.equal(server.stats().requests, 1);
});

test('duplicate ACKs never cause duplicate DATA (no Sorcerer’s Apprentice)', async (t) => {
  const { port } = await startServer(t, { resolve: () => files['70000.bin'], initialTimeoutMs: 5000, minTimeoutMs: 5000 });
  const peer = new RawPeer(t);
  await peer.bind();
  peer.send(encodeRequest('rrq', 'f', 'octet'), port);
  const d1 = await peer.next();
  const tid = d1!.rinfo.port;
  peer.send(encodeAck(1), tid);
  peer.send(encodeAck(1), tid);
  peer.send(encodeAck(1), tid);
  const got = await peer.drain(200);
  assert.deepEqual(
    got.map((g) => g.packet.op === 'data' && g.packet.block),
    [2],
  );
});

test('a partial window ACK restarts the window after the acknowledged block', async (t) => {
  const { port } = await startServer(t, { resolve: () => files['70000.bin'], initialTimeoutMs: 5000, minTimeoutMs: 5000 });
  const peer = new RawPeer(t);
  await peer.bind();
  peer.send(encodeRequest('rrq', 'f', 'octet', [['windowsize', '4']]), port);
  const oack = await peer.next();
  assert.equal(oack?.packet.op, 'oack');
  peer.send(encodeAck(0), oack!.rinfo.port);
  const blocks = (await peer.drain(150)).map((g) => g.packet.op === 'data' && g.packet.block);
  assert.deepEqual(blocks, [1, 2, 3, 4]);
  peer.send(encodeAck(2), oack!.rinfo.port);
  const again = (await peer.drain(150)).map((g) => g.packet.op === 'data' && g.packet.block);
  assert.deepEqual(again, [3, 4, 5, 6]);
  // A late ACK for a block of the first round is still valid and moves the window on.
  peer.send(encodeAck(4), oack!.rinfo.port);
  const late = (await peer.drain(150)).map((g) => g.packet.op === 'data' && g.packet.block);
  assert.deepEqual(late, [5, 6, 7, 8]);
});

test('silence: adaptive retransmission, then a bounded give-up', async (t) => {
  const { port, recordsAt } = await startServer(t, { resolve: () => files['513.bin'], initialTimeoutMs: 50, minTimeoutMs: 10, maxRetries: 2 });
  const peer = new RawPeer(t);
  await peer.bind();
  peer.send(encodeRequest('rrq', 'f', 'octet', [['blksize', '256']]), port);
  const oack = await peer.next();
  assert.equal(oack?.packet.op, 'oack');
  // the client answered once: from now on it gets the full patience (maxRetries)
  peer.send(encodeAck(0), oack!.rinfo.port);
  const got = (await peer.drain(1500)).map((g) => g.packet);
  assert.deepEqual(
    got.map((p) => p.op),
    ['data', 'data', 'data', 'error'],
  );
  assert.deepEqual(got[3], { op: 'error', errorCode: 0, message: 'transfer timed out' });
  const [record] = await recordsAt(1);
  assert.deepEqual([record.outcome, record.retransmits, record.blocks], ['timeout', 2, 0]);
});

test('a client that never answers (a spoofed request) holds its slot for one retransmission only', async (t) => {
  const { port, recordsAt } = await startServer(t, { resolve: () => files['513.bin'], initialTimeoutMs: 50, minTimeoutMs: 10, maxRetries: 5 });
  const peer = new RawPeer(t);
  await peer.bind();
  peer.send(encodeRequest('rrq', 'f', 'octet'), port);
  const got = (await peer.drain(1500)).map((g) => g.packet.op);
  assert.deepEqual(got, ['data', 'data', 'error']);
  const [record] = await recordsAt(1);
  assert.deepEqual([record.outcome, record.retransmits], ['timeout', 1]);
});

test('unanswered requests from one address fill only its unconfirmed slots: a real transfer from there still runs', async (t) => {
  const { port, server } = await startServer(t, { resolve: () => files['513.bin'], initialTimeoutMs: 1000, minTimeoutMs: 1000, maxUnconfirmedPerClient: 4, maxTransfersPerClient: 64 });
  const spoofer = new RawPeer(t);
  await spoofer.bind();
  for (let i = 0; i < 10; i++) spoofer.send(encodeRequest('rrq', `f${i}`, 'octet'), port);
  const first = await spoofer.drain(300);
  assert.equal(first.filter((g) => g.packet.op === 'data').length, 4, 'four unconfirmed transfers, the rest dropped as busy');
  assert.equal(server.stats().busy, 6);
  // while those four wait for an answer that never comes, the same address is still at its
  // unconfirmed limit; a phone there whose transfer is under way is not affected:
  const phone = new RawPeer(t);
  await phone.bind();
  phone.send(encodeRequest('rrq', 'g', 'octet'), port);
  assert.equal((await phone.drain(300)).length, 0, 'a fifth new request waits (dropped, the phone retransmits)');
  await spoofer.drain(4500); // the spoofed slots time out after one retransmission
  phone.send(encodeRequest('rrq', 'g2', 'octet'), port);
  const data1 = await phone.next();
  assert.equal(data1?.packet.op, 'data');
  phone.send(encodeAck(1), data1!.rinfo.port);
  const data2 = await phone.next();
  assert.equal(data2?.packet.op === 'data' && data2.packet.block, 2);
  phone.send(encodeAck(2), data2!.rinfo.port);
});

test('immutable in-memory content is sent from shared framed packets, intact at every blksize and window', async (t) => {
  const content = randomBytes(70000);
  for (const packetCacheBytes of [32 << 20, 0]) {
    const { port, recordsAt } = await startServer(t, {
      resolve: () => bufferSource(content, true),
      packetCacheBytes,
      initialTimeoutMs: 3000,
      minTimeoutMs: 3000,
    });
    const variants = [{}, { blksize: 8 }, { blksize: 1428, windowsize: 16 }, { blksize: 1428, windowsize: 16 }, { blksize: 700, windowsize: 5 }, { mode: 'netascii' as const }];
    const results = await Promise.all(variants.map((v) => tftpGet({ host: '127.0.0.1', port, filename: 'f', ...v })));
    // netascii (never from the shared packets) arrives as the same bytes once converted back.
    for (const r of results) assert.deepEqual(r.data, content);
    for (const record of await recordsAt(variants.length)) assert.equal(record.outcome, 'completed');
  }
});

test('the RFC 2349 timeout option pins the retransmission timer', async (t) => {
  const { port, recordsAt } = await startServer(t, { resolve: () => files['513.bin'] });
  await tftpGet({ host: '127.0.0.1', port, filename: 'f', timeoutOption: 2 });
  const [record] = await recordsAt(1);
  assert.equal(record.negotiated?.timeoutMs, 2000);
});

test('by default a transfer port hears only its client: strangers get no answer and do not disturb it', async (t) => {
  const { port, recordsAt } = await startServer(t, { resolve: () => files['1024.bin'], initialTimeoutMs: 5000 });
  const peer = new RawPeer(t);
  const stranger = new RawPeer(t);
  await peer.bind();
  await stranger.bind();
  peer.send(encodeRequest('rrq', 'f', 'octet'), port);
  const d1 = await peer.next();
  // The transfer socket is connected to the peer: the kernel drops these (and answers ICMP, which
  // an unconnected sender never sees), so neither reaches the transfer nor gets a TFTP answer.
  stranger.send(encodeAck(1), d1!.rinfo.port);
  stranger.send(encodeAck(2), d1!.rinfo.port);
  stranger.send(encodeRequest('wrq', 'x', 'octet'), d1!.rinfo.port);
  assert.equal(await stranger.next(150), null, 'a stranger gets no answer');
  assert.equal(await peer.next(150), null, 'the stranger\'s ACKs moved nothing');
  for (let block = 1; block <= 3; block++) {
    peer.send(encodeAck(block), d1!.rinfo.port);
    if (block < 3) assert.equal((await peer.next())?.packet.op, 'data');
  }
  const [record] = await recordsAt(1);
  assert.equal(record.outcome, 'completed');
  assert.equal(record.retransmits, 0);
});

test('a client that went away is noticed at the next retransmission (ICMP on the connected socket)', async (t) => {
  const { port, recordsAt } = await startServer(t, { resolve: () => files['70000.bin'], initialTimeoutMs: 200 });
  const peer = createSocket('udp4');
  await new Promise<void>((resolve) => peer.bind(0, '127.0.0.1', () => resolve()));
  const first = new Promise<Buffer>((resolve) => peer.once('message', resolve));
  peer.send(encodeRequest('rrq', 'f', 'octet'), port, '127.0.0.1');
  assert.equal((await first).readUInt16BE(0), 3);
  await new Promise<void>((resolve) => peer.close(() => resolve()));
  const [record] = await recordsAt(1, 3000);
  assert.equal(record.outcome, 'failed');
  assert.equal((record.error as NodeJS.ErrnoException).code, 'ECONNREFUSED');
});

test('with answerStrangers, strangers on a transfer port get ERROR 5 and do not disturb it', async (t) => {
  const { port, recordsAt } = await startServer(t, { resolve: () => files['1024.bin'], initialTimeoutMs: 5000, answerStrangers: true });
  const peer = new RawPeer(t);
  const stranger = new RawPeer(t);
  await peer.bind();
  await stranger.bind();
  peer.send(encodeRequest('rrq', 'f', 'octet'), port);
  const d1 = await peer.next();
  stranger.send(encodeAck(1), d1!.rinfo.port);
  const answer = await stranger.next();
  assert.equal(answer?.packet.op === 'error' && answer.packet.errorCode, 5);
  stranger.send(encodeError(0, 'x'), d1!.rinfo.port);
  assert.equal(await stranger.next(150), null, 'an ERROR is never answered');
  for (let block = 1; block <= 3; block++) {
    peer.send(encodeAck(block), d1!.rinfo.port);
    if (block < 3) assert.equal((await peer.next())?.packet.op, 'data');
  }
  assert.equal((await recordsAt(1))[0].outcome, 'completed');
});

test('client errors, refused OACKs and impossible ACKs end the transfer', async (t) => {
  const { port, recordsAt } = await startServer(t, { resolve: () => files['70000.bin'], initialTimeoutMs: 5000 });
  const a = new RawPeer(t);
  await a.bind();
  a.send(encodeRequest('rrq', 'a', 'octet'), port);
  const da = await a.next();
  a.send(encodeError(0, 'disk full here'), da!.rinfo.port);

  const b = new RawPeer(t);
  await b.bind();
  b.send(encodeRequest('rrq', 'b', 'octet', [['blksize', '1024']]), port);
  const ob = await b.next();
  assert.equal(ob?.packet.op, 'oack');
  b.send(encodeError(8, 'no thanks'), ob!.rinfo.port);

  const c = new RawPeer(t);
  await c.bind();
  c.send(encodeRequest('rrq', 'c', 'octet'), port);
  const dc = await c.next();
  c.send(encodeAck(9), dc!.rinfo.port);
  const err = await c.next();
  assert.equal(err?.packet.op === 'error' && err.packet.errorCode, 4);

  const records = await recordsAt(3);
  const by = (f: string) => records.find((r) => r.filename === f)!;
  assert.deepEqual([by('a').outcome, by('a').message], ['peer-error', 'disk full here']);
  assert.deepEqual([by('b').outcome, by('b').errorCode], ['refused', 8]);
  assert.equal(by('c').outcome, 'protocol-error');
});

test('limits: over maxTransfers a request is answered busy, or dropped and served on retransmission', async (t) => {
  const strict = await startServer(t, { resolve: () => files['1024.bin'], maxTransfers: 1, whenBusy: 'error', initialTimeoutMs: 5000 });
  const holder = new RawPeer(t);
  await holder.bind();
  holder.send(encodeRequest('rrq', 'f', 'octet'), strict.port);
  assert.equal((await holder.next())?.packet.op, 'data');
  await assert.rejects(tftpGet({ host: '127.0.0.1', port: strict.port, filename: 'f' }), (e: unknown) => clientError(0)(e) && /busy/.test(String(e)));
  assert.equal(strict.server.stats().busy, 1);

  const queued = await startServer(t, { resolve: () => files['70000.bin'], maxTransfersPerClient: 2 });
  const results = await Promise.all(Array.from({ length: 6 }, () => tftpGet({ host: '127.0.0.1', port: queued.port, filename: 'f', retransmitMs: 100, retries: 50 })));
  assert.ok(results.every((r) => r.data!.equals(files['70000.bin'])), 'all byte-identical');
  assert.ok(queued.server.stats().busy > 0, 'some requests were dropped and retried');
  const records = await queued.recordsAt(6 + queued.server.stats().busy);
  assert.equal(records.filter((r) => r.outcome === 'completed').length, 6);
});

test('a failing or changing source ends the transfer with ERROR 0, and sources are closed', async (t) => {
  let closed = 0;
  const failing: TftpSource = {
    size: 200_000,
    read: (offset, length) => (offset > 0 ? Promise.reject(new Error('EIO')) : Promise.resolve(Buffer.alloc(length))),
    close: () => void closed++,
  };
  const shrinking: TftpSource = { size: 200_000, read: (offset, length) => Buffer.alloc(offset > 0 ? length - 1 : length), close: () => void closed++ };
  const { port, recordsAt } = await startServer(t, { resolve: (r) => (r.filename === 'a' ? failing : shrinking) });
  await assert.rejects(tftpGet({ host: '127.0.0.1', port, filename: 'a' }), (e: unknown) => clientError(0)(e) && /read error/.test(String(e)));
  await assert.rejects(tftpGet({ host: '127.0.0.1', port, filename: 'b' }), (e: unknown) => clientError(0)(e) && /changed/.test(String(e)));
  const records = await recordsAt(2);
  assert.ok(records.every((r) => r.outcome === 'failed'), 'all failed');
  assert.equal(closed, 2);
});

test('a source read that never answers ends the transfer after the retry budget', async (t) => {
  let closed = 0;
  const stuck: TftpSource = { size: 100_000, read: () => new Promise<Buffer>(() => undefined), close: () => void closed++ };
  const { port, recordsAt } = await startServer(t, { resolve: () => stuck, initialTimeoutMs: 20, minTimeoutMs: 20, maxTimeoutMs: 50, maxRetries: 2 });
  await assert.rejects(tftpGet({ host: '127.0.0.1', port, filename: 'f', retransmitMs: 2000 }), (e: unknown) => clientError(0)(e) && /read error/.test(String(e)));
  const [record] = await recordsAt(1);
  assert.equal(record.outcome, 'failed');
  assert.match(String(record.error), /read timed out/);
  assert.equal(closed, 1);
});

test('close aborts running transfers, is idempotent, and refuses a second listen', async (t) => {
  const { server, port } = await startServer(t, { resolve: () => files['70000.bin'], initialTimeoutMs: 5000 });
  const peer = new RawPeer(t);
  await peer.bind();
  peer.send(encodeRequest('rrq', 'f', 'octet'), port);
  assert.equal((await peer.next())?.packet.op, 'data');
  await Promise.all([server.close(), server.close()]);
  const bye = await peer.next();
  assert.deepEqual(bye?.packet, { op: 'error', errorCode: 0, message: 'server shutting down' });
  assert.equal(server.address(), null);
  await assert.rejects(server.listen());
});

test('IPv6 and dual-stack: IPv4-mapped clients are reported as IPv4', async (t) => {
  const seen: TftpReadRequest[] = [];
  const { port } = await startServer(t, { host: '::', resolve: (r) => (seen.push(r), files['513.bin']) });
  const v6 = await tftpGet({ host: '::1', port, filename: 'f', blksize: 1428 });
  const v4 = await tftpGet({ host: '127.0.0.1', port, filename: 'f' });
  assert.ok(v6.data!.equals(files['513.bin']) && v4.data!.equals(files['513.bin']), 'both families byte-identical');
  assert.deepEqual(
    seen.map((r) => [r.address, r.family]),
    [
      ['::1', 'IPv6'],
      ['127.0.0.1', 'IPv4'],
    ],
  );
});

test('a throwing onTransfer goes to onError and the server keeps serving', async (t) => {
  const errors: unknown[] = [];
  const { port } = await startServer(t, {
    resolve: () => files['511.bin'],
    onTransfer: () => {
      throw new Error('logger broke');
    },
    onError: (e) => errors.push(e),
  });
  await tftpGet({ host: '127.0.0.1', port, filename: 'f' });
  const again = await tftpGet({ host: '127.0.0.1', port, filename: 'f' });
  assert.ok(again.data!.equals(files['511.bin']), 'still serving');
  await new Promise((r) => setTimeout(r, 50));
  assert.ok(errors.length >= 1 && /logger broke/.test(String(errors[0])), 'onError got the exception');
});

test('bad configuration is rejected up front with a coded error', () => {
  const bad = [{ resolve: 1 }, { resolve: () => Buffer.alloc(0), port: 70000 }, { resolve: () => Buffer.alloc(0), maxBlksize: 4 }, { resolve: () => Buffer.alloc(0), whenBusy: 'queue' }, { resolve: () => Buffer.alloc(0), answerStrangers: 'yes' }, { resolve: () => Buffer.alloc(0), packetCacheBytes: -1 }];
  for (const options of bad) {
    assert.throws(
      () => createTftpServer(options as never),
      (e: unknown) => e instanceof TftpConfigError && e.code === 'DT_ERR_TFTP_INVALID_CONFIG',
    );
  }
});
