/** Polycom's own transforms: registrations, resource list, time zone. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getTimezoneInfo } from '@dialtone/plugin-sdk';
import { polycomRegs, polycomResources, polycomTimezone, polycomWeekday } from '../hooks.js';

test('time zone: GMT offset in seconds, last or nth week day (Polycom: 1 = Sunday), none', () => {
  assert.deepEqual(Object.fromEntries(polycomTimezone(getTimezoneInfo('Europe/Paris'))), {
    'tcpIpApp.sntp.gmtOffset': '3600', 'tcpIpApp.sntp.daylightSavings.enable': '1', 'tcpIpApp.sntp.daylightSavings.fixedDayEnable': '0',
    'tcpIpApp.sntp.daylightSavings.start.month': '3', 'tcpIpApp.sntp.daylightSavings.start.time': '2', 'tcpIpApp.sntp.daylightSavings.start.dayOfWeek': '1', 'tcpIpApp.sntp.daylightSavings.start.dayOfWeek.lastInMonth': '1',
    'tcpIpApp.sntp.daylightSavings.stop.month': '10', 'tcpIpApp.sntp.daylightSavings.stop.time': '3', 'tcpIpApp.sntp.daylightSavings.stop.dayOfWeek': '1', 'tcpIpApp.sntp.daylightSavings.stop.dayOfWeek.lastInMonth': '1',
  });
  const montreal = Object.fromEntries(polycomTimezone(getTimezoneInfo('America/Montreal')));
  assert.equal(montreal['tcpIpApp.sntp.gmtOffset'], '-18000');
  assert.equal(montreal['tcpIpApp.sntp.daylightSavings.start.date'], '8', 'second Sunday: on or after the 8th');
  assert.equal(montreal['tcpIpApp.sntp.daylightSavings.start.dayOfWeek.lastInMonth'], '0');
  assert.deepEqual(polycomTimezone(getTimezoneInfo('Asia/Kolkata')), [['tcpIpApp.sntp.gmtOffset', '19800'], ['tcpIpApp.sntp.daylightSavings.enable', '0']]);
  assert.deepEqual([1, 6, 7].map(polycomWeekday), [2, 7, 1]);
});

test('registrations capped at the model; resources in numeric order, within the keys', () => {
  const lines = [{ no: 1 }, { no: 2 }, { no: 3 }];
  assert.deepEqual(polycomRegs({ XX_sip_lines: lines }, { lines: 2 }).map((l) => l.no), [1, 2]);
  assert.equal(polycomRegs({ XX_sip_lines: lines }, {}).length, 3);
  const raw = { XX_funckeys: [{ no: 2, type: 'blf', value: '1002', line: 1 }, { no: 3, type: 'park', value: '701', label: 'Park', line: 1 }, { no: 4, type: 'unknown', value: 'x', line: 1 }, { no: 10, type: 'speeddial', value: '1010', line: 1 }] };
  assert.deepEqual(polycomResources(raw, { function_keys: 4 }), [
    { index: 1, address: '1002', label: '1002', type: 'normal' },
    { index: 2, address: '701', label: 'Park', type: 'automata' },
    { index: 3, address: '1010', label: '1010', type: 'normal' },
  ]);
  assert.equal(polycomResources(raw, { function_keys: 2 }).length, 2);
});
