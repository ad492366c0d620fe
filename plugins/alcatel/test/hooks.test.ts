/** ALE's own transforms: lines, programmable keys, UTC offset. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getTimezoneInfo } from '@dialtone/plugin-sdk';
import { aleKeys, aleLines, aleUtcOffset } from '../hooks.js';

test('UTC offset as +h:mm (the reference wrote -3:-30 for Newfoundland)', () => {
  assert.equal(aleUtcOffset(getTimezoneInfo('Europe/Paris')), '+1:00');
  assert.equal(aleUtcOffset(getTimezoneInfo('America/St_Johns')), '-3:30');
  assert.equal(aleUtcOffset(getTimezoneInfo('Asia/Kathmandu')), '+5:45');
  assert.equal(aleUtcOffset(getTimezoneInfo('UTC')), '+0:00');
});

test('lines capped with DTMF codes; keys at number + 1 within the model, by type', () => {
  assert.deepEqual(aleLines({ sip_dtmf_mode: 'SIP-INFO', XX_sip_lines: [{ no: 1 }, { no: 2, dtmf_mode: 'RTP-in-band' }, { no: 3 }] }, { lines: 2 }).map((l) => [l.no, l.XX_dtmf]), [[1, '4'], [2, '1']]);
  const keys = aleKeys({ XX_funckeys: [{ no: 1, type: 'blf', value: '9', line: 2 }, { no: 2, type: 'bogus', value: '8', line: 1 }, { no: 19, type: 'speeddial', value: '7', line: 1 }, { no: 20, type: 'speeddial', value: '6', line: 1 }] }, { function_keys: 20 });
  assert.deepEqual(keys, [{ position: 2, type: '59', account: 2, label: '9', value: '9' }, { position: 20, type: '1', account: 1, label: '7', value: '7' }]);
});
