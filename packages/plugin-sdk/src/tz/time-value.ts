/**
 * A signed duration as templates and vendor formatters read it. Property names follow the
 * reference (tzinform's Time) so formatting knowledge carries over; hours and minutes are floored
 * like Python's `//` (-3:30 → as_hours -4), as_hms truncates each part toward zero
 * (-3:30 → [-3, -30, 0]).
 */
export interface TimeValue {
  readonly as_seconds: number;
  readonly as_minutes: number;
  readonly as_hours: number;
  readonly as_hms: readonly [number, number, number];
}

export function timeValue(seconds: number): TimeValue {
  const abs = Math.abs(seconds);
  const sign = seconds < 0 ? -1 : 1;
  const hms: [number, number, number] = [
    sign * Math.floor(abs / 3600) || 0,
    sign * Math.floor((abs % 3600) / 60) || 0,
    sign * (abs % 60) || 0,
  ];
  return Object.freeze({
    as_seconds: seconds,
    as_minutes: Math.floor(seconds / 60),
    as_hours: Math.floor(seconds / 3600),
    as_hms: Object.freeze(hms),
  });
}
