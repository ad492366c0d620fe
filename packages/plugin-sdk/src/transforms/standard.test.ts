import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getTimezoneInfo } from '../tz/timezone.js';
import { timeValue } from '../tz/time-value.js';
import { ciscoSpaDstRule, dstParts, formatUtcOffset, posixTzString, weekRuleDstString } from './dst-formats.js';
import { funckeyPages } from './funckey-pages.js';
import { funckeyList } from './funckeys.js';
import { countryName, languageName } from './locale-names.js';
import { lineDtmfMode, lineSrtpMode, mapSipSettings, mapSipValue, sipPort, sipTransport } from './sip-maps.js';

test('DST parts and vendor formats from the system tz database', () => {
  const paris = getTimezoneInfo('Europe/Paris');
  assert.deepEqual(dstParts(paris.dst!.start), { month: 3, week: 5, last: true, isoWeekday: 7, sundayFirstWeekday: 1, dayOnOrAfter: 22, dayOfMonth: null, hour: 2, minute: 0, second: 0 });
  assert.equal(ciscoSpaDstRule(paris), 'start=3/-1/7/2;end=10/-1/7/3;save=1');
  assert.equal(weekRuleDstString(paris), '3600 03.05.7 02:00:00 10.05.7 03:00:00');
  assert.equal(posixTzString(paris), 'CET-1CEST,M3.5.0,M10.5.0/3');
  const montreal = getTimezoneInfo('America/Montreal');
  assert.equal(ciscoSpaDstRule(montreal), 'start=3/8/7/2;end=11/1/7/2;save=1', 'second Sunday of March = on or after the 8th');
  assert.equal(formatUtcOffset(montreal.utcoffset), '-05:00');
  assert.equal(formatUtcOffset(montreal.utcoffset, { style: 'hours' }), '-5');
  const regina = getTimezoneInfo('America/Regina');
  assert.equal(ciscoSpaDstRule(regina), '', 'no DST');
  assert.equal(weekRuleDstString(regina), '');
  assert.equal(formatUtcOffset(getTimezoneInfo('Asia/Kolkata').utcoffset, { separator: '' }), '+0530');
  assert.equal(formatUtcOffset(getTimezoneInfo('Asia/Kolkata').utcoffset, { style: 'hours' }), '+05:30', 'not whole hours: hh:mm');
  assert.equal(formatUtcOffset(timeValue(-12600)), '-03:30');
  // a fixed-date (J) rule: day 80 = March 21
  const fixed = dstParts({ month: 3, day: 'D80', time: timeValue(7200) });
  assert.deepEqual([fixed.dayOfMonth, fixed.week, fixed.isoWeekday], [21, null, null]);
});

test('DTMF, SRTP and transport mappings, per line with the globals as defaults', () => {
  const raw = { sip_dtmf_mode: 'RTP-out-of-band', sip_srtp_mode: 'preferred', sip_transport: 'TLS', sip_lines: { '1': {}, '2': { dtmf_mode: 'SIP-INFO', srtp_mode: 'required' }, '3': { dtmf_mode: 'bogus' } } };
  assert.equal(lineDtmfMode(raw, raw.sip_lines['1']), 'RTP-out-of-band');
  assert.equal(lineDtmfMode(raw, raw.sip_lines['3']), undefined, 'unknown values are not passed through');
  assert.equal(lineSrtpMode({}, {}), 'disabled');
  assert.equal(sipTransport(raw), 'tls');
  assert.equal(sipTransport({ sip_transport: 'sctp' }), 'udp');
  assert.deepEqual([sipPort('tls'), sipPort('udp'), sipPort('tcp', '5070'), sipPort('udp', 'x')], [5061, 5060, 5070, 5060]);
  assert.equal(mapSipValue('toString', { udp: 1 }), undefined, 'no prototype keys');
  const mapped = mapSipSettings(raw, { dtmf: { 'RTP-in-band': 0, 'RTP-out-of-band': 1, 'SIP-INFO': 2 }, srtp: { disabled: 0, preferred: 1, required: 2 }, transport: { udp: 0, tcp: 1, tls: 2 } });
  assert.deepEqual(mapped, { transport: 2, lines: { '1': { dtmf: 1, srtp: 1 }, '2': { dtmf: 2, srtp: 2 }, '3': { dtmf: undefined, srtp: 1 } } });
});

test('language and country names from ICU', () => {
  assert.equal(languageName('fr_FR'), 'French');
  assert.equal(languageName('de'), 'German');
  assert.equal(countryName('fr_CA'), 'Canada');
  assert.equal(countryName('fr'), undefined);
  assert.equal(languageName('French'), undefined, 'not a locale');
  assert.equal(languageName(42), undefined);
});

test('function keys in numeric order, on pages', () => {
  const keys = funckeyList({ funckeys: { '10': { type: 'blf', value: '10' }, '2': { type: 'speeddial', value: '2' }, '13': { type: 'park', value: '700' } } });
  assert.deepEqual(keys.map((k) => k.no), [2, 10, 13], 'numeric, not "10" < "2"');
  const pages = funckeyPages(keys, 6);
  assert.deepEqual(pages.map((p) => [p.page, p.keys.map((k) => [k.no, k.position])]), [[1, [[2, 2]]], [2, [[10, 4]]], [3, [[13, 1]]]]);
  assert.throws(() => funckeyPages(keys, 0), RangeError);
});
