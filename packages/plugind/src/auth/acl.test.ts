import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aclAllows } from './acl.js';

test('exact ACLs', () => {
  assert.ok(aclAllows(['plugind.plugins.read'], 'plugind.plugins.read'));
  assert.ok(!aclAllows(['plugind.plugins.read'], 'plugind.plugins.create'));
  assert.ok(!aclAllows(['plugind.plugins.read'], 'plugind.plugins.readx'));
  assert.ok(!aclAllows([], 'plugind.status.read'));
});

test('* is exactly one segment', () => {
  assert.ok(aclAllows(['plugind.plugins.*.*.read'], 'plugind.plugins.demo.hello.read'));
  assert.ok(!aclAllows(['plugind.plugins.*.read'], 'plugind.plugins.demo.hello.read'));
  assert.ok(!aclAllows(['plugind.*'], 'plugind'));
});

test('# is any number of segments', () => {
  assert.ok(aclAllows(['plugind.#'], 'plugind.plugins.demo.hello.delete'));
  assert.ok(aclAllows(['plugind.#'], 'plugind.status.read'));
  assert.ok(aclAllows(['plugind.plugins.#.read'], 'plugind.plugins.demo.hello.read'));
  assert.ok(aclAllows(['plugind.plugins.#.read'], 'plugind.plugins.read'));
  assert.ok(!aclAllows(['plugind.plugins.#.read'], 'plugind.plugins.demo.hello.delete'));
  assert.ok(aclAllows(['#'], 'anything.at.all'));
  assert.ok(!aclAllows(['confd.#'], 'plugind.status.read'));
});

test('regex characters in ACLs are literal', () => {
  assert.ok(!aclAllows(['plugind.plugins.de+mo.read'], 'plugind.plugins.deemo.read'));
});

test('a negated ACL wins', () => {
  const acls = ['plugind.#', '!plugind.plugins.*.*.delete'];
  assert.ok(aclAllows(acls, 'plugind.plugins.read'));
  assert.ok(!aclAllows(acls, 'plugind.plugins.demo.hello.delete'));
});

test('# first', () => {
  assert.ok(aclAllows(['#.read'], 'plugind.status.read'));
  assert.ok(aclAllows(['#.read'], 'read'));
  assert.ok(!aclAllows(['#.read'], 'plugind.status.readx'));
});
