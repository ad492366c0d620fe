/** Aastra's own transforms: lines, keys, time zone. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getTimezoneInfo } from '@dialtone/plugin-sdk';
import { aastraKeys, aastraLines, aastraTimezone } from '../hooks.js';

test('custom time zone: minutes west of UTC, DST by last/nth week day (1 = Sunday)', () => {
  assert.deepEqual(Object.fromEntries(aastraTimezone(getTimezoneInfo('Europe/Paris'))), {
    'time zone name': 'Custom', 'time zone minutes': '-60', 'dst config': '3', 'dst minutes': '60',
    'dst start month': '3', 'dst start hour': '2', 'dst start week': '-1', 'dst start day': '1',
    'dst end month': '10', 'dst end hour': '3', 'dst end week': '-1', 'dst end day': '1',
  });
  assert.deepEqual(aastraTimezone(getTimezoneInfo('Asia/Kolkata')), [['time zone name', 'Custom'], ['time zone minutes', '-330'], ['dst config', '0']]);
});

test('lines capped; keys on the phone then on expansion modules', () => {
  assert.deepEqual(aastraLines({ sip_transport: 'tls', XX_sip_lines: [{ no: 1 }, { no: 2 }] }, { lines: 1 }).map((l) => [l.no, l.XX_transport]), [[1, '4']]);
  const keys = aastraKeys({ XX_funckeys: [{ no: 2, type: 'blf', value: '1002', line: 1 }, { no: 5, type: 'park', value: '701', line: 2 }, { no: 40, type: 'speeddial', value: '9', line: 1 }] }, { function_keys: 3, expansion_modules: 1 });
  assert.deepEqual(keys, [
    ['prgkey2 type', 'blf'], ['prgkey2 label', '1002'], ['prgkey2 value', '1002'], ['prgkey2 line', '1'],
    ['expmod1 key2 type', 'park'], ['expmod1 key2 label', '701'], ['expmod1 key2 value', '701'], ['expmod1 key2 line', '2'],
  ]);
});
