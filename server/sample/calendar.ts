/**
 * The sample's 60-day working calendar, 2026-09-27 to 2026-11-25 (the as-of date), in China Standard Time.
 *
 * Field work is measured in "effort": a full weekday counts 1, a Saturday about half, a Sunday or a day of the
 * National Day holiday (1–7 October) about a third, each scaled by a random factor for weather and meetings.
 * Spreading events evenly over effort, then mapping effort back to clock time, gives lighter weekends and uneven
 * days without any explicit rule per event. Working hours are 08:30–19:00.
 */
import type { Random } from './prng.ts';

export const WINDOW_START = '2026-09-27';
export const WINDOW_DAYS = 60;
const DAY_START_SECONDS = 8.5 * 3600;
const WORKING_SECONDS = 10.5 * 3600;
const MILLISECONDS_PER_DAY = 86_400_000;

export class WorkCalendar {
  private readonly cumulative: number[] = [0];
  private readonly weights: number[] = [];
  private readonly startMilliseconds = Date.parse(`${WINDOW_START}T00:00:00Z`);

  constructor(random: Random) {
    for (let day = 0; day < WINDOW_DAYS; day++) {
      const date = new Date(this.startMilliseconds + day * MILLISECONDS_PER_DAY);
      const weekday = date.getUTCDay();
      const nationalDay = date.getUTCMonth() === 9 && date.getUTCDate() <= 7;
      let weight = weekday === 6 ? 0.5 : weekday === 0 ? 0.32 : 1;
      if (nationalDay) weight = Math.min(weight, 0.35);
      weight *= random.range(0.75, 1.25);
      this.weights.push(weight);
      this.cumulative.push((this.cumulative[day] as number) + weight);
    }
  }

  /**
   * Seconds since the window's first midnight (CST) for a point in the window given as a fraction of its total
   * effort, 0 ≤ fraction < 1. Strictly increasing in `fraction`.
   */
  secondsAt(fraction: number): number {
    const total = this.cumulative[WINDOW_DAYS] as number;
    const effort = Math.max(0, Math.min(1, fraction)) * total;
    let day = 0;
    while (day < WINDOW_DAYS - 1 && (this.cumulative[day + 1] as number) <= effort) day++;
    const withinDay = Math.min(
      1,
      (effort - (this.cumulative[day] as number)) / (this.weights[day] as number),
    );
    return day * 86_400 + DAY_START_SECONDS + Math.floor(withinDay * (WORKING_SECONDS - 1));
  }

  /** ISO 8601 with the +08:00 offset for seconds since the window's first midnight (CST). */
  format(seconds: number): string {
    return `${new Date(this.startMilliseconds + seconds * 1000).toISOString().slice(0, 19)}+08:00`;
  }
}
