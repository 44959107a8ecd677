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
