import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeConfig } from './config.js';
import { normalizeDevice } from './device.js';
import { normalizeIp, normalizeMac } from './net.js';
import { validateFlattenedRawConfig } from './raw-config.js';

test('MAC normalization', () => {
  assert.equal(normalizeMac('00:0F:D3:05:48:48'), '00:0f:d3:05:48:48');
  assert.equal(normalizeMac('000fd3054848'), '00:0f:d3:05:48:48');
  assert.equal(normalizeMac('00-0f-d3-05-48-48'), '00:0f:d3:05:48:48');
  assert.equal(normalizeMac('000f.d305.4848'), '00:0f:d3:05:48:48');
  assert.equal(normalizeMac('0:f:d3:5:48:48'), '00:0f:d3:05:48:48');
  for (const bad of ['', '00:0f:d3:05:48', 'zz:0f:d3:05:48:48', '000fd30548481', '00:0f:d3:05:48:48:00']) assert.equal(normalizeMac(bad), null, bad);
});

test('IP normalization', () => {
  assert.equal(normalizeIp('10.0.0.1'), '10.0.0.1');
  assert.equal(normalizeIp('::ffff:10.0.0.1'), '10.0.0.1');
  assert.equal(normalizeIp('FE80::1'), 'fe80::1');
  for (const bad of ['10.0.0', '10.0.0.256', '010.0.0.1', '10.00.0.1', '10.0.0.1.', '.10.0.0.1', '10..0.1', '1.2.3.4.5', '10.0.0.-1', 'host', '']) assert.equal(normalizeIp(bad), null, bad);
  for (const good of ['0.0.0.0', '255.255.255.255', '10.0.0.10', '192.168.100.200']) assert.equal(normalizeIp(good), good);
  assert.equal(normalizeIp(' 10.0.0.1 '), '10.0.0.1');
});

test('device: normalized, computed keys dropped, X_ kept', () => {
  const d = normalizeDevice({ id: 'dev1', mac: '000FD3054848', ip: '10.0.0.1', configured: true, is_new: false, X_note: { a: 1 }, vendor: 'Digium', sn: null });
  assert.deepEqual(d, { id: 'dev1', mac: '00:0f:d3:05:48:48', ip: '10.0.0.1', X_note: { a: 1 }, vendor: 'Digium' });
});

test('device: every bad field is named', () => {
  assert.throws(
    () => normalizeDevice({ mac: 'nope', ip: '300.1.1.1', vendor: 3, colour: 'red', id: 'a/b' }),
    (err: Error & { code?: string; statusCode?: number }) => {
      assert.equal(err.code, 'DT_ERR_INVALID_DOCUMENT');
      assert.equal(err.statusCode, 400);
      for (const field of ['mac:', 'ip:', 'vendor:', 'colour:', 'id:']) assert.ok(err.message.includes(field), `${field} in ${err.message}`);
      return true;
    },
  );
  assert.throws(() => normalizeDevice([]), /device: expected an object/);
});

test('config: parent_ids and raw_config are required', () => {
  assert.throws(() => normalizeConfig({ raw_config: {} }), /parent_ids: required/);
  assert.throws(() => normalizeConfig({ parent_ids: [] }), /raw_config: required/);
  assert.throws(() => normalizeConfig({ parent_ids: 'base', raw_config: {} }), /parent_ids: expected a list/);
  assert.throws(() => normalizeConfig({ parent_ids: ['a', 'a'], raw_config: {} }), /duplicate parent id/);
  assert.throws(() => normalizeConfig({ parent_ids: [], raw_config: {}, deletable: 'no' }), /deletable: expected true or false/);
  const ok = normalizeConfig({ id: 'base', parent_ids: [], raw_config: { ip: '10.0.0.1' }, deletable: false, label: 'kept' });
  assert.equal(ok.label, 'kept');
});

test('raw_config: types and rules per key, named by path', () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ http_port: '80' }, /raw_config\.http_port: expected an integer from 1 to 65535/],
    [{ vlan_id: 5000 }, /raw_config\.vlan_id: expected an integer from 0 to 4094/],
    [{ vlan_priority: 8 }, /raw_config\.vlan_priority/],
    [{ syslog_level: 'loud' }, /raw_config\.syslog_level: expected one of critical/],
    [{ timezone: 'Mars/Olympus' }, /raw_config\.timezone: unknown time zone/],
    [{ locale: 'fr_FRx' }, /raw_config\.locale/],
    [{ protocol: 'IAX' }, /raw_config\.protocol/],
    [{ sip_dtmf_mode: 'loud' }, /raw_config\.sip_dtmf_mode/],
    [{ sip_transport: 'sctp' }, /raw_config\.sip_transport/],
    [{ sip_lines: { one: {} } }, /raw_config\.sip_lines\.one: keys must be digits/],
    [{ sip_lines: { 1: { password: 5 } } }, /raw_config\.sip_lines\.1\.password: expected a string/],
    [{ sip_lines: { 1: { colour: 'x' } } }, /raw_config\.sip_lines\.1\.colour: unknown key/],
    [{ funckeys: { 1: { value: '100' } } }, /raw_config\.funckeys\.1\.type: required/],
    [{ funckeys: { 1: { type: 'blf' } } }, /raw_config\.funckeys\.1\.value: required for a blf key/],
    [{ sccp_call_managers: { 1: { port: 2000 } } }, /raw_config\.sccp_call_managers\.1\.ip: required/],
    [{ colour: 'red' }, /raw_config\.colour: unknown key \(custom keys must start with X_\)/],
    [{ 'bad-key': 1 }, /raw_config\.bad-key: invalid key name/],
    [{ ntp_ip: 'not a host!' }, /raw_config\.ntp_ip: expected an IP address or host name/],
  ];
  for (const [raw, expected] of cases) assert.throws(() => normalizeConfig({ parent_ids: [], raw_config: raw }), expected);
  normalizeConfig({
    parent_ids: [],
    raw_config: {
      ip: '10.0.0.1', http_port: 8667, timezone: 'Europe/Paris', locale: 'fr_FR', ntp_enabled: true, ntp_ip: 'pool.ntp.org',
      sip_lines: { 1: { username: 'u', password: 'p', proxy_ip: '10.0.0.2', X_extra: 1 } },
      funckeys: { 1: { type: 'blf', value: '1001', line: 1 }, 2: { type: 'park' } },
      X_anything: { nested: [1, 2] }, sip_proxy_ip: null,
    },
  });
});

test('flattened raw config: *_enabled needs its address', () => {
  assert.deepEqual(validateFlattenedRawConfig({ ntp_enabled: true, ntp_ip: '10.0.0.1' }), []);
  const problems = validateFlattenedRawConfig({ ntp_enabled: true, dns_enabled: true, vlan_enabled: true, syslog_enabled: false });
  assert.deepEqual(problems.sort(), [
    'raw_config.dns_ip: required when dns_enabled is true',
    'raw_config.ntp_ip: required when ntp_enabled is true',
    'raw_config.vlan_id: required when vlan_enabled is true',
  ]);
});
