import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeDhcpOption, decodeDhcpOptions } from './dhcp-options.js';

test('reference option encoding: code then dotted hex bytes', () => {
  assert.deepEqual(decodeDhcpOption('06041.61.73'), [60, 'Aas']);
  assert.deepEqual(decodeDhcpOption('012'), [12, '']);
  const vc = Buffer.from('digium_D70_1_4_0_0_57389').toString('hex').match(/../g)!.join('.');
  assert.deepEqual(decodeDhcpOptions([`060${vc}`, '0120a.0b']), { 60: 'digium_D70_1_4_0_0_57389', 12: '\n\u000b' });
});

test('bad encodings are 400s naming the option', () => {
  for (const bad of ['60', '06', 'abc41', '060zz', '06041..61', '99941']) {
    assert.throws(() => decodeDhcpOption(bad), (err: Error & { statusCode?: number }) => err.statusCode === 400 && err.message.includes(JSON.stringify(bad)), bad);
  }
  assert.throws(() => decodeDhcpOptions('06041'), /expected a list/);
  assert.throws(() => decodeDhcpOptions([60]), /every option must be a string/);
});
