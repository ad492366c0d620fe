import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSdkError } from './errors.js';
import { checkFileName, isValidFileName } from './file-name.js';

test('checkFileName accepts relative served paths', () => {
  for (const name of ['Digium/000fd3054848.cfg', 'a.cfg', 'x/y/z-contacts.xml', '...cfg', 'a..b']) assert.equal(checkFileName(name), name);
});

test('checkFileName rejects escapes and odd names', () => {
  for (const name of ['', '/etc/passwd', '../x', 'a/../b', 'a/./b', './a', 'a//b', 'a/', 'a\\b', 'C:x', 'a\0b', 'x'.repeat(1025)]) {
    assert.equal(isValidFileName(name), false, name);
    assert.throws(() => checkFileName(name), (err) => isSdkError(err, 'DT_ERR_INVALID_FILE_NAME'), name);
  }
});
