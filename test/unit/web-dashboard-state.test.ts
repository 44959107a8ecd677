import { describe, expect, it } from 'vitest';
import { gaussKrugerZoneFor } from '../../server/domain/areas.ts';
import { EMPTY_FILTER, type ParcelFilter } from '../../server/domain/filters.ts';
import type { ParcelSummary } from '../../server/domain/parcel.ts';
import type { VillageCollection } from '../../web/src/api/client.ts';
import { computeFilterMask, countVisible } from '../../web/src/map/layers.ts';
import { villageAt } from '../../web/src/map/village-hit.ts';
import { computeDashboardStatistics } from '../../web/src/state/dashboard-statistics.ts';
import { toggleFilterValue, toggleInOrder } from '../../web/src/state/filter-edits.ts';
import { alignToGeometry } from '../../web/src/state/park-data.ts';

function parcel(id: number, village: string, overrides: Partial<ParcelSummary> = {}): ParcelSummary {
  return {
    id,
    code: `P${id}`,
    holder: `户主${id}`,
    village,
    group: '1组',
    landClass: 'homestead',
    buildingArea: 80,
    structure: 'brickWood',
    cadre: false,
    signing: 'signed',
    clearance: 'occupied',
    surveyArea: null,
    ellipsoidArea: 600,
    planeArea: 600.5,
    version: 1,
    updatedAt: '2025-11-25T10:00:00+08:00',
    ...overrides,
  };
}

function villages(): VillageCollection {
  const village = (code: string, west: number, east: number) => ({
    type: 'Feature' as const,
    id: code,
    geometry: {
      type: 'Polygon' as const,
      coordinates: [
        [
          [west, 26.6],
          [east, 26.6],
          [east, 26.64],
          [west, 26.64],
          [west, 26.6],
        ],
      ],
    },
    properties: {
      code,
      name: `${code}村`,
      nameEn: code,
      town: '湖潮乡',
      leader: '王',
      groupCount: 3,
      labelPoint: [(west + east) / 2, 26.62] as [number, number],
    },
  });
  return {
    type: 'FeatureCollection',
    features: [village('V01', 106.6, 106.64), village('V02', 106.64, 106.68)],
  };
}

describe('filter edits', () => {
  it('toggle a value in and out, keeping the reference order so equal filters give equal URLs', () => {
    const order = ['V01', 'V02', 'V03'];
    expect(toggleInOrder(['V03'], 'V01', order)).toEqual(['V01', 'V03']);
    expect(toggleInOrder(['V01', 'V03'], 'V01', order)).toEqual(['V03']);
    const filter: ParcelFilter = { ...EMPTY_FILTER, signing: ['signed'] };
    expect(toggleFilterValue(filter, 'signing', 'surveyed', ['unsurveyed', 'surveyed', 'signed'])).toEqual({
      ...EMPTY_FILTER,
      signing: ['surveyed', 'signed'],
    });
    expect(filter.signing).toEqual(['signed']);
  });
});

describe('village under a click', () => {
  it('is the village whose polygon contains the point, or none outside the park', () => {
    expect(villageAt(villages(), [106.62, 26.62])).toBe('V01');
    expect(villageAt(villages(), [106.66, 26.63])).toBe('V02');
    expect(villageAt(villages(), [106.7, 26.62])).toBeNull();
  });
});

describe('summaries and geometry', () => {
  it('are used as they are when the server kept the geometry order', () => {
    const parcels = [parcel(7, 'V01'), parcel(3, 'V02')];
    expect(alignToGeometry(Uint32Array.from([7, 3]), parcels)).toBe(parcels);
  });

  it('are re-ordered by id when the orders differ, and refused when a parcel has no summary', () => {
    const parcels = [parcel(3, 'V02'), parcel(7, 'V01')];
    expect(alignToGeometry(Uint32Array.from([7, 3]), parcels).map((summary) => summary.id)).toEqual([7, 3]);
    expect(() => alignToGeometry(Uint32Array.from([7, 9]), parcels)).toThrow(/9/);
  });
});

describe('dashboard statistics', () => {
  it('count on screen exactly what the map mask shows, with a row for every village', () => {
    const parcels = [
      parcel(1, 'V01'),
      parcel(2, 'V01', { signing: 'surveyed' }),
      parcel(3, 'V02', { cadre: true }),
      parcel(4, 'V02', { clearance: 'handedOver', buildingArea: null, structure: null }),
    ];
    const filter: ParcelFilter = { ...EMPTY_FILTER, villages: ['V02'] };
    const statistics = computeDashboardStatistics(parcels, filter, {
      zone: gaussKrugerZoneFor(106.65),
      asOf: '2025-11-25T10:00:00+08:00',
      villageCodes: ['V01', 'V02', 'V03'],
    });
    expect(statistics.byVillage.total.households).toBe(countVisible(computeFilterMask(parcels, filter)));
    expect(statistics.byVillage.rows.map((row) => [row.key, row.households])).toEqual([
      ['V01', 0],
      ['V02', 2],
      ['V03', 0],
    ]);
    // The village list's counts ignore the village part of the filter, so unpicked villages still show theirs.
    expect(statistics.villageFacets.rows.map((row) => [row.key, row.households])).toEqual([
      ['V01', 2],
      ['V02', 2],
      ['V03', 0],
    ]);
    const legendTotal = Object.values(statistics.byVillage.total.bySigning).reduce(
      (sum, count) => sum + count,
      0,
    );
    expect(legendTotal).toBe(statistics.byVillage.total.households);
  });
});
