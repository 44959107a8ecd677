/** The time slider's pure parts: calendar days, slider positions, playback, and status bytes → fill colours. */
import type { MultiPolygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '../../server/domain/filters.ts';
import type { ParcelSummary } from '../../server/domain/parcel.ts';
import { decodeParcelGeometry, encodeParcelGeometry } from '../../server/domain/parcel-geometry-binary.ts';
import { CLEARANCE_STATUSES, hexToRgba, SIGNING_STATUSES } from '../../server/domain/statuses.ts';
import {
  buildParcelFillProps,
  computeFilterMask,
  PARCEL_FILL_ALPHA,
  parcelFillData,
} from '../../web/src/map/layers.ts';
import {
  checkStatusBytes,
  DayCache,
  dateAtIndex,
  decodeStatusBytes,
  historicalFillColours,
  NOW_POSITION,
  playTick,
  sliderIndex,
  tickMilliseconds,
} from '../../web/src/state/time-slider.ts';
import { addDays, dayRange, daysBetween, isCalendarDate } from '../../web/src/state/time-slider-dates.ts';
import { square } from '../support/geometry.ts';

const signingIndex = (code: string) => SIGNING_STATUSES.findIndex((status) => status.code === code);
const clearanceIndex = (code: string) => CLEARANCE_STATUSES.findIndex((status) => status.code === code);

describe('calendar days', () => {
  it('adds days across month and year ends, and counts them', () => {
    expect(addDays('2026-09-30', 1)).toBe('2026-10-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-09-27', '2026-11-26')).toBe(60);
    expect(dayRange('2026-10-30', '2026-11-02')).toEqual([
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
      '2026-11-02',
    ]);
    expect(dayRange('2026-11-02', '2026-11-01')).toEqual([]);
  });

  it('accepts real calendar days only', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-2-3')).toBe(false);
    expect(isCalendarDate('')).toBe(false);
  });
});

describe('slider positions and playback', () => {
  const range = { from: '2026-11-01', to: '2026-11-05' };

  it('puts "now" at the last day and makes the last day "now"', () => {
    expect(sliderIndex(range, null)).toBe(4);
    expect(sliderIndex(range, '2026-11-03')).toBe(2);
    expect(sliderIndex(range, '2026-10-01')).toBe(0);
    expect(dateAtIndex(range, 0)).toBe('2026-11-01');
    expect(dateAtIndex(range, 3)).toBe('2026-11-04');
    expect(dateAtIndex(range, 4)).toBeNull();
    expect(dateAtIndex(range, 99)).toBeNull();
  });

  it('plays from the first day, one day a tick, and stops at now', () => {
    let position = playTick(range, { ...NOW_POSITION, playing: true });
    expect(position.date).toBe('2026-11-01');
    const seen = [position.date];
    while (position.playing) {
      position = playTick(range, position);
      seen.push(position.date);
    }
    expect(seen).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', null]);
    expect(tickMilliseconds(2)).toBe(500);
  });
});

describe('status bytes', () => {
  // Three parcels: (signed, handedOver), (unsurveyed, occupied), (ruled, demolished).
  const bytes = new Uint8Array([
    signingIndex('signed'),
    clearanceIndex('handedOver'),
    signingIndex('unsurveyed'),
    clearanceIndex('occupied'),
    signingIndex('ruled'),
    clearanceIndex('demolished'),
  ]);

  it('decode to the statuses of the domain tables', () => {
    expect(decodeStatusBytes(bytes, 3)).toEqual({
      signing: ['signed', 'unsurveyed', 'ruled'],
      clearance: ['handedOver', 'occupied', 'demolished'],
    });
  });

  it('refuse a length or an index that does not match', () => {
    expect(() => checkStatusBytes(bytes, 4)).toThrow(/6 bytes for 4 parcels/);
    expect(() => checkStatusBytes(new Uint8Array([SIGNING_STATUSES.length, 0]), 1)).toThrow(/signing index/);
    expect(() => checkStatusBytes(new Uint8Array([0, CLEARANCE_STATUSES.length]), 1)).toThrow(
      /clearance index/,
    );
  });

  it('become the fill colours of the chosen axis, from the status table', () => {
    const signing = historicalFillColours(bytes, 'signing', 235);
    const clearance = historicalFillColours(bytes, 'clearance', 235);
    const colour = (table: readonly { code: string; color: string }[], code: string) =>
      hexToRgba(table.find((status) => status.code === code)?.color as string, 235);
    expect([...signing.subarray(0, 4)]).toEqual(colour(SIGNING_STATUSES, 'signed'));
    expect([...signing.subarray(4, 8)]).toEqual(colour(SIGNING_STATUSES, 'unsurveyed'));
    expect([...signing.subarray(8, 12)]).toEqual(colour(SIGNING_STATUSES, 'ruled'));
    expect([...clearance.subarray(0, 4)]).toEqual(colour(CLEARANCE_STATUSES, 'handedOver'));
    expect([...clearance.subarray(8, 12)]).toEqual(colour(CLEARANCE_STATUSES, 'demolished'));
  });
});

describe('the day cache', () => {
  it('keeps the most recently used days', () => {
    const cache = new DayCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.size).toBe(2);
  });
});

describe('the map fill on a past day', () => {
  // Parcel 1 is a two-part MultiPolygon: both its polygons must take its colour.
  const multi: MultiPolygon = {
    type: 'MultiPolygon',
    coordinates: [square(106.651, 26.62, 0.0003).coordinates, square(106.652, 26.62, 0.0003).coordinates],
  };
  const bytes = encodeParcelGeometry(
    [
      { id: 10, geometry: square(106.65, 26.62, 0.0003) },
      { id: 11, geometry: multi },
      { id: 12, geometry: square(106.653, 26.62, 0.0003) },
    ],
    [106.65, 26.62],
  );
  const geometry = decodeParcelGeometry(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  const parcels = [10, 11, 12].map(
    (id) => ({ id, signing: 'signed', clearance: 'handedOver' }) as ParcelSummary,
  );
  const past = new Uint8Array([
    signingIndex('unsurveyed'),
    clearanceIndex('occupied'),
    signingIndex('appraised'),
    clearanceIndex('occupied'),
    signingIndex('signed'),
    clearanceIndex('vacated'),
  ]);
  const input = (
    summaries: readonly ParcelSummary[],
    historical: { colours: Uint8Array; key: string } | null,
  ) => ({
    geometry,
    parcels: summaries,
    mask: computeFilterMask(summaries, EMPTY_FILTER),
    colourBy: 'signing' as const,
    selectedParcelIndex: null,
    zoom: 13,
    historical,
  });
  const colourOf = (code: string) =>
    hexToRgba(SIGNING_STATUSES.find((status) => status.code === code)?.color as string, PARCEL_FILL_ALPHA);

  it('paints each polygon with its parcel’s past status, and ignores live status changes', () => {
    const historical = {
      colours: historicalFillColours(past, 'signing', PARCEL_FILL_ALPHA),
      key: '2026-10-12|signing',
    };
    const props = buildParcelFillProps(input(parcels, historical));
    const texels = props.parcelColours as Uint8Array;
    const vertexParcel = parcelFillData(geometry).attributes.getParcelIndex.value;
    const colours = Array.from({ length: geometry.polygonCount }, (_, polygon) => {
      const parcel = vertexParcel[geometry.polygonVertexStart[polygon] as number] as number;
      return [...texels.subarray(parcel * 4, parcel * 4 + 4)];
    });
    expect(geometry.polygonCount).toBe(4);
    expect(colours).toEqual([
      colourOf('unsurveyed'),
      colourOf('appraised'),
      colourOf('appraised'),
      colourOf('signed'),
    ]);
    // A live change (new summaries) leaves the past day's colours as they were; the live map's change with it.
    const changed = parcels.map((parcel, index) =>
      index === 0 ? { ...parcel, signing: 'ruled' as const } : parcel,
    );
    expect(buildParcelFillProps(input(changed, historical)).parcelColours).toBe(texels);
    const liveBefore = buildParcelFillProps(input(parcels, null)).parcelColours as Uint8Array;
    const liveAfter = buildParcelFillProps(input(changed, null)).parcelColours as Uint8Array;
    expect(liveAfter).not.toBe(liveBefore);
    expect([...liveAfter.subarray(0, 4)]).toEqual(colourOf('ruled'));
    expect(liveBefore).not.toBe(texels);
  });
});
