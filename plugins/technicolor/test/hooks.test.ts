/** Technicolor transforms: time-zone menu numbers, feature keys, the configuration serial. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getTimezoneInfo } from '@dialtone/plugin-sdk';
import { configSerial, technicolorKeys, technicolorZone } from '../hooks.js';

test('zone numbers: same offset and DST family first, then a neighbour', async () => {
  assert.equal(technicolorZone(await getTimezoneInfo('Europe/Paris')), 22);
  assert.equal(technicolorZone(await getTimezoneInfo('Europe/London')), 21);
  assert.equal(technicolorZone(await getTimezoneInfo('America/New_York')), 11);
  assert.equal(technicolorZone(await getTimezoneInfo('America/Regina')), 8);
  assert.equal(technicolorZone(await getTimezoneInfo('Australia/Sydney')), 56);
  assert.equal(technicolorZone(await getTimezoneInfo('Asia/Kolkata')), 41);
  assert.equal(technicolorZone(await getTimezoneInfo('Pacific/Chatham')), null, '+12:45: no zone within an hour of the menu');
});

test('feature keys: every key of the model, speed dial L, BLF S, others empty', () => {
  const raw = { XX_funckeys: [{ no: 2, line: 1, type: 'blf', value: '12' }, { no: 3, line: 1, type: 'park', value: '700' }, { no: 9, line: 1, type: 'speeddial', value: '9' }] };
  assert.deepEqual(technicolorKeys(raw, 3), ['FeatureKeyExt01=L/<sip:>', 'FeatureKeyExt02=S/<sip:12>', 'FeatureKeyExt03=L/<sip:>']);
});

test('the configuration serial: 12 digits, stable, changes with the content', () => {
  assert.match(configSerial(['a']), /^\d{12}$/);
  assert.equal(configSerial(['a', 1]), configSerial(['a', 1]));
  assert.notEqual(configSerial(['a', 1]), configSerial(['a', 2]));
});
