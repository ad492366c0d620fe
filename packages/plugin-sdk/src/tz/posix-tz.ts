/**
 * Parser of POSIX TZ strings as found in the footer of TZif files, e.g.
 * `CET-1CEST,M3.5.0,M10.5.0/3` or `<-03>3`. Extended hours (-167…167) in rule times are accepted.
 */

export type TransitionDate =
  /** Mm.w.d: day d (0 = Sunday) of week w (5 = last) of month m. */
  | { readonly kind: 'month-week-day'; readonly month: number; readonly week: number; readonly weekday: number }
  /** Jn: day n (1…365) of the year, February 29 never counted. */
  | { readonly kind: 'julian'; readonly day: number }
  /** n: day n (0…365) of the year, February 29 counted. */
  | { readonly kind: 'zero-based'; readonly day: number };

export interface Transition {
  readonly date: TransitionDate;
  /** Local time of day in seconds (default 02:00). */
  readonly time: number;
}

export interface PosixTz {
  readonly stdName: string;
  /** Seconds to add to UTC to get standard local time (the opposite sign of the string). */
  readonly stdOffset: number;
  readonly dst: null | {
    readonly name: string;
    readonly offset: number;
    readonly start: Transition;
    readonly end: Transition;
    /** The DST part of the string, from its name to the end. */
    readonly text: string;
  };
}

export class PosixTzSyntaxError extends Error {
  constructor(text: string, why: string) {
    super(`bad POSIX TZ string ${JSON.stringify(text)}: ${why}`);
    this.name = 'PosixTzSyntaxError';
  }
}

export function parsePosixTz(text: string): PosixTz {
  let pos = 0;
  const fail = (why: string): never => {
    throw new PosixTzSyntaxError(text, `${why} at ${pos}`);
  };
  const name = (): string => {
    if (text[pos] === '<') {
      const end = text.indexOf('>', pos);
      if (end < 0) fail('unterminated <name>');
      const n = text.slice(pos + 1, end);
      if (!/^[A-Za-z0-9+-]{3,}$/.test(n)) fail('bad quoted name');
      pos = end + 1;
      return n;
    }
    const m = /^[A-Za-z]{3,}/.exec(text.slice(pos));
    if (!m) return fail('expected a zone name');
    pos += m[0].length;
    return m[0];
  };
  const duration = (maxHours: number): number => {
    const m = /^([+-]?)(\d{1,3})(?::(\d{1,2}))?(?::(\d{1,2}))?/.exec(text.slice(pos));
    if (!m) return fail('expected hh[:mm[:ss]]');
    const [h, mi, s] = [Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0)];
    if (h > maxHours || mi > 59 || s > 59) fail('time out of range');
    pos += m[0].length;
    return (m[1] === '-' ? -1 : 1) * (h * 3600 + mi * 60 + s);
  };
  const date = (): TransitionDate => {
    const rest = text.slice(pos);
    let m = /^M(\d{1,2})\.(\d)\.(\d)/.exec(rest);
    if (m) {
      const [month, week, weekday] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (month < 1 || month > 12 || week < 1 || week > 5 || weekday > 6) fail('bad Mm.w.d');
      pos += m[0].length;
      return { kind: 'month-week-day', month, week, weekday };
    }
    m = /^J(\d{1,3})/.exec(rest);
    if (m) {
      const day = Number(m[1]);
      if (day < 1 || day > 365) fail('bad Jn');
      pos += m[0].length;
      return { kind: 'julian', day };
    }
    m = /^(\d{1,3})/.exec(rest);
    if (m) {
      const day = Number(m[1]);
      if (day > 365) fail('bad n');
      pos += m[0].length;
      return { kind: 'zero-based', day };
    }
    return fail('expected a rule date');
  };
  const transition = (): Transition => {
    const d = date();
    let time = 7200;
    if (text[pos] === '/') {
      pos++;
      time = duration(167);
    }
    return { date: d, time };
  };

  const stdName = name();
  const stdOffset = -duration(24);
  if (pos === text.length) return { stdName, stdOffset, dst: null };
  const dstAt = pos;
  const dstName = name();
  let offset = stdOffset + 3600;
  if (text[pos] !== ',' && pos < text.length) offset = -duration(24);
  if (text[pos] !== ',') return fail('a DST zone needs start and end rules');
  pos++;
  const start = transition();
  if (text[pos] !== ',') fail('expected ",end"');
  pos++;
  const end = transition();
  if (pos !== text.length) fail('trailing characters');
  return { stdName, stdOffset, dst: { name: dstName, offset, start, end, text: text.slice(dstAt) } };
}
