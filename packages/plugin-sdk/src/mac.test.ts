import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSdkError } from './errors.js';
import { formatMac, isMac, normalizeMac, tryNormalizeMac } from './mac.js';

test('normalizeMac accepts the forms phones and dhcpd use', () => {
  for (const input of ['00:0F:D3:05:48:48', '00-0f-d3-05-48-48', '000fd3054848', '000F.D305.4848', '0:f:d3:5:48:48', ' 00:0f:d3:05:48:48 ']) {
    assert.equal(normalizeMac(input), '00:0f:d3:05:48:48', input);
  }
});

test('normalizeMac rejects what is not a MAC with DT_ERR_INVALID_MAC', () => {
  for (const input of ['', '000fd305484', '000fd30548488', '00:0f:d3:05:48', '00:0f-d3:05:48:48', 'gg0fd3054848', '00:0f:d3:05:48:481']) {
    assert.equal(tryNormalizeMac(input), null, input);
    assert.throws(() => normalizeMac(input), (err) => isSdkError(err, 'DT_ERR_INVALID_MAC'), input);
  }
  assert.equal(isMac(42), false);
  assert.equal(isMac('00:0f:d3:05:48:48'), true);
});

test('formatMac renders vendor forms', () => {
  assert.equal(formatMac('00:0F:D3:05:48:48', { separator: '' }), '000fd3054848');
  assert.equal(formatMac('000fd3054848', { separator: '', uppercase: true }), '000FD3054848');
  assert.equal(formatMac('000fd3054848', { separator: '-' }), '00-0f-d3-05-48-48');
  assert.equal(formatMac('000fd3054848'), '00:0f:d3:05:48:48');
});
