/** Snom's own transforms: identities, keys, time zone. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getTimezoneInfo } from '@dialtone/plugin-sdk';
import { snomIdentities, snomKeys, snomTimezone } from '../hooks.js';

test('time zone: utc_offset and dst (week 5 = last, 7 = Sunday)', () => {
  assert.deepEqual(snomTimezone(getTimezoneInfo('Europe/Paris')), { utc_offset: '3600', dst: '3600 03.05.07 02:00:00 10.05.07 03:00:00' });
  assert.deepEqual(snomTimezone(getTimezoneInfo('America/Montreal')), { utc_offset: '-18000', dst: '3600 03.02.07 02:00:00 11.01.07 02:00:00' });
  assert.deepEqual(snomTimezone(getTimezoneInfo('Asia/Kolkata')), { utc_offset: '19800' });
});

test('identities and keys', () => {
  const raw = { sip_transport: 'tls', exten_pickup_call: '*8', XX_sip_lines: [{ no: 1, proxy_ip: '10.0.0.1', dtmf_mode: 'SIP-INFO' }, { no: 2, proxy_ip: '10.0.0.9' }, { no: 3 }],
    XX_funckeys: [{ no: 1, type: 'blf', value: '1001', line: 2 }, { no: 3, type: 'speeddial', value: '1003', label: 'C', line: 1 }, { no: 4, type: 'park', value: '701', line: 1 }, { no: 9, type: 'blf', value: '1009', line: 1 }] };
  assert.deepEqual(snomIdentities(raw, { lines: 2 }).map((l) => [l.XX_host, l.XX_dtmf_info]), [['10.0.0.1:5060;transport=tls', 'sip_info_only'], ['10.0.0.9:5060;transport=tls', 'off']]);
  assert.deepEqual(snomKeys(raw, { function_keys: 4 }), [
    { idx: 0, context: '2', label: '1001', value: 'blf <sip:1001@10.0.0.9>|*8' },
    { idx: 2, context: '1', label: 'C', value: 'speed 1003' },
    { idx: 3, context: '1', label: '701', value: 'orbit <sip:701@10.0.0.1>' },
  ]);
});
