/** Yealink's own transforms: accounts, key layout, time zone. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getTimezoneInfo } from '@dialtone/plugin-sdk';
import { formatOffset, keyPrefix, yealinkAccounts, yealinkKeys, yealinkTimezone } from '../hooks.js';

test('time zones: offsets with minutes, DST by week (ISO week days), none', () => {
  assert.deepEqual(yealinkTimezone(getTimezoneInfo('Europe/Paris')), [
    ['local_time.time_zone', '+1'], ['local_time.summer_time', '1'], ['local_time.dst_time_type', '1'],
    ['local_time.start_time', '3/5/7/2'], ['local_time.end_time', '10/5/7/3'], ['local_time.offset_time', '60'],
  ]);
  assert.deepEqual(yealinkTimezone(getTimezoneInfo('America/Montreal')).slice(3, 5), [['local_time.start_time', '3/2/7/2'], ['local_time.end_time', '11/1/7/2']]);
  assert.deepEqual(yealinkTimezone(getTimezoneInfo('Asia/Kolkata')), [['local_time.time_zone', '+5:30'], ['local_time.summer_time', '0']]);
  assert.deepEqual(yealinkTimezone(getTimezoneInfo('America/St_Johns')).slice(0, 1), [['local_time.time_zone', '-3:30']]);
  assert.equal(formatOffset(0), '0');
  assert.equal(formatOffset(-5 * 3600), '-5');
});

test('accounts are capped at the model, with Yealink codes', () => {
  const raw = { sip_transport: 'tls', XX_sip_lines: [{ no: 1, dtmf_mode: 'SIP-INFO', srtp_mode: 'required' }, { no: 2 }, { no: 3 }] };
  const accounts = yealinkAccounts(raw, { lines: 2 });
  assert.deepEqual(accounts.map((a) => [a.no, a.XX_transport, a.XX_dtmf, a.XX_srtp]), [[1, '2', '2', '2'], [2, '2', undefined, '0']]);
  assert.equal(yealinkAccounts(raw, {}).length, 3, 'unknown model: every line');
});

test('keys: line keys, then expansion modules, numeric order, free keys take their line or are cleared', () => {
  const caps = { lines: 2, function_keys: 3, expansion_modules: 2, expansion_keys: 2 };
  assert.deepEqual([1, 3, 4, 5, 6, 7, 8].map((n) => keyPrefix(n, caps)), ['linekey.1', 'linekey.3', 'expansion_module.1.key.1', 'expansion_module.1.key.2', 'expansion_module.2.key.1', 'expansion_module.2.key.2', null]);
  const keys = yealinkKeys({
    exten_pickup_call: '*8',
    XX_sip_lines: [{ no: 1, number: '1001' }, { no: 2, number: '1002' }],
    XX_funckeys: [{ no: 2, type: 'blf', value: '1010', label: 'Bob', line: 1 }, { no: 4, type: 'park', value: '701', line: 2 }, { no: 10, type: 'speeddial', value: '1' , line: 1 }, { no: 5, type: 'unknown', value: 'x', line: 1 }],
  }, caps);
  assert.deepEqual(keys, [
    { prefix: 'linekey.1', type: '15', line: 1, value: '', label: '1001' },
    { prefix: 'linekey.2', type: '16', line: 1, value: '1010', label: 'Bob', extension: '*8' },
    { prefix: 'linekey.3', type: '0', line: 1, value: '', label: '' },
    { prefix: 'expansion_module.1.key.1', type: '10', line: 2, value: '701', label: '701' },
  ]);
});
