/** Grandstream's own transforms: accounts and keys as P-values. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accountP, accountPValues, keyPValues } from '../hooks.js';

test('account P-numbers', () => {
  assert.deepEqual(['active', 'server', 'user', 'auth', 'password', 'display', 'label', 'voicemail', 'transport', 'failover'].map((f) => accountP(1, f)), ['P271', 'P47', 'P35', 'P36', 'P34', 'P3', 'P270', 'P33', 'P130', 'P2312']);
  assert.deepEqual(['active', 'server', 'user', 'auth', 'password', 'display', 'label', 'voicemail', 'transport', 'failover'].map((f) => accountP(2, f)), ['P401', 'P402', 'P404', 'P405', 'P406', 'P407', 'P417', 'P426', 'P448', 'P2412']);
  assert.equal(accountP(5, 'active'), 'P1701');
});

test('accounts capped at the model and at 6; keys (XX_funckeys, already in numeric order) within the model', () => {
  const lines = Array.from({ length: 8 }, (_, i) => ({ no: i + 1, username: `u${i + 1}`, proxy_ip: '10.0.0.1' }));
  const values = accountPValues({ sip_transport: 'tls', XX_sip_lines: lines }, { lines: 12 });
  assert.deepEqual(values.filter(([, v]) => v === '1').length, 6, 'six accounts active');
  assert.deepEqual(values.find(([p]) => p === 'P448'), ['P448', '2']);
  assert.equal(accountPValues({ XX_sip_lines: lines }, { lines: 2 }).filter(([p]) => p === 'P501').length, 0);
  const keys = keyPValues({ XX_funckeys: [{ no: 2, type: 'park', value: '701', label: 'P', line: 1 }, { no: 10, type: 'blf', value: '1010', line: 2 }, { no: 99, type: 'blf', value: 'x', line: 1 }] }, { function_keys: 24 });
  assert.deepEqual(keys, [['P23005', '9'], ['P23006', '0'], ['P23007', 'P'], ['P23008', '701'], ['P23045', '1'], ['P23046', '1'], ['P23047', '1010'], ['P23048', '1010']]);
});
