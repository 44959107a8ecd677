/**
 * The programme runs on China Standard Time (UTC+8, no daylight saving). Dates shown, file names and day boundaries
 * follow it whatever the server's own time zone is.
 */
const CHINA_OFFSET_MILLISECONDS = 8 * 60 * 60 * 1000;

/** `YYYY-MM-DD` of the instant in China Standard Time. */
export function chinaDate(instant: Date | string | number): string {
  const time = new Date(instant).getTime() + CHINA_OFFSET_MILLISECONDS;
  return new Date(time).toISOString().slice(0, 10);
}

/** ISO 8601 with the +08:00 offset, e.g. `2026-11-25T18:30:00+08:00`. */
export function chinaIsoString(instant: Date | string | number): string {
  const time = new Date(instant).getTime() + CHINA_OFFSET_MILLISECONDS;
  return `${new Date(time).toISOString().slice(0, 19)}+08:00`;
}

const DAY_MILLISECONDS = 24 * 60 * 60 * 1000;

/** True for a real calendar date written `YYYY-MM-DD` (not 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** Epoch milliseconds of `YYYY-MM-DDT00:00:00+08:00`: the first instant of that day in China. */
export function chinaDayStart(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MILLISECONDS;
}

/** Epoch milliseconds of the next day's 00:00 CST: the exclusive end of `date` (a report "as of" that day). */
export function chinaDayEnd(date: string): number {
  return chinaDayStart(date) + DAY_MILLISECONDS;
}

/** The calendar date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MILLISECONDS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MILLISECONDS);
}
