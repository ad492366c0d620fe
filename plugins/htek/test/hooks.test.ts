/** Htek's own transforms: account and key P-values, time-zone codes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getTimezoneInfo } from '@dialtone/plugin-sdk';
import { htekAccounts, htekKeys, htekTimezoneCode, keyP } from '../hooks.js';

test('key P-numbers: keys 1-4, 5-36 and 37+ have their own ranges', () => {
  assert.deepEqual([keyP(1, 0), keyP(4, 2), keyP(5, 0), keyP(36, 4), keyP(37, 0), keyP(38, 1)], [41200, 41403, 20200, 20359, 23000, 23006]);
});

test('accounts: the model caps them, auth defaults to the user name, P-numbers per account', () => {
  const raw = { XX_sip_lines: [{ no: 1, username: 'a', password: 'x' }, { no: 5, username: 'e', auth_username: 'E' }, { no: 7, username: 'g' }] };
  const out = htekAccounts(raw, { lines: 6 });
  assert.deepEqual(out.filter((v) => v.para.endsWith('SipUserId')).map((v) => [v.p, v.value]), [[35, 'a'], [1704, 'e']]);
  assert.deepEqual(out.filter((v) => v.para.endsWith('AuthenticateID')).map((v) => v.value), ['a', 'E']);
  assert.equal(htekAccounts(raw, { lines: 2 }).filter((v) => v.para.endsWith('Active')).length, 1);
});

test('keys: lines first, then function keys by type, within the model; unknown types skipped', () => {
  const raw = { XX_sip_lines: [{ no: 1, number: '100' }], XX_funckeys: [{ no: 1, type: 'blf', value: '9', line: 1 }, { no: 2, type: 'blf', value: '7', line: 1 }, { no: 3, type: 'bogus', value: '8', line: 1 }, { no: 13, type: 'speeddial', value: '6', line: 1 }] };
  const types = htekKeys(raw, { function_keys: 12, lines: 4 }).filter((v) => v.para.endsWith('_Type')).map((v) => [v.para, v.value]);
  assert.deepEqual(types, [['LineKey1_Type', '1'], ['LineKey2_Type', '3']]);
});

test('time-zone codes by standard offset; an offset the menu lacks gives none', () => {
  assert.equal(htekTimezoneCode(getTimezoneInfo('Europe/Paris')), 49);
  assert.equal(htekTimezoneCode(getTimezoneInfo('America/St_Johns')), 26);
  assert.equal(htekTimezoneCode(getTimezoneInfo('Asia/Kolkata')), 84);
  assert.equal(htekTimezoneCode(getTimezoneInfo('Asia/Kathmandu')), undefined);
});
