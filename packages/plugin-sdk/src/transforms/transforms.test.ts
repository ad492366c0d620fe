import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RawConfig } from '../device.js';
import { funckeyList } from './funckeys.js';
import { localeInfo, mapLocale } from './locale.js';
import { phonebookUrl, phonedUserServiceUrl } from './phonebook.js';
import { applyRawConfigDefaults } from './raw-defaults.js';
import { serverUrl, withoutScheme } from './server-url.js';
import { applySipLineDefaults, firstSipLine, sipLineList } from './sip-lines.js';

test('applyRawConfigDefaults: the configure-time defaults of provd', () => {
  const raw: RawConfig = { sip_proxy_ip: '10.0.0.2', sip_lines: { '1': { proxy_ip: '10.0.0.3', username: 'alice' }, '2': { username: 'bob', auth_username: 'b0b', registrar_ip: 'r' } } };
  applyRawConfigDefaults(raw);
  assert.equal(raw.syslog_port, 514);
  assert.equal(raw.syslog_level, 'warning');
  assert.equal(raw.sip_registrar_ip, '10.0.0.2');
  assert.equal(raw.sip_srtp_mode, 'disabled');
  assert.equal(raw.sip_transport, 'udp');
  assert.deepEqual(raw.sip_lines, { '1': { proxy_ip: '10.0.0.3', registrar_ip: '10.0.0.3', username: 'alice', auth_username: 'alice' }, '2': { username: 'bob', auth_username: 'b0b', registrar_ip: 'r' } });
  assert.deepEqual([raw.sccp_call_managers, raw.funckeys], [{}, {}]);
  const kept = applyRawConfigDefaults({ syslog_level: 'debug', sip_transport: 'tls' });
  assert.deepEqual([kept.syslog_level, kept.sip_transport, kept.sip_lines], ['debug', 'tls', {}]);
});

test('SIP line defaults from the globals, lines in numeric order', () => {
  const raw: RawConfig = {
    sip_proxy_ip: '10.0.0.2', sip_proxy_port: 5060, sip_backup_proxy_ip: '10.0.0.9', sip_dtmf_mode: 'RTP-out-of-band', sip_srtp_mode: 'preferred', exten_voicemail: '*98',
    sip_lines: { '10': { username: 'ten' }, '2': { username: 'two', proxy_ip: '10.0.0.7', dtmf_mode: 'SIP-INFO' }, x: { username: 'skip' } },
  };
  applySipLineDefaults(raw);
  assert.deepEqual(raw.sip_lines?.['2'], {
    username: 'two', proxy_ip: '10.0.0.7', dtmf_mode: 'SIP-INFO', proxy_port: 5060, backup_proxy_ip: '10.0.0.9', srtp_mode: 'preferred', voicemail: '*98', registrar_ip: '10.0.0.7', auth_username: 'two',
  });
  assert.equal(raw.sip_lines?.['10'].registrar_ip, '10.0.0.2');
  assert.deepEqual(sipLineList(raw).map((l) => [l.no, l.username]), [[2, 'two'], [10, 'ten']]);
  assert.equal(firstSipLine(raw)?.username, 'two');
  assert.equal(firstSipLine({}), undefined);
});

test('funckeyList sorts numerically and defaults line to 1', () => {
  const list = funckeyList({ funckeys: { '10': { type: 'blf', value: '1010' }, '3': { type: 'speeddial', value: '1003', label: 'Bob', line: '2' }, '4': { type: 'park', line: 'x' } } });
  assert.deepEqual(list, [
    { type: 'speeddial', value: '1003', label: 'Bob', line: 2, no: 3 },
    { type: 'park', line: 1, no: 4 },
    { type: 'blf', value: '1010', line: 1, no: 10 },
  ]);
  assert.deepEqual(funckeyList({}), []);
});

test('locale helpers', () => {
  assert.deepEqual(localeInfo('fr_FR'), { locale: 'fr_FR', language: 'fr', country: 'FR' });
  assert.deepEqual(localeInfo('de'), { locale: 'de', language: 'de' });
  assert.equal(localeInfo('French'), null);
  assert.equal(localeInfo(undefined), null);
  const table = { fr_CA: 'qc', fr: 'french', en: 'english' };
  assert.equal(mapLocale('fr_CA', table), 'qc');
  assert.equal(mapLocale('fr_FR', table), 'french');
  assert.equal(mapLocale('it_IT', table, 'english'), 'english');
  assert.equal(mapLocale(undefined, table), undefined);
});

test('serverUrl prefers http_base_url', () => {
  assert.equal(serverUrl({ http_base_url: 'https://prov.example/x/', ip: '1.2.3.4', http_port: 8667 }), 'https://prov.example/x');
  assert.equal(serverUrl({ ip: '1.2.3.4', http_port: 8667 }), 'http://1.2.3.4:8667');
  assert.equal(serverUrl({ ip: '1.2.3.4' }), 'http://1.2.3.4');
  assert.equal(serverUrl({}), null);
  assert.equal(withoutScheme('https://prov.example:443/x'), 'prov.example:443/x');
});

test('phonebook and phoned URLs as the reference builds them', () => {
  const raw: RawConfig = { X_xivo_phonebook_ip: '10.0.0.1', X_xivo_user_uuid: 'u-1' };
  assert.equal(phonebookUrl(raw, 'digium'), 'http://10.0.0.1:9498/0.1/directories/input/default/digium?xivo_user_uuid=u-1');
  assert.equal(
    phonebookUrl({ ...raw, X_xivo_phonebook_scheme: 'https', X_xivo_phonebook_port: 443 }, 'yealink', { entryPoint: 'lookup', qsPrefix: 'term=#SEARCH', qsSuffix: 'x=1' }),
    'https://10.0.0.1:443/0.1/directories/lookup/default/yealink?term=#SEARCH&xivo_user_uuid=u-1&x=1',
  );
  assert.equal(phonebookUrl({ X_xivo_phonebook_ip: '10.0.0.1' }, 'digium'), null);
  assert.equal(phonebookUrl({ X_xivo_user_uuid: 'u' }, 'digium'), null);
  assert.equal(phonedUserServiceUrl(raw, 'yealink', 'dnd', 'enable'), 'http://10.0.0.1:9498/0.1/yealink/users/u-1/services/dnd/enable');
  assert.equal(phonedUserServiceUrl({}, 'yealink', 'dnd', 'disable'), null);
});
