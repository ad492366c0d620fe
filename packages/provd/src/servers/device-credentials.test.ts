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

test('credentials: Digest (RFC 7616, MD5, qop=auth) with a nonce provd checks without remembering it', async () => {
  const { createHash } = await import('node:crypto');
  const md5 = (s: string) => createHash('md5').update(s).digest('hex');
  const creds = new DeviceCredentials('s1');
  const { username, password } = creds.of('dev-a');
  const now = 1_800_000_000_000;
  const challenge = creds.challenges(now)[0];
  const nonce = /nonce="([^"]+)"/.exec(challenge)![1];
  assert.match(challenge, /^Digest realm="provd", qop="auth"/);
  const answer = (opts: { user?: string; pass?: string; uri?: string; nonce?: string; method?: string }) => {
    const uri = opts.uri ?? '/test/a.cfg';
    const n = opts.nonce ?? nonce;
    const ha1 = md5(`${opts.user ?? username}:provd:${opts.pass ?? password}`);
    const response = md5(`${ha1}:${n}:00000001:abc:auth:${md5(`${opts.method ?? 'GET'}:${uri}`)}`);
    return `Digest username="${opts.user ?? username}", realm="provd", nonce="${n}", uri="${uri}", qop=auth, nc=00000001, cnonce="abc", response="${response}", algorithm=MD5`;
  };
  assert.equal(creds.check(answer({}), 'dev-a', 'GET', '/test/a.cfg', now + 1000), 'valid');
  assert.equal(creds.check(answer({}), 'dev-b', 'GET', '/test/a.cfg', now + 1000), 'invalid', 'another device');
  assert.equal(creds.check(answer({ pass: 'x' }), 'dev-a', 'GET', '/test/a.cfg', now + 1000), 'invalid');
  assert.equal(creds.check(answer({ uri: '/test/b.cfg' }), 'dev-a', 'GET', '/test/a.cfg', now + 1000), 'invalid', 'the URI signed is the one asked for');
  assert.equal(creds.check(answer({}), 'dev-a', 'GET', '/test/a.cfg', now + 10 * 60_000), 'invalid', 'an expired nonce');
  assert.equal(creds.check(answer({ nonce: `${now.toString(36)}.forged0000000000000000` }), 'dev-a', 'GET', '/test/a.cfg', now + 1000), 'invalid', 'a nonce provd did not issue');
  assert.equal(new DeviceCredentials('s2').check(answer({}), 'dev-a', 'GET', '/test/a.cfg', now + 1000), 'invalid', 'a nonce of another installation');
});
