/** Cisco's own transforms: lines, keys, time zone, association. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getTimezoneInfo } from '@dialtone/plugin-sdk';
import { ciscoAssociate, ciscoKeys, ciscoLines, ciscoTimezone, gmtOffset } from '../hooks.js';

test('time zone: GMT±hh:mm, DST rule with the last or nth week day (1 = Monday), none', () => {
  assert.deepEqual(ciscoTimezone(getTimezoneInfo('Europe/Paris')), [
    ['Time_Zone', 'GMT+01:00'], ['Daylight_Saving_Time_Enable', 'yes'], ['Daylight_Saving_Time_Rule', 'start=3/-1/7/2:0:0;end=10/-1/7/3:0:0;save=1:0:0'],
  ]);
  assert.deepEqual(ciscoTimezone(getTimezoneInfo('America/Montreal'))[2], ['Daylight_Saving_Time_Rule', 'start=3/8/7/2:0:0;end=11/1/7/2:0:0;save=1:0:0']);
  assert.deepEqual(ciscoTimezone(getTimezoneInfo('Asia/Kolkata')), [['Time_Zone', 'GMT+05:30'], ['Daylight_Saving_Time_Enable', 'no']]);
  assert.equal(gmtOffset(-3.5 * 3600), 'GMT-03:30');
});

test('lines: capped at the model, proxy list with the backup proxy', () => {
  const lines = ciscoLines({ sip_transport: 'tcp', XX_sip_lines: [{ no: 1, proxy_ip: '10.0.0.1', backup_proxy_ip: '10.0.0.2', dtmf_mode: 'SIP-INFO' }, { no: 2, proxy_ip: '10.0.0.1', proxy_port: 5080 }, { no: 3 }] }, { lines: 2 });
  assert.deepEqual(lines.map((l) => [l.XX_proxy, l.XX_transport, l.XX_dtmf]), [['dialtone1:SRV=10.0.0.1:5060:p=0|10.0.0.2:5060:p=1', 'TCP', 'INFO'], ['10.0.0.1:5080', 'TCP', 'Auto']]);
});

test('keys: line keys show their line or a function, sidecar keys after, numeric order', () => {
  const params = ciscoKeys({
    XX_sip_lines: [{ no: 1, number: '1001' }],
    XX_funckeys: [{ no: 10, type: 'blf', value: '1010', label: 'Bob', line: 1 }, { no: 2, type: 'speeddial', value: '1002', line: 1 }, { no: 3, type: 'park', value: '701', line: 1 }, { no: 40, type: 'blf', value: '1040', line: 1 }],
  }, { lines: 4, function_keys: 4, expansion_modules: 2, expansion_keys: 32 });
  assert.deepEqual(params, [
    ['Extension_1_', '1'], ['Short_Name_1_', '1001'], ['Extended_Function_1_', ''],
    ['Extension_2_', 'Disabled'], ['Short_Name_2_', '1002'], ['Extended_Function_2_', 'fnc=sd;ext=1002@$PROXY;nme=1002'],
    ['Extension_3_', 'Disabled'], ['Short_Name_3_', '701'], ['Extended_Function_3_', 'fnc=prk;sub=701@$PROXY;nme=701'],
    ['Extension_4_', 'Disabled'], ['Short_Name_4_', ''], ['Extended_Function_4_', ''],
    ['Unit_1_Key_6_', 'fnc=blf+sd+cp;sub=1010@$PROXY;nme=Bob'],
    ['Unit_2_Key_4_', 'fnc=blf+sd+cp;sub=1040@$PROXY;nme=1040'],
  ]);
});

test('association adjustment', () => {
  assert.equal(ciscoAssociate({ vendor: 'Cisco', model: 'CP-8845' }, 300), 100);
  assert.equal(ciscoAssociate({ vendor: 'Cisco' }, 300), 100, 'an enterprise phone\'s SEP/CTL/ITL request names no model');
  assert.equal(ciscoAssociate({ vendor: 'Cisco', model: 'SPA508G' }, 500), 500);
});
