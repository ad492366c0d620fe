import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeviceCredentials, supportsCredentials } from './device-credentials.js';

const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

test('credentials: per device, stable for one secret, different under another; Basic checked exactly', () => {
  const creds = new DeviceCredentials('s1');
  const a = creds.of('dev-a');
  assert.deepEqual(creds.of('dev-a'), a);
  assert.notEqual(creds.of('dev-b').password, a.password);
  assert.notEqual(creds.of('dev-b').username, a.username);
  assert.notEqual(new DeviceCredentials('s2').of('dev-a').password, a.password);
  assert.match(a.username, /^dt[\w-]{14}$/);
  assert.equal(a.password.length, 24);
  assert.equal(creds.check(undefined, 'dev-a'), 'none');
  assert.equal(creds.check(basic(a.username, a.password), 'dev-a'), 'valid');
  assert.equal(creds.check(basic(a.username, a.password), 'dev-b'), 'invalid', 'another device\'s credentials');
  assert.equal(creds.check(basic(a.username, `${a.password}x`), 'dev-a'), 'invalid');
  assert.equal(creds.check('Bearer xyz', 'dev-a'), 'invalid');
  assert.equal(supportsCredentials({ version: '1', provisioning_credentials: true }), true);
  assert.equal(supportsCredentials({ version: '1' }), false);
});
