/** Jitsi transforms: Java properties escaping, the query UUID, accounts. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jitsiAccounts, propertyValue, queryUuid } from '../hooks.js';

test('property values: backslash, controls, non-ASCII (UTF-16 units), a leading space', () => {
  assert.equal(propertyValue('a\\b'), 'a\\\\b');
  assert.equal(propertyValue('l1\nl2\t'), 'l1\\nl2\\t');
  assert.equal(propertyValue('Éva 😀'), '\\u00c9va \\ud83d\\ude00');
  assert.equal(propertyValue(' x'), '\\ x');
  assert.equal(propertyValue('a=b:c#!'), 'a=b:c#!');
  assert.equal(propertyValue(undefined), '');
});

test('query UUID: only a well-formed one, lower-cased', () => {
  assert.equal(queryUuid('uuid=7F523550-03CF-4DAC-A858-CB8AFDB34775&x=1'), '7f523550-03cf-4dac-a858-cb8afdb34775');
  assert.equal(queryUuid('uuid=7f523550'), null);
  assert.equal(queryUuid(''), null);
  assert.equal(queryUuid(undefined), null);
});

test('accounts: lines without a user or a proxy, or beyond the limit, are skipped', () => {
  const raw = { sip_transport: 'tcp', XX_sip_lines: [
    { no: 1, username: 'a', password: 'pw', proxy_ip: '10.0.0.1' },
    { no: 2, username: '', proxy_ip: '10.0.0.1' },
    { no: 3, username: 'c' },
    { no: 5, username: 'e', proxy_ip: '10.0.0.1' },
  ] };
  const accounts = jitsiAccounts(raw, 4);
  assert.deepEqual(accounts.map((a) => a.id), ['acc1']);
  const props = Object.fromEntries(accounts[0].props);
  assert.equal(props.ENCRYPTED_PASSWORD, Buffer.from('pw').toString('base64'));
  assert.equal(props.PREFERRED_TRANSPORT, 'TCP');
  assert.equal(props.SERVER_PORT, '5060');
});
