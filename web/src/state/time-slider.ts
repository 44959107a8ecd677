/**
 * The map's time slider, as pure functions: where the slider stands (a past day, or "now": live), what playing does
 * on each tick, and how the historical status bytes of `GET /api/parcels/status` become fill colours.
 *
 * The bytes are two per parcel in the geometry's order: byte 2i is parcel i's index into `SIGNING_STATUSES`, byte
 * 2i + 1 its index into `CLEARANCE_STATUSES` (server/domain/statuses.ts). Colours are looked up in the same table
 * the live fill uses, so a past day and today are painted with one palette.
 */
import {
  type Axis,
  CLEARANCE_STATUSES,
  type ClearanceStatus,
  hexToRgba,
  SIGNING_STATUSES,
  type SigningStatus,
} from '../../../server/domain/statuses.ts';
import { addDays, clampDate, dayRange } from './time-slider-dates.ts';

/** Days the slider covers: from the first event's day to today (CST). */
export interface SliderRange {
  from: string;
  to: string;
}

/** Where the slider stands: `date: null` is "now", the live map. */
export interface SliderPosition {
  date: string | null;
  playing: boolean;
  /** Days advanced per second while playing. */
  speed: number;
}

/** Playback speeds offered, in days per second. */
export const PLAY_SPEEDS = [1, 2, 5, 10] as const;

export const NOW_POSITION: SliderPosition = { date: null, playing: false, speed: 2 };

/** The slider's index (0 … days − 1) for a position; "now" stands at the last day. */
export function sliderIndex(range: SliderRange, date: string | null): number {
  const days = dayRange(range.from, range.to);
  if (date === null) return days.length - 1;
  return Math.max(0, days.indexOf(clampDate(date, range.from, range.to)));
}

/** The day at a slider index; the last day (today) is "now": the live map, not a replay of it. */
export function dateAtIndex(range: SliderRange, index: number): string | null {
  const date = clampDate(addDays(range.from, Math.round(index)), range.from, range.to);
  return date === range.to ? null : date;
}

/**
 * One tick of playback: the next day, or "now" (and stop) once today is reached. Pressing play while live starts
 * from the first day, so "play" always means "watch it fill in".
 */
export function playTick(range: SliderRange, position: SliderPosition): SliderPosition {
  if (position.date === null) return { ...position, date: range.from === range.to ? null : range.from };
  const next = addDays(position.date, 1);
  if (next >= range.to) return { ...position, date: null, playing: false };
  return { ...position, date: next };
}

/** Milliseconds between ticks at a speed in days per second. */
export function tickMilliseconds(speed: number): number {
  return Math.round(1000 / Math.max(0.1, speed));
}

/** Per-parcel statuses of the status bytes; throws on a length or index that does not match the tables. */
export function decodeStatusBytes(
  bytes: Uint8Array,
  parcelCount: number,
): { signing: SigningStatus[]; clearance: ClearanceStatus[] } {
  checkStatusBytes(bytes, parcelCount);
  const signing: SigningStatus[] = new Array(parcelCount);
  const clearance: ClearanceStatus[] = new Array(parcelCount);
  for (let parcel = 0; parcel < parcelCount; parcel++) {
    signing[parcel] = (SIGNING_STATUSES[bytes[2 * parcel] as number] as { code: SigningStatus }).code;
    clearance[parcel] = (
      CLEARANCE_STATUSES[bytes[2 * parcel + 1] as number] as { code: ClearanceStatus }
    ).code;
  }
  return { signing, clearance };
}

export function checkStatusBytes(bytes: Uint8Array, parcelCount: number): void {
  if (bytes.length !== 2 * parcelCount) {
    throw new Error(
      `status bytes: ${bytes.length} bytes for ${parcelCount} parcels (expected ${2 * parcelCount})`,
    );
  }
  for (let offset = 0; offset < bytes.length; offset += 2) {
    if ((bytes[offset] as number) >= SIGNING_STATUSES.length) {
      throw new Error(`status bytes: parcel ${offset / 2} has signing index ${bytes[offset]}`);
    }
    if ((bytes[offset + 1] as number) >= CLEARANCE_STATUSES.length) {
      throw new Error(`status bytes: parcel ${offset / 2} has clearance index ${bytes[offset + 1]}`);
    }
  }
}

/** Palette of one axis as RGBA rows, in the table's order (the byte is the row). */
export function axisPalette(axis: Axis, alpha: number): Uint8Array {
  const statuses = axis === 'signing' ? SIGNING_STATUSES : CLEARANCE_STATUSES;
  const palette = new Uint8Array(statuses.length * 4);
  for (const [index, status] of statuses.entries()) palette.set(hexToRgba(status.color, alpha), index * 4);
  return palette;
}

/**
 * RGBA per parcel (4 bytes each) of the historical statuses on one axis: what the map's fill accessor reads. One
 * pass over typed arrays, so a slider step at 100k parcels costs a millisecond here and the rest is deck.gl's.
 */
export function historicalFillColours(bytes: Uint8Array, axis: Axis, alpha: number): Uint8Array {
  const palette = axisPalette(axis, alpha);
  const parcelCount = bytes.length >> 1;
  const colours = new Uint8Array(parcelCount * 4);
  const axisOffset = axis === 'signing' ? 0 : 1;
  for (let parcel = 0; parcel < parcelCount; parcel++) {
    const row = (bytes[2 * parcel + axisOffset] as number) * 4;
    const target = parcel * 4;
    colours[target] = palette[row] as number;
    colours[target + 1] = palette[row + 1] as number;
    colours[target + 2] = palette[row + 2] as number;
    colours[target + 3] = palette[row + 3] as number;
  }
  return colours;
}

/** A small least-recently-used cache: status bytes per day (200 kB per day at 100k parcels). */
export class DayCache<Value> {
  private readonly entries = new Map<string, Value>();
  constructor(private readonly capacity: number) {}

  get(key: string): Value | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: Value): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
