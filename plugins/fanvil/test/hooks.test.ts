/** Fanvil's own transforms: lines, DSS keys, time zone. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getTimezoneInfo, loadFamily } from '@dialtone/plugin-sdk';
import { fanvilKeys, fanvilLines, fanvilTimezone, MODEL_VERSIONS } from '../hooks.js';
import { pluginDir } from '../src/index.js';

test('time zone in quarter hours, DST with the last week (-1) and Sunday = 0', () => {
  assert.deepEqual(fanvilTimezone(getTimezoneInfo('Europe/Paris')), {
    zone: '4', name: 'UTC+1', dst: '1', fixed: '0', offset: '60',
    start: { mon: '3', hour: '2', week: '-1', wday: '0' }, end: { mon: '10', hour: '3', week: '-1', wday: '0' },
  });
  assert.deepEqual(fanvilTimezone(getTimezoneInfo('Asia/Kolkata')), { zone: '22', name: 'UTC+5:30', dst: '0' });
  assert.equal((fanvilTimezone(getTimezoneInfo('America/Montreal')).start as Record<string, string>).week, '2');
});

test('lines capped; keys with Fanvil values, titles without punctuation', () => {
  assert.deepEqual(fanvilLines({ sip_transport: 'tls', XX_sip_lines: [{ no: 1 }, { no: 2, dtmf_mode: 'SIP-INFO' }, { no: 3 }] }, { lines: 2 }).map((l) => [l.no, l.XX_transport, l.XX_dtmf]), [[1, '3', '1'], [2, '3', '2']]);
  assert.deepEqual(fanvilKeys({ exten_pickup_call: '*8', XX_funckeys: [{ no: 1, type: 'blf', value: '1001', label: 'Bob & Co.', line: 1 }, { no: 2, type: 'speeddial', value: '1002', line: 2 }, { no: 3, type: 'park', value: '701', line: 1 }, { no: 9, type: 'blf', value: '1009', line: 1 }] }, { function_keys: 6 }), [
    { no: 1, type: '1', value: '1001@1/ba*81001', title: 'Bob  Co' },
    { no: 2, type: '1', value: '1002@2/f', title: '1002' },
    { no: 3, type: '1', value: '701@1/c', title: '701' },
  ]);
});

test('the per-model target versions of the hook are those of family.yml', async () => {
  const family = await loadFamily(pluginDir);
  const fromYml = Object.fromEntries(Object.entries(family.models).filter(([, c]) => typeof c.version === 'string').map(([m, c]) => [m, c.version]));
  assert.deepEqual(MODEL_VERSIONS, fromYml);
});
