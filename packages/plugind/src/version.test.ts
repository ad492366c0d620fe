import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { compareVersions, isValidVersion, lessThan } from './version.js';

test('the reference less_than table', () => {
  assert.equal(lessThan(null, '0.0.1'), true);
  assert.equal(lessThan('', '0.0.1'), true);
  assert.equal(lessThan('0.0.1', null), false);
  assert.equal(lessThan('1.0.0', '1.0.0-1'), true);
  assert.equal(lessThan('1.0.0-2', '1.0.0-10'), true);
  assert.equal(lessThan('17.09', '17.10'), true);
  assert.equal(lessThan('17.10', '17.9'), false);
  assert.equal(lessThan('0.0.2', '0.0.10'), true);
  assert.equal(compareVersions('1.2', '1.2'), 0);
});

test('agrees with dpkg --compare-versions', () => {
  const pairs = [
    ['1.0~rc1', '1.0'], ['1:0.1', '2.0'], ['1.0a', '1.0'], ['1.0+b1', '1.0'], ['2.10', '2.9'],
    ['0.10', '0.1'], ['1.0-1', '1.0-1.1'], ['1.0.0', '1.0'], ['25.01', '24.17'], ['1.0~~', '1.0~'],
  ] as const;
  for (const [a, b] of pairs) {
    const ours = Math.sign(compareVersions(a, b));
    let dpkg = 0;
    for (const [op, val] of [['lt', -1], ['gt', 1]] as const) {
      try {
        execFileSync('dpkg', ['--compare-versions', a, op, b]);
        dpkg = val;
      } catch {
        // not this relation
      }
    }
    assert.equal(ours, dpkg, `${a} vs ${b}`);
  }
});

test('valid Debian versions', () => {
  assert.ok(isValidVersion('0.0.1'));
  assert.ok(isValidVersion('1:2.0-3'));
  assert.ok(!isValidVersion('v1.0'));
  assert.ok(!isValidVersion('1.0 beta'));
  assert.ok(!isValidVersion(''));
});
