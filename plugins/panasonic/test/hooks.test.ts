/** Panasonic's own transforms: lines, buttons, time zone. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getTimezoneInfo } from '@dialtone/plugin-sdk';
import { panasonicButtons, panasonicLines, panasonicTimezone } from '../hooks.js';

test('time zone in minutes; DST as month / ordinal (5 = last) / weekday (0 = Sunday) / minutes', () => {
  assert.deepEqual(panasonicTimezone(getTimezoneInfo('Europe/Paris')), { offset: 60, dst_offset: 60, start: { month: 3, ordinal: 5, weekday: 0, minutes: 120 }, end: { month: 10, ordinal: 5, weekday: 0, minutes: 180 } });
  assert.deepEqual(panasonicTimezone(getTimezoneInfo('America/St_Johns')).start, { month: 3, ordinal: 2, weekday: 0, minutes: 120 });
  assert.deepEqual(panasonicTimezone(getTimezoneInfo('Asia/Kolkata')), { offset: 330 });
});

test('lines capped, per-line DTMF over the global; buttons within the model, by type', () => {
  const lines = panasonicLines({ sip_transport: 'tcp', sip_dtmf_mode: 'SIP-INFO', XX_sip_lines: [{ no: 1 }, { no: 2, dtmf_mode: 'RTP-in-band' }, { no: 3 }] }, { lines: 2 });
  assert.deepEqual(lines.map((l) => [l.no, l.XX_transport, l.XX_dtmf]), [[1, '1', '2'], [2, '1', '1']]);
  const buttons = panasonicButtons({ XX_funckeys: [{ no: 1, type: 'blf', value: '9', line: 1 }, { no: 2, type: 'bogus', value: '8', line: 1 }, { no: 3, type: 'speeddial', value: '', line: 1 }, { no: 25, type: 'blf', value: '7', line: 1 }] }, { function_keys: 24 });
  assert.deepEqual(buttons, [{ no: 1, facility: 'X_PANASONIC_IPTEL_BLF', arg: '9', label: '9', line: 1 }]);
  assert.deepEqual(panasonicButtons({ XX_funckeys: [{ no: 1, type: 'blf', value: '9', line: 1 }] }, {}), [], 'no buttons without function_keys');
});
