import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { encodeAck, encodeData, encodeDataRun, encodeError, encodeOack, encodeRequest, MAX_REQUEST_BYTES, parsePacket, readAckBlock } from './packet.js';

test('RRQ round-trips with options, names lower-cased, order kept', () => {
  const buf = encodeRequest('rrq', 'SEP001122334455.cnf.xml', 'OCTET', [
    ['BLKSIZE', '1428'],
    ['tsize', '0'],
  ]);
  assert.deepEqual(parsePacket(buf), {
    op: 'rrq',
    filename: 'SEP001122334455.cnf.xml',
    mode: 'octet',
    options: [
      ['blksize', '1428'],
      ['tsize', '0'],
    ],
  });
});

test('WRQ is parsed as such', () => {
  assert.equal(parsePacket(encodeRequest('wrq', 'x', 'octet')).op, 'wrq');
});

test('trailing NUL padding after the options is tolerated', () => {
  const buf = Buffer.concat([encodeRequest('rrq', 'f', 'octet', [['blksize', '512']]), Buffer.alloc(6)]);
  const p = parsePacket(buf);
  assert.equal(p.op, 'rrq');
  assert.deepEqual(p.op === 'rrq' && p.options, [['blksize', '512']]);
});

test('malformed requests are invalid, with the opcode kept', () => {
  const cases: Array<[Buffer, RegExp]> = [
    [Buffer.from('\x00\x01file', 'latin1'), /NUL-terminated/],
    [Buffer.from('\x00\x01file\x00', 'latin1'), /filename and mode/],
    [Buffer.from('\x00\x01\x00octet\x00', 'latin1'), /empty filename/],
    [Buffer.from('\x00\x01f\x00\x00', 'latin1'), /empty mode/],
    [Buffer.from('\x00\x01f\x00octet\x00blksize\x00', 'latin1'), /without value/],
    [Buffer.from('\x00\x01f\x00octet\x00\x00\x00blksize\x00512\x00', 'latin1'), /empty option name/],
    [Buffer.concat([Buffer.from([0, 1]), Buffer.alloc(MAX_REQUEST_BYTES, 0x61), Buffer.from([0])]), /larger than 512/],
  ];
  for (const [buf, reason] of cases) {
    const p = parsePacket(buf);
    assert.equal(p.op, 'invalid', buf.toString('latin1'));
    assert.equal(p.op === 'invalid' && p.opcode, 1);
    assert.match(p.op === 'invalid' ? p.reason : '', reason);
  }
});

test('DATA, ACK, ERROR and OACK round-trip', () => {
  const payload = randomBytes(100);
  const data = parsePacket(encodeData(70000, payload));
  assert.equal(data.op, 'data');
  assert.equal(data.op === 'data' && data.block, 70000 & 0xffff);
  assert.ok(data.op === 'data' && data.data.equals(payload), 'DATA payload');
  assert.deepEqual(parsePacket(encodeAck(65535)), { op: 'ack', block: 65535 });
  assert.deepEqual(parsePacket(encodeError(1, 'no such file')), { op: 'error', errorCode: 1, message: 'no such file' });
  assert.deepEqual(parsePacket(encodeOack([['tsize', '42']])), { op: 'oack', options: [['tsize', '42']] });
});

test('ERROR without its terminating NUL still yields the message', () => {
  assert.deepEqual(parsePacket(Buffer.from('\x00\x05\x00\x02nope', 'latin1')), { op: 'error', errorCode: 2, message: 'nope' });
});

test('error messages are cut to fit a 512-byte packet', () => {
  assert.ok(encodeError(0, 'x'.repeat(2000)).length <= 512);
});

test('unknown opcodes and runts are invalid', () => {
  assert.deepEqual(parsePacket(Buffer.from([0, 9, 1, 2])), { op: 'invalid', opcode: 9, reason: 'unknown opcode 9' });
  assert.equal(parsePacket(Buffer.from([0])).op, 'invalid');
  assert.equal(parsePacket(Buffer.alloc(0)).op, 'invalid');
  assert.equal(parsePacket(Buffer.from([0, 4, 0])).op, 'invalid');
  assert.equal(parsePacket(Buffer.from([0, 4, 0, 1, 0])).op, 'invalid');
  assert.equal(parsePacket(Buffer.from([0, 3, 0])).op, 'invalid');
});

test('readAckBlock recognises only well-formed ACKs', () => {
  assert.equal(readAckBlock(encodeAck(513)), 513);
  assert.equal(readAckBlock(Buffer.from([0, 4, 0])), -1);
  assert.equal(readAckBlock(Buffer.from([0, 3, 0, 1])), -1);
  assert.equal(readAckBlock(Buffer.from([1, 4, 0, 1])), -1);
});

test('filenames: UTF-8 when valid, Latin-1 byte for byte otherwise', () => {
  const utf8 = parsePacket(encodeRequest('rrq', 'téléphone.cfg', 'octet'));
  assert.equal(utf8.op === 'rrq' && utf8.filename, 'téléphone.cfg');
  const raw = Buffer.concat([Buffer.from([0, 1, 0x66, 0xe9, 0xff, 0]), Buffer.from('octet\0')]);
  const latin = parsePacket(raw);
  assert.equal(latin.op === 'rrq' && latin.filename, 'f\u00e9\u00ff');
});

test('fuzz: random datagrams never throw and always classify', () => {
  let seed = 12345;
  // mulberry32: a small seeded PRNG, so a failure replays.
  const rand = (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
  const ops = new Set<string>();
  for (let i = 0; i < 20000; i++) {
    const len = rand() % 80;
    const buf = Buffer.alloc(len);
    for (let j = 0; j < len; j++) buf[j] = rand() % 4 === 0 ? 0 : rand() & 0xff;
    if (len >= 2 && i % 2 === 0) buf[0] = 0;
    if (len >= 2 && i % 2 === 0) buf[1] = rand() % 8;
    const p = parsePacket(buf);
    ops.add(p.op);
    assert.ok(['rrq', 'wrq', 'data', 'ack', 'error', 'oack', 'invalid'].includes(p.op));
    if (p.op === 'rrq' || p.op === 'wrq') {
      assert.ok(p.filename.length > 0 && p.mode.length > 0, 'parsed requests have a filename and mode');
      // A parsed request re-encodes to the same filename and mode.
      const again = parsePacket(encodeRequest(p.op, p.filename, p.mode, p.options));
      assert.equal(again.op === p.op && again.filename, p.filename);
    }
  }
  assert.ok(ops.size >= 6, `fuzzing reached ${[...ops].join(',')}`);
});

test('encodeDataRun frames consecutive blocks as separate DATA packets, numbers wrapping at 65536', () => {
  const blocks = [randomBytes(8), randomBytes(8), Buffer.alloc(0)];
  const packets = encodeDataRun(65535, blocks);
  assert.equal(packets.length, 3);
  packets.forEach((p, i) => assert.deepEqual(p, encodeData(65535 + i, blocks[i])));
  assert.deepEqual(encodeDataRun(1, []), []);
});
