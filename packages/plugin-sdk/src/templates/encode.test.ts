import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSdkError } from '../errors.js';
import { encodeText, resolveEncoding } from './encode.js';

test('utf-8, latin-1 and ascii like Python str.encode', () => {
  assert.deepEqual(encodeText('Éva €'), Buffer.from('Éva €', 'utf8'));
  assert.deepEqual(encodeText('Éva', 'latin1'), Buffer.from([0xc9, 0x76, 0x61]));
  assert.deepEqual(encodeText('Éva €😀!', 'latin-1', 'replace'), Buffer.from([0xc9, 0x76, 0x61, 0x20, 0x3f, 0x3f, 0x21]));
  assert.deepEqual(encodeText('Éva €😀!', 'ascii', 'ignore'), Buffer.from('va !'));
  assert.throws(() => encodeText('a€', 'ascii'), (err) => isSdkError(err, 'DT_ERR_ENCODING') && /U\+20AC at 1/.test(err.message));
  assert.throws(() => resolveEncoding('utf-16'), (err) => isSdkError(err, 'DT_ERR_ENCODING'));
  assert.equal(resolveEncoding('UTF8'), 'utf-8');
});
