import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isConfgendError } from './errors.js';
import { checkFileName, isFileKey, parseFileKey, parseFilePath } from './names.js';

test('file keys and paths: resource then file name, nothing that escapes a folder', () => {
  assert.deepEqual(parseFileKey('asterisk.sip.conf'), { resource: 'asterisk', filename: 'sip.conf' });
  assert.deepEqual(parseFilePath('provd/network.yml'), { resource: 'provd', filename: 'network.yml' });
  assert.equal(isFileKey('asterisk'), false);
  assert.equal(isFileKey('.x.conf'), false);
  for (const [r, f] of [['..', 'x'], ['asterisk', '..'], ['asterisk', '.hidden'], ['asterisk', 'a/b'], ['asterisk', 'a\\b'], ['a b', 'x'], ['asterisk', 'x\n'], ['', 'x'], ['asterisk', 'a..b']]) {
    assert.throws(() => checkFileName(r, f), (e) => isConfgendError(e, 'DT_ERR_CONFGEND_BAD_NAME'), `${r}/${f}`);
  }
  assert.throws(() => parseFilePath('nofile'), (e) => isConfgendError(e, 'DT_ERR_CONFGEND_BAD_NAME'));
});
