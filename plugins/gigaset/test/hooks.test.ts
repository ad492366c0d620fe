/** Gigaset's own transforms: support per model, hexadecimal values, time-zone codes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getTimezoneInfo, loadFamily } from '@dialtone/plugin-sdk';
import { CONFIGURED, gigasetTimezoneCode, ipv4Hex } from '../hooks.js';
import { pluginDir } from '../src/index.js';

test('IPv4 in hexadecimal with every octet on two digits (the reference wrote 0xa2a135)', () => {
  assert.equal(ipv4Hex('10.42.1.53'), '0x0a2a0135');
  assert.equal(ipv4Hex('192.168.0.1'), '0xc0a80001');
  assert.equal(ipv4Hex('10.42.1'), null);
  assert.equal(ipv4Hex('10.42.1.256'), null);
  assert.equal(ipv4Hex(undefined), null);
});

test('time-zone codes by standard offset; an offset the base lacks gives none', () => {
  assert.equal(gigasetTimezoneCode(getTimezoneInfo('Europe/Paris')), 0x1b);
  assert.equal(gigasetTimezoneCode(getTimezoneInfo('Asia/Kathmandu')), 0x31);
  assert.equal(gigasetTimezoneCode(getTimezoneInfo('America/St_Johns')), undefined);
});

test("the configured models are family.yml's, and their firmware is in its EXACT versions", async () => {
  const family = await loadFamily(pluginDir);
  assert.deepEqual(Object.keys(CONFIGURED), Object.keys(family.models));
  for (const { version } of Object.values(CONFIGURED)) assert.ok(family.association.versions.includes(version), version);
});
