/**
 * Time-zone formats vendors ask for, computed from a TimezoneInfo (system tz database): UTC
 * offsets as text, DST transitions as parts (month, week, weekday, "last", hour…), and the
 * common whole-rule strings (POSIX TZ, Cisco SPA `Daylight_Saving_Time_Rule`, Snom-style
 * `offset mm.ww.d hh:mm:ss` pairs). The reference had seven hand-written formatters; families
 * pick one of these or build theirs from `dstParts`.
 */
import type { DstTransition, TimezoneInfo } from '../tz/timezone.js';
import type { TimeValue } from '../tz/time-value.js';

const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

export interface DstParts {
  readonly month: number;
  /** 1…4, or 5 for "last"; null for a fixed-date (J) rule. */
  readonly week: number | null;
  readonly last: boolean;
  /** ISO weekday: 1 = Monday … 7 = Sunday; null for a fixed date. */
  readonly isoWeekday: number | null;
  /** Sunday-first weekday: 1 = Sunday … 7 = Saturday (Polycom, many web UIs); null for a fixed date. */
  readonly sundayFirstWeekday: number | null;
  /** The first day of the month the rule can fall on: (week-1)*7+1, or the fixed date. 22 for "last" (a lower bound only). */
  readonly dayOnOrAfter: number;
  /** The fixed day of month of a J rule, else null. */
  readonly dayOfMonth: number | null;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** The parts of one DST transition (`W5.7` of March at 02:00 → month 3, week 5, last, Sunday, 2:00). */
export function dstParts(t: DstTransition): DstParts {
  const [h, m, s] = t.time.as_hms;
  const week = /^W(\d)\.(\d)$/.exec(t.day);
  if (week) {
    const w = Number(week[1]);
    const iso = Number(week[2]);
    return { month: t.month, week: w, last: w === 5, isoWeekday: iso, sundayFirstWeekday: (iso % 7) + 1, dayOnOrAfter: w === 5 ? 22 : (w - 1) * 7 + 1, dayOfMonth: null, hour: h, minute: m, second: s };
  }
  const dayOfYear = Number(t.day.slice(1));
  const dayOfMonth = dayOfYear - DAYS_BEFORE_MONTH[t.month - 1];
  return { month: t.month, week: null, last: false, isoWeekday: null, sundayFirstWeekday: null, dayOnOrAfter: dayOfMonth, dayOfMonth, hour: h, minute: m, second: s };
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** `+01:00`, `-03:30`, `+0530` (`separator: ''`), or whole hours `+1` (`style: 'hours'`, only when the offset is whole hours). */
export function formatUtcOffset(offset: TimeValue, options: { separator?: string; style?: 'hm' | 'hours' } = {}): string {
  const sign = offset.as_seconds < 0 ? '-' : '+';
  const abs = Math.abs(offset.as_seconds);
  const hours = Math.floor(abs / 3600);
  const minutes = Math.floor((abs % 3600) / 60);
  if (options.style === 'hours' && minutes === 0) return `${sign}${hours}`;
  return `${sign}${pad(hours)}${options.separator ?? ':'}${pad(minutes)}`;
}

/**
 * Cisco SPA / 3PCC `Daylight_Saving_Time_Rule`: `start=3/-1/7/2;end=10/-1/7/3;save=1`
 * (month/day/weekday/hour; with a weekday, day is "on or after", -1 the last; weekday 1 = Monday
 * … 7 = Sunday, 0 for a fixed date). Empty string without DST.
 */
export function ciscoSpaDstRule(info: TimezoneInfo): string {
  if (!info.dst) return '';
  const part = (t: DstTransition) => {
    const p = dstParts(t);
    const time = p.minute === 0 ? `${p.hour}` : `${p.hour}:${pad(p.minute)}`;
    return p.week === null ? `${p.month}/${p.dayOfMonth}/0/${time}` : `${p.month}/${p.last ? -1 : p.dayOnOrAfter}/${p.isoWeekday}/${time}`;
  };
  const save = info.dst.save;
  const saveText = save.as_seconds % 3600 === 0 ? `${save.as_hours}` : `${save.as_hms[0]}:${pad(save.as_hms[1])}`;
  return `start=${part(info.dst.start)};end=${part(info.dst.end)};save=${saveText}`;
}

/**
 * `3600 03.05.7 02:00:00 10.05.7 03:00:00`: the DST save in seconds, then start and end as
 * month.week.isoWeekday and local time (Snom-style). Fixed-date rules use month.day (`03.15`).
 * Empty string without DST.
 */
export function weekRuleDstString(info: TimezoneInfo): string {
  if (!info.dst) return '';
  const part = (t: DstTransition) => {
    const p = dstParts(t);
    const when = p.week === null ? `${pad(p.month)}.${pad(p.dayOfMonth!)}` : `${pad(p.month)}.${pad(p.week)}.${p.isoWeekday}`;
    return `${when} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
  };
  return `${info.dst.save.as_seconds} ${part(info.dst.start)} ${part(info.dst.end)}`;
}

/** The POSIX TZ rule the system tz database holds (`CET-1CEST,M3.5.0,M10.5.0/3`), for phones that take one. */
export function posixTzString(info: TimezoneInfo): string {
  return info.posix;
}
