/**
 * Calendar days (`YYYY-MM-DD`, China Standard Time) as the time slider and the daily report count them. A date
 * string is a day on the programme's calendar, not an instant: arithmetic is on whole UTC days, so no device time
 * zone can move it to another day.
 */
import { chinaDate } from '../../../server/domain/china-time.ts';

const DAY_MILLISECONDS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a calendar day (read at UTC noon, so the division never lands on a boundary). */
function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T12:00:00Z`) / DAY_MILLISECONDS);
}

/** True for a real calendar day written `YYYY-MM-DD` (2026-02-30 is not one). */
export function isCalendarDate(value: string | null | undefined): value is string {
  if (!value || !DATE_PATTERN.test(value)) return false;
  const time = Date.parse(`${value}T12:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * DAY_MILLISECONDS).toISOString().slice(0, 10);
}

/** `to − from` in days (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Every day from `from` to `to`, both included; empty when `to` is before `from`. */
export function dayRange(from: string, to: string): string[] {
  const count = daysBetween(from, to) + 1;
  return Array.from({ length: Math.max(0, count) }, (_, index) => addDays(from, index));
}

/** Today on the programme's clock. */
export function chinaToday(now: Date = new Date()): string {
  return chinaDate(now);
}

/** `date` moved into `[from, to]`. */
export function clampDate(date: string, from: string, to: string): string {
  if (date < from) return from;
  if (date > to) return to;
  return date;
}
