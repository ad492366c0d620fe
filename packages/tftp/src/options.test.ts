import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TftpError, TftpErrorCode } from './errors.js';
import { maxBlksizeFor, negotiate, readRequestedOptions } from './options.js';

const limits = { maxBlksize: 1468, maxWindowsize: 64, maxWindowBytes: 1024 * 1024 };

function refused(options: Array<[string, string]>, message: RegExp): void {
  assert.throws(
    () => readRequestedOptions(options),
    (err: unknown) => err instanceof TftpError && err.tftpCode === TftpErrorCode.OptionRefused && err.code === 'DT_ERR_TFTP_OPTION_REFUSED' && message.test(err.message),
  );
}

test('known options are read, unknown ones ignored', () => {
  assert.deepEqual(
    readRequestedOptions([
      ['blksize', '1428'],
      ['tsize', '0'],
      ['timeout', '3'],
      ['windowsize', '16'],
      ['multicast', ''],
      ['utimeout', 'abc'],
    ]),
    { blksize: 1428, tsize: 0, timeout: 3, windowsize: 16 },
  );
});

test('blksize above the RFC maximum is capped, not refused', () => {
  assert.equal(readRequestedOptions([['blksize', '99999']]).blksize, 65464);
});

test('absurd values are refused with ERROR 8', () => {
  refused([['blksize', '7']], /below 8/);
  refused([['blksize', '0']], /below 8/);
  refused([['blksize', '-1']], /decimal/);
  refused([['blksize', '1e3']], /decimal/);
  refused([['blksize', '99999999999']], /decimal/);
  refused([['tsize', 'x']], /decimal/);
  refused([['timeout', '0']], /1-255/);
  refused([['timeout', '256']], /1-255/);
  refused([['windowsize', '0']], /1-65535/);
  refused([['windowsize', '65536']], /1-65535/);
  refused(
    [
      ['blksize', '512'],
      ['blksize', '1024'],
    ],
    /twice/,
  );
});

test('negotiation caps blksize to the path and windowsize to the byte budget', () => {
  const sent: Array<[string, string]> = [
    ['windowsize', '1000'],
    ['blksize', '65464'],
    ['tsize', '0'],
    ['timeout', '2'],
  ];
  const n = negotiate(sent, readRequestedOptions(sent), { ...limits, maxWindowBytes: 10 * 1468 }, 5000);
  assert.equal(n.blksize, 1468);
  assert.equal(n.windowsize, 10);
  assert.equal(n.timeoutMs, 2000);
  assert.deepEqual(n.oack, [
    ['windowsize', '10'],
    ['blksize', '1468'],
    ['tsize', '5000'],
    ['timeout', '2'],
  ]);
});

test('no options: RFC 1350 defaults and no OACK', () => {
  const n = negotiate([], {}, limits, 100);
  assert.deepEqual(n, { blksize: 512, windowsize: 1, timeoutMs: undefined, oack: [] });
});

test('tsize is left out when the size is unknown (netascii) or zero (curl refuses "tsize 0")', () => {
  const sent: Array<[string, string]> = [['tsize', '0']];
  assert.deepEqual(negotiate(sent, { tsize: 0 }, limits, undefined).oack, []);
  assert.deepEqual(negotiate(sent, { tsize: 0 }, limits, 0).oack, []);
  assert.deepEqual(negotiate(sent, { tsize: 0 }, limits, 1).oack, [['tsize', '1']]);
});

test('loopback peers may use the largest blocks; others get an unfragmented frame', () => {
  assert.equal(maxBlksizeFor('127.0.0.1', 'IPv4'), 65464);
  assert.equal(maxBlksizeFor('::1', 'IPv6'), 65464);
  assert.equal(maxBlksizeFor('::ffff:127.0.0.1', 'IPv6'), 65464);
  assert.equal(maxBlksizeFor('192.0.2.7', 'IPv4'), 1468);
  assert.equal(maxBlksizeFor('2001:db8::7', 'IPv6'), 1448);
});
