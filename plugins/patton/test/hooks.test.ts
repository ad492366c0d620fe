/** SmartNode transforms: FXS ports and servers, the clock's DST rule. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getTimezoneInfo, type NumberedSipLine } from '@dialtone/plugin-sdk';
import { smartNodeDstChange, smartNodeLines, smartNodeTimezone } from '../hooks.js';

const line = (no: number, o: Partial<NumberedSipLine>): NumberedSipLine => ({ no, ...o }) as NumberedSipLine;

test('lines become FXS ports from 0, capped at the model; each proxy is one server', () => {
  const raw = {
    XX_sip_lines: [
      line(1, { username: 'a', password: 'x', proxy_ip: '10.0.0.1', backup_proxy_ip: '10.0.0.2' }),
      line(2, { username: 'b', auth_username: 'b-auth', proxy_ip: '10.0.0.1', proxy_port: 5060 }),
      line(3, { username: 'c', proxy_ip: '10.0.0.1', proxy_port: 5080 }),
      line(4, { username: '', proxy_ip: '10.0.0.9' }),
      line(5, { username: 'e', proxy_ip: '10.0.0.1' }),
    ],
  };
  const { ports, servers } = smartNodeLines(raw, { lines: 4 });
  assert.deepEqual(ports.map((p) => [p.port, p.username, p.auth_username, p.servers]), [[0, 'a', 'a', [1, 2]], [1, 'b', 'b-auth', [1]], [2, 'c', 'c', [3]]]);
  assert.deepEqual(servers, [{ id: 1, host: '10.0.0.1', port: '5060' }, { id: 2, host: '10.0.0.2', port: '5060' }, { id: 3, host: '10.0.0.1', port: '5080' }]);
});

test('time zones: offsets, week-day and fixed-date DST changes', async () => {
  assert.deepEqual(smartNodeTimezone(await getTimezoneInfo('Europe/Paris')), { offset: '+01:00', dst: { offset: '+02:00', start: '02:00 mar last sunday', end: '03:00 oct last sunday' } });
  assert.deepEqual(smartNodeTimezone(await getTimezoneInfo('America/Regina')), { offset: '-06:00', dst: null });
  assert.deepEqual(smartNodeTimezone(await getTimezoneInfo('Asia/Kolkata')), { offset: '+05:30', dst: null });
  assert.equal(smartNodeTimezone(await getTimezoneInfo('America/New_York')).dst?.start, '02:00 mar second sunday');
  assert.equal(smartNodeDstChange({ month: 3, day: 'D81', time: { as_hms: [0, 0, 0] } }), '00:00 mar 22nd');
  assert.equal(smartNodeDstChange({ month: 9, day: 'D265', time: { as_hms: [23, 30, 0] } }), '23:30 sep 22nd');
});
