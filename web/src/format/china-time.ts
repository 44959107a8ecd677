/**
 * Times the user types and reads are China Standard Time (UTC+8, no daylight saving: `server/domain/china-time.ts`),
 * whatever time zone the phone or the wall-screen PC is set to. A `datetime-local` input has no zone of its own, so
 * its value is read and written here as CST.
 */
import { chinaIsoString } from '../../../server/domain/china-time.ts';

/** The zone every on-screen time is shown in. */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

/** `YYYY-MM-DDTHH:mm` of the instant in CST: the value a `datetime-local` input shows. */
export function chinaDateTimeInputValue(instant: Date | string | number): string {
  return chinaIsoString(instant).slice(0, 16);
}

/** A `datetime-local` value read as CST, as ISO 8601 with `+08:00`; null when it is not a complete time. */
export function fromChinaDateTimeInput(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second = '00'] = match;
  const iso = `${year}-${month}-${day}T${hour}:${minute}:${second}+08:00`;
  const time = new Date(iso);
  // `Date` rolls 2026-02-30 over to March; a field time must be a real calendar time.
  if (Number.isNaN(time.getTime()) || chinaIsoString(time) !== iso) return null;
  return iso;
}
