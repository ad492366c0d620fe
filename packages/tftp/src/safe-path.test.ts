import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TftpError, TftpErrorCode } from './errors.js';
import { toRelativePath } from './safe-path.js';

test('plain and nested names pass; leading slashes and dots are dropped', () => {
  assert.equal(toRelativePath('SEP0011.cnf.xml'), 'SEP0011.cnf.xml');
  assert.equal(toRelativePath('/Digium/0011.cfg'), 'Digium/0011.cfg');
  assert.equal(toRelativePath('//a/./b//c'), 'a/b/c');
  assert.equal(toRelativePath('..hidden'), '..hidden');
});

test('escapes are refused with access violation', () => {
  for (const name of ['..', '../x', 'a/../../x', '/../etc/passwd', 'a\\..\\b', 'C:\\boot.ini', 'a\nb', 'a\u0000b', 'a\u007fb']) {
    assert.throws(
      () => toRelativePath(name),
      (e: unknown) => e instanceof TftpError && e.tftpCode === TftpErrorCode.AccessViolation,
      JSON.stringify(name),
    );
  }
});

test('an empty path is not found', () => {
  for (const name of ['/', '.', '/./']) {
    assert.throws(
      () => toRelativePath(name),
      (e: unknown) => e instanceof TftpError && e.tftpCode === TftpErrorCode.FileNotFound,
    );
  }
});
