import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clientIpOf } from './client-ip.js';

test('X-Forwarded-For with 0 to 3 trusted proxies', () => {
  const xff = '10.0.0.1, 10.0.0.2, 10.0.0.3';
  assert.equal(clientIpOf('127.0.0.1', xff, 0), '127.0.0.1');
  assert.equal(clientIpOf('127.0.0.1', xff, 1), '10.0.0.3');
  assert.equal(clientIpOf('127.0.0.1', xff, 2), '10.0.0.2');
  assert.equal(clientIpOf('127.0.0.1', xff, 3), '10.0.0.1');
  assert.equal(clientIpOf('127.0.0.1', xff, 5), '10.0.0.1', 'fewer entries than proxies: the first');
});

test('missing or unusable header falls back to the peer (never a 500)', () => {
  assert.equal(clientIpOf('::ffff:127.0.0.1', undefined, 1), '127.0.0.1');
  assert.equal(clientIpOf('127.0.0.1', '', 1), '127.0.0.1');
  assert.equal(clientIpOf('127.0.0.1', 'garbage', 1), '127.0.0.1');
  assert.equal(clientIpOf('127.0.0.1', ['10.0.0.1', '10.0.0.9'], 1), '10.0.0.9');
  assert.equal(clientIpOf('127.0.0.1', ' 10.0.0.7 ', 2), '10.0.0.7', 'one entry, trimmed, whatever the proxy count');
  assert.equal(clientIpOf('127.0.0.1', '   ', 1), '127.0.0.1');
});
