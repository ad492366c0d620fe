import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isSdkError, TimezoneNotFoundError } from '../errors.js';
import { parsePosixTz, PosixTzSyntaxError } from './posix-tz.js';
import { timeValue } from './time-value.js';
import { getTimezoneInfo, timezoneInfoFromPosix } from './timezone.js';
import { readTzifFooter } from './tzif.js';

test('Europe/Paris from the system zoneinfo', () => {
  const tz = getTimezoneInfo('Europe/Paris');
  assert.equal(tz.posix, 'CET-1CEST,M3.5.0,M10.5.0/3');
  assert.equal(tz.utcoffset.as_hours, 1);
  assert.equal(tz.std_abbr, 'CET');
  assert.ok(tz.dst);
  assert.equal(tz.dst.dst_abbr, 'CEST');
  assert.equal(tz.dst.save.as_seconds, 3600);
  assert.deepEqual({ ...tz.dst.start, time: tz.dst.start.time.as_hms }, { month: 3, day: 'W5.7', time: [2, 0, 0] });
  assert.deepEqual({ ...tz.dst.end, time: tz.dst.end.time.as_hms }, { month: 10, day: 'W5.7', time: [3, 0, 0] });
  assert.equal(tz.dst.as_string, 'CEST,M3.5.0,M10.5.0/3');
  assert.equal(getTimezoneInfo('Europe/Paris'), tz, 'cached');
});

test('the zones the reference tests use', () => {
  const montreal = getTimezoneInfo('America/Montreal');
  assert.equal(montreal.utcoffset.as_hours, -5);
  assert.equal(montreal.dst?.start.day, 'W2.7');
  assert.equal(montreal.dst?.start.month, 3);
  assert.equal(montreal.dst?.end.day, 'W1.7');
  assert.equal(montreal.dst?.end.month, 11);
  const regina = getTimezoneInfo('America/Regina');
  assert.equal(regina.utcoffset.as_seconds, -6 * 3600);
  assert.equal(regina.dst, null);
  const bucharest = getTimezoneInfo('Europe/Bucharest');
  assert.equal(bucharest.utcoffset.as_hours, 2);
  assert.deepEqual(bucharest.dst?.start.time.as_hms, [3, 0, 0]);
  assert.deepEqual(bucharest.dst?.end.time.as_hms, [4, 0, 0]);
});

test('half-hour offsets, odd saves, negative and extended rule times', () => {
  assert.deepEqual(getTimezoneInfo('Asia/Kolkata').utcoffset.as_hms, [5, 30, 0]);
  assert.equal(getTimezoneInfo('Asia/Kolkata').utcoffset.as_minutes, 330);
  const stJohns = getTimezoneInfo('America/St_Johns');
  assert.equal(stJohns.utcoffset.as_seconds, -(3 * 3600 + 1800));
  assert.deepEqual(stJohns.utcoffset.as_hms, [-3, -30, 0]);
  assert.equal(stJohns.utcoffset.as_hours, -4, 'floored like Python //');
  const lordHowe = timezoneInfoFromPosix('Australia/Lord_Howe', '<+1030>-10:30<+11>-11,M10.1.0,M4.1.0');
  assert.equal(lordHowe.std_abbr, '+1030');
  assert.equal(lordHowe.dst?.save.as_seconds, 1800);
  assert.equal(lordHowe.dst?.as_string, '<+11>-11,M10.1.0,M4.1.0');
  const nuuk = timezoneInfoFromPosix('America/Nuuk', '<-02>2<-01>,M3.5.0/-1,M10.5.0/0');
  assert.equal(nuuk.utcoffset.as_hours, -2);
  assert.equal(nuuk.dst?.start.time.as_seconds, -3600);
  assert.equal(nuuk.dst?.save.as_seconds, 3600, 'DST offset defaults to one hour ahead');
  const jerusalem = timezoneInfoFromPosix('Asia/Jerusalem', 'IST-2IDT,M3.4.4/26,M10.5.0');
  assert.deepEqual(jerusalem.dst?.start, { month: 3, day: 'W4.4', time: timeValue(26 * 3600) });
  const julian = timezoneInfoFromPosix('X', 'AAA3BBB,J60/1:30,J305');
  assert.deepEqual([julian.dst?.start.month, julian.dst?.start.day, julian.dst?.end.month, julian.dst?.end.day], [3, 'D60', 11, 'D305']);
  assert.equal(julian.dst?.start.time.as_seconds, 5400);
});

test('parsePosixTz rejects malformed strings', () => {
  for (const bad of ['', 'CE-1', 'CET', 'CET-1CEST', 'CET-1CEST,M3.5.0', 'CET-1CEST,M13.5.0,M10.5.0', 'CET-1CEST,M3.6.0,M10.5.0', '<+01-1', 'CET-1CEST,M3.5.0,M10.5.0x', 'CET-25']) {
    assert.throws(() => parsePosixTz(bad), PosixTzSyntaxError, bad);
  }
});

test('unknown and unsafe names raise TimezoneNotFoundError', () => {
  for (const name of ['Mars/Olympus', '../../etc/passwd', '/etc/localtime', 'Europe/../UTC', '', 'Europe/Paris\0']) {
    assert.throws(() => getTimezoneInfo(name), (err) => err instanceof TimezoneNotFoundError && isSdkError(err, 'DT_ERR_TIMEZONE_NOT_FOUND'), name);
  }
});

test('a zoneinfo dir of our own: footer parsing and bad files', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'tz-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'Test'));
  await writeFile(join(dir, 'Test', 'Zone'), tzif('ABC-3DEF,M4.1.0,M9.5.0'));
  await writeFile(join(dir, 'Test', 'V1'), Buffer.concat([Buffer.from('TZif\0'), Buffer.alloc(39)]));
  await writeFile(join(dir, 'Test', 'Text'), 'not a tzif file at all, really not one');
  const tz = getTimezoneInfo('Test/Zone', { zoneinfoDir: dir });
  assert.equal(tz.utcoffset.as_hours, 3);
  assert.equal(tz.dst?.start.day, 'W1.7');
  assert.throws(() => getTimezoneInfo('Test/V1', { zoneinfoDir: dir }), (err) => isSdkError(err, 'DT_ERR_TIMEZONE_INVALID'));
  assert.throws(() => getTimezoneInfo('Test/Text', { zoneinfoDir: dir }), TimezoneNotFoundError);
  assert.equal(readTzifFooter(tzif('UTC0')), 'UTC0');
});

/** A minimal TZif v2 file: empty v1 and v2 blocks with one time type, then the footer. */
function tzif(footer: string): Buffer {
  const header = () => {
    const h = Buffer.alloc(44);
    h.write('TZif2', 0, 'latin1');
    h.writeUInt32BE(1, 20 + 4 * 4); // typecnt
    h.writeUInt32BE(4, 20 + 5 * 4); // charcnt
    return h;
  };
  const block = Buffer.concat([Buffer.alloc(6), Buffer.from('UTC\0', 'latin1')]);
  return Buffer.concat([header(), block, header(), block, Buffer.from(`\n${footer}\n`, 'latin1')]);
}
