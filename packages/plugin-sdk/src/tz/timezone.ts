/**
 * Time-zone facts for phone configs, from the system zoneinfo (the POSIX footer of TZif files):
 * the reference `tzinform.get_timezone_info` (provd.md §9), with the same shape.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SdkError, SdkErrorCode, TimezoneNotFoundError } from '../errors.js';
import { parsePosixTz, PosixTzSyntaxError, type Transition } from './posix-tz.js';
import { timeValue, type TimeValue } from './time-value.js';
import { readTzifFooter, TzifFormatError } from './tzif.js';

export interface DstTransition {
  readonly month: number;
  /** `W<week>.<isoweekday>` (week 5 = last, 1 = Monday … 7 = Sunday), or `D<day of year>` for J rules. */
  readonly day: string;
  /** Local time of the change. */
  readonly time: TimeValue;
}

export interface TimezoneInfo {
  /** The Olson name asked for, e.g. `Europe/Paris`. */
  readonly name: string;
  /** The POSIX TZ rule, e.g. `CET-1CEST,M3.5.0,M10.5.0/3`. */
  readonly posix: string;
  readonly std_abbr: string;
  /** Standard offset from UTC (east positive). */
  readonly utcoffset: TimeValue;
  readonly dst: null | {
    readonly dst_abbr: string;
    /** DST minus standard offset, usually one hour. */
    readonly save: TimeValue;
    readonly start: DstTransition;
    readonly end: DstTransition;
    /** The rule part of the POSIX string, e.g. `CEST,M3.5.0,M10.5.0/3`. */
    readonly as_string: string;
  };
}

export const DEFAULT_ZONEINFO_DIR = '/usr/share/zoneinfo';
const NAME = /^[A-Za-z0-9_+-]+(?:\/[A-Za-z0-9_+-]+)*$/;
const cache = new Map<string, TimezoneInfo>();

export interface TimezoneOptions {
  /** Where TZif files live (default /usr/share/zoneinfo). */
  readonly zoneinfoDir?: string;
}

/**
 * `getTimezoneInfo('Europe/Paris')` → utcoffset +1h, DST from W5.7 of March 02:00 to W5.7 of
 * October 03:00, save 1h. Throws TimezoneNotFoundError (DT_ERR_TIMEZONE_NOT_FOUND) for an
 * unknown name and DT_ERR_TIMEZONE_INVALID for a zoneinfo file without a usable rule.
 */
export function getTimezoneInfo(name: string, options: TimezoneOptions = {}): TimezoneInfo {
  const dir = options.zoneinfoDir ?? DEFAULT_ZONEINFO_DIR;
  const key = `${dir}\0${name}`;
  const hit = cache.get(key);
  if (hit) return hit;
  if (typeof name !== 'string' || !NAME.test(name) || name.split('/').some((s) => s === '..' || s === '.')) {
    throw new TimezoneNotFoundError(String(name));
  }
  let data: Buffer;
  try {
    data = readFileSync(join(dir, name));
  } catch (err) {
    throw new TimezoneNotFoundError(name, { cause: err });
  }
  let info: TimezoneInfo;
  try {
    info = timezoneInfoFromPosix(name, readTzifFooter(data));
  } catch (err) {
    if (err instanceof TzifFormatError && err.message.includes('bad magic')) throw new TimezoneNotFoundError(name, { cause: err });
    if (err instanceof TzifFormatError || err instanceof PosixTzSyntaxError) {
      throw new SdkError(SdkErrorCode.TIMEZONE_INVALID, `time zone "${name}": ${err.message}`, { timezone: name }, { cause: err });
    }
    throw err;
  }
  cache.set(key, info);
  return info;
}

export function timezoneInfoFromPosix(name: string, posix: string): TimezoneInfo {
  const tz = parsePosixTz(posix);
  const dst = tz.dst && {
    dst_abbr: tz.dst.name,
    save: timeValue(tz.dst.offset - tz.stdOffset),
    start: transition(tz.dst.start),
    end: transition(tz.dst.end),
    as_string: tz.dst.text,
  };
  return Object.freeze({ name, posix, std_abbr: tz.stdName, utcoffset: timeValue(tz.stdOffset), dst: dst ? Object.freeze(dst) : null });
}

const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

function transition(t: Transition): DstTransition {
  const date = t.date;
  if (date.kind === 'month-week-day') {
    const isoWeekday = date.weekday === 0 ? 7 : date.weekday;
    return { month: date.month, day: `W${date.week}.${isoWeekday}`, time: timeValue(t.time) };
  }
  // Day of a non-leap year; a zero-based n counts Feb 29, so it is off by one after February in leap years.
  const dayOfYear = date.kind === 'julian' ? date.day : date.day + 1;
  const month = DAYS_BEFORE_MONTH.findIndex((d) => dayOfYear <= d);
  return { month: month === -1 ? 12 : month, day: `D${dayOfYear}`, time: timeValue(t.time) };
}
