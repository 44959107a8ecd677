/**
 * The sample park generator (server/sample): a small park, generated in memory, must hold together — unique codes,
 * an event log that obeys the transition rules and replays to the parcels' statuses, no overlapping parcels, and
 * the same bytes for the same seed.
 */
import { area, featureCollection, intersect, union } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { ClearanceStatus, SigningStatus } from '../../server/domain/statuses.ts';
import { checkTransition } from '../../server/domain/transitions.ts';
import { generatePark } from '../../server/sample/generate-park.ts';
import { isValidIdNumber } from '../../server/sample/id-number.ts';
import type { SamplePark } from '../../server/sample/types.ts';
import { eventsCsvText } from '../../server/sample/write.ts';
import type { ParkDataset } from '../../server/store/park-dataset.ts';
import { parseEventsCsv } from '../../server/store/read-sample.ts';

const OPTIONS = { seed: 4242, parcelTarget: 600 };
const TIMEOUT = 20_000;

interface ReplayState {
  signing: SigningStatus;
  clearance: ClearanceStatus;
  buildingArea: number | null;
}

function replay(park: SamplePark, visit?: (state: ReplayState, event: SamplePark['events'][number]) => void) {
  const states = new Map<string, ReplayState>();
  for (const parcel of park.parcels.features) {
    states.set(parcel.properties.code, {
      signing: 'unsurveyed',
      clearance: 'occupied',
      buildingArea: parcel.properties.buildingArea,
    });
  }
  for (const event of park.events) {
    const state = states.get(event.parcelCode);
    if (!state) throw new Error(`event ${event.id} names unknown parcel ${event.parcelCode}`);
    visit?.(state, event);
    if (event.axis === 'signing') state.signing = event.to as SigningStatus;
    else state.clearance = event.to as ClearanceStatus;
  }
  return states;
}

describe('sample park generator', () => {
  it(
    'gives every parcel a unique id and code, and plausible, well-formed attributes',
    () => {
      const park = generatePark(OPTIONS);
      const parcels = park.parcels.features;
      expect(parcels.length).toBeGreaterThan(OPTIONS.parcelTarget * 0.9);
      expect(parcels.length).toBeLessThan(OPTIONS.parcelTarget * 1.1);
      expect(new Set(parcels.map((parcel) => parcel.properties.code)).size).toBe(parcels.length);
      expect(parcels.map((parcel) => parcel.id)).toEqual(parcels.map((_, index) => index + 1));
      expect(new Set(parcels.map((parcel) => parcel.properties.idNumber)).size).toBe(parcels.length);
      const groupCounts = new Map(
        park.villages.features.map((village) => [village.properties.code, village.properties.groupCount]),
      );
      for (const { properties } of parcels) {
        expect(properties.code).toMatch(new RegExp(`^520115-${properties.village}-\\d{4}$`));
        expect(isValidIdNumber(properties.idNumber)).toBe(true);
        expect(properties.phone).toMatch(/^1[358]\d{9}$/);
        expect(Number.parseInt(properties.group, 10)).toBeLessThanOrEqual(
          groupCounts.get(properties.village) ?? 0,
        );
        expect(properties.structure === null).toBe(properties.buildingArea === null);
      }
    },
    TIMEOUT,
  );

  it(
    'logs only legal transitions, and replaying the log gives each parcel its final statuses',
    () => {
      const park = generatePark(OPTIONS);
      let corrections = 0;
      const states = replay(park, (state, event) => {
        expect(event.from).toBe(event.axis === 'signing' ? state.signing : state.clearance);
        const check = checkTransition(state, {
          axis: event.axis,
          to: event.to,
          role: event.user === 'hq' ? 'hq' : 'team',
          note: event.note,
        });
        expect(check, `event ${event.id}`).toMatchObject({ allowed: true });
        if (check.allowed && check.kind === 'correction') corrections++;
      });
      expect(corrections).toBeGreaterThan(0);
      for (const { properties } of park.parcels.features) {
        const state = states.get(properties.code);
        expect(state?.signing).toBe(properties.signing);
        expect(state?.clearance).toBe(properties.clearance);
      }
    },
    TIMEOUT,
  );

  it(
    'never advances clearance before signing is signed or ruled',
    () => {
      const park = generatePark(OPTIONS);
      replay(park, (state, event) => {
        if (event.axis === 'clearance' && event.to !== 'occupied') {
          expect(['signed', 'ruled'], `event ${event.id}`).toContain(state.signing);
        }
      });
    },
    TIMEOUT,
  );

  it(
    'dates events within the 60 days to 2026-11-25, in working hours, sorted by time then id',
    () => {
      const park = generatePark(OPTIONS);
      park.events.forEach((event, index) => {
        expect(event.id).toBe(index + 1);
        expect(event.at).toMatch(
          /^2026-(09-(2[7-9]|30)|10-\d{2}|11-([01]\d|2[0-5]))T\d{2}:\d{2}:\d{2}\+08:00$/,
        );
        const clock = event.at.slice(11, 19);
        expect(clock >= '08:30:00' && clock < '19:00:00').toBe(true);
        const previous = park.events[index - 1];
        if (previous) expect(Date.parse(previous.at)).toBeLessThanOrEqual(Date.parse(event.at));
      });
    },
    TIMEOUT,
  );

  it(
    'draws parcels that never overlap (by more than 0.01 m²)',
    () => {
      const parcels = generatePark(OPTIONS).parcels.features;
      const boxes = parcels.map((parcel) => {
        const ring = parcel.geometry.coordinates[0] ?? [];
        const xs = ring.map((position) => position[0] ?? 0);
        const ys = ring.map((position) => position[1] ?? 0);
        return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
      });
      // Sweep along x: only pairs whose boxes overlap are intersected.
      const order = parcels
        .map((_, index) => index)
        .sort((first, second) => (boxes[first]?.minX ?? 0) - (boxes[second]?.minX ?? 0));
      let pairs = 0;
      for (let position = 0; position < order.length; position++) {
        const first = order[position] as number;
        const firstBox = boxes[first];
        if (!firstBox) continue;
        for (let next = position + 1; next < order.length; next++) {
          const second = order[next] as number;
          const secondBox = boxes[second];
          if (!secondBox || secondBox.minX > firstBox.maxX) break;
          if (secondBox.minY > firstBox.maxY || secondBox.maxY < firstBox.minY) continue;
          pairs++;
          const overlap = intersect(
            featureCollection([parcels[first], parcels[second]].filter((parcel) => parcel !== undefined)),
          );
          expect(
            overlap ? area(overlap) : 0,
            `${parcels[first]?.properties.code} × ${parcels[second]?.properties.code}`,
          ).toBeLessThanOrEqual(0.01);
        }
      }
      expect(pairs).toBeGreaterThan(parcels.length);
    },
    TIMEOUT,
  );

  it(
    'tiles the park exactly with its villages',
    () => {
      const park = generatePark(OPTIONS);
      const boundary = park.park.features[0];
      const villages = park.villages.features;
      expect(villages.map((village) => village.properties.code)).toEqual([
        'V01',
        'V02',
        'V03',
        'V04',
        'V05',
        'V06',
        'V07',
      ]);
      const covered = union(featureCollection(villages));
      if (!boundary || !covered) throw new Error('missing park or villages');
      const sumOfVillages = villages.reduce((sum, village) => sum + area(village), 0);
      // Equal sums and a union equal to the park: no gaps and no overlaps (to 0.01 ㎡ on ~1.3 km²).
      expect(Math.abs(sumOfVillages - area(boundary))).toBeLessThan(0.01);
      expect(Math.abs(area(covered) - area(boundary))).toBeLessThan(0.01);
    },
    TIMEOUT,
  );

  it(
    'is deterministic: the same seed gives identical output, another seed a different park',
    () => {
      const first = JSON.stringify(generatePark(OPTIONS));
      expect(JSON.stringify(generatePark(OPTIONS))).toBe(first);
      expect(JSON.stringify(generatePark({ ...OPTIONS, seed: OPTIONS.seed + 1 }))).not.toBe(first);
    },
    TIMEOUT,
  );

  it(
    'produces what the store reads: a ParkDataset, and an events.csv its parser round-trips',
    () => {
      const park = generatePark(OPTIONS);
      const dataset: ParkDataset = park;
      expect(parseEventsCsv(eventsCsvText(dataset.events))).toEqual(park.events);
    },
    TIMEOUT,
  );
});
