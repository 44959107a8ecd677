import { describe, expect, it } from 'vitest';
import { gaussKrugerZoneFor } from '../../server/domain/areas.ts';
import {
  describeFilterForFileName,
  EMPTY_FILTER,
  formatParcelFilter,
  matchesFilter,
  type ParcelFilter,
  parseParcelFilter,
} from '../../server/domain/filters.ts';
import type { ParcelSummary } from '../../server/domain/parcel.ts';
import { computeStatistics } from '../../server/domain/statistics.ts';

function parcel(overrides: Partial<ParcelSummary>): ParcelSummary {
  return {
    id: 1,
    code: 'P',
    holder: '张三',
    village: 'V01',
    group: '1组',
    landClass: 'homestead',
    buildingArea: null,
    structure: null,
    cadre: false,
    signing: 'unsurveyed',
    clearance: 'occupied',
    surveyArea: 100,
    ellipsoidArea: 1000,
    planeArea: 1001,
    version: 1,
    updatedAt: '2026-11-01T00:00:00+08:00',
    ...overrides,
  };
}

const PARCELS: ParcelSummary[] = [
  parcel({ id: 1, village: 'V01', signing: 'signed', clearance: 'handedOver', planeArea: 666.6666666666666 }),
  parcel({
    id: 2,
    village: 'V01',
    signing: 'ruled',
    clearance: 'demolished',
    buildingArea: 200,
    cadre: true,
  }),
  parcel({ id: 3, village: 'V01', signing: 'surveyed', landClass: 'farmland', surveyArea: null }),
  parcel({ id: 4, village: 'V02', signing: 'signed', clearance: 'vacated', buildingArea: 50.5 }),
  parcel({ id: 5, village: 'V02', signing: 'unsurveyed', landClass: 'forest', planeArea: 20000 }),
];
const VILLAGES = ['V01', 'V02', 'V03'];
const zone = gaussKrugerZoneFor(106.65);

describe('parseParcelFilter / formatParcelFilter', () => {
  it('reads comma-separated and repeated parameters', () => {
    const result = parseParcelFilter(
      new URLSearchParams('village=V01,V02&signing=signed&signing=ruled&landClass=homestead&cadre=true'),
      VILLAGES,
    );
    expect(result).toEqual({
      ok: true,
      filter: {
        villages: ['V01', 'V02'],
        signing: ['signed', 'ruled'],
        clearance: [],
        landClasses: ['homestead'],
        cadre: true,
      },
    });
  });

  it('names the parameter and the value of every unknown code, in Chinese and English', () => {
    const result = parseParcelFilter(new URLSearchParams('village=V09&clearance=gone&cadre=maybe'), VILLAGES);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((error) => [error.field, error.value])).toEqual([
        ['village', 'V09'],
        ['clearance', 'gone'],
        ['cadre', 'maybe'],
      ]);
      expect(result.errors[0]?.message.zh).toContain('V09');
      expect(result.errors[0]?.message.en).toContain('Unknown village');
    }
  });

  it('round-trips through the query string', () => {
    const filter: ParcelFilter = {
      villages: ['V03'],
      signing: ['appraised'],
      clearance: ['occupied', 'vacated'],
      landClasses: [],
      cadre: false,
    };
    expect(parseParcelFilter(formatParcelFilter(filter), VILLAGES)).toEqual({ ok: true, filter });
    expect(formatParcelFilter(EMPTY_FILTER).toString()).toBe('');
  });

  it('describes the filter for file names', () => {
    expect(describeFilterForFileName(EMPTY_FILTER)).toBe('all');
    expect(describeFilterForFileName({ ...EMPTY_FILTER, villages: ['V01', 'V02'], cadre: true })).toBe(
      'V01-V02_cadre',
    );
  });
});

describe('matchesFilter', () => {
  it('ANDs the fields and ORs the values within a field', () => {
    const filter: ParcelFilter = { ...EMPTY_FILTER, villages: ['V01'], signing: ['signed', 'ruled'] };
    expect(PARCELS.filter((candidate) => matchesFilter(candidate, filter)).map((match) => match.id)).toEqual([
      1, 2,
    ]);
    expect(
      PARCELS.filter((candidate) => matchesFilter(candidate, { ...EMPTY_FILTER, cadre: false })).length,
    ).toBe(4);
  });
});

describe('computeStatistics', () => {
  it('groups by village with households, areas in ㎡/亩/ha, building area and shares', () => {
    const table = computeStatistics(PARCELS, EMPTY_FILTER, {
      groupBy: 'village',
      zone,
      asOf: 'now',
      keys: VILLAGES,
    });
    expect(table.rows.map((row) => [row.key, row.households])).toEqual([
      ['V01', 3],
      ['V02', 2],
      ['V03', 0],
    ]);
    const first = table.rows[0];
    expect(first?.landArea.plane.squareMetres).toBeCloseTo(666.6666666666666 + 1001 + 1001, 9);
    expect(first?.landArea.plane.mu).toBeCloseTo((666.6666666666666 + 2002) / (10000 / 15), 12);
    expect(first?.landArea.survey.squareMetres).toBe(200);
    expect(first?.householdsWithoutSurveyArea).toBe(1);
    expect(first?.signedShare).toBeCloseTo(2 / 3, 12);
    expect(first?.clearedShare).toBeCloseTo(2 / 3, 12);
    expect(first?.handedOverShare).toBeCloseTo(1 / 3, 12);
    expect(table.total.households).toBe(5);
    expect(table.total.buildingAreaSquareMetres).toBeCloseTo(250.5, 9);
    expect(table.total.landArea.plane.hectares).toBeCloseTo(
      (666.6666666666666 + 1001 * 3 + 20000) / 10000,
      12,
    );
    expect(table.rows[2]?.signedShare).toBe(0);
  });

  it('counts each status of both axes for the legend, among the filtered parcels only', () => {
    const table = computeStatistics(
      PARCELS,
      { ...EMPTY_FILTER, villages: ['V02'] },
      { groupBy: 'none', zone, asOf: 'now' },
    );
    expect(table.total.bySigning).toEqual({ unsurveyed: 1, surveyed: 0, appraised: 0, signed: 1, ruled: 0 });
    expect(table.total.byClearance).toEqual({ occupied: 1, vacated: 1, demolished: 0, handedOver: 0 });
    expect(table.rows).toEqual([]);
  });

  it('states its 口径 (with the Gauss-Krüger zone) and its as-of time', () => {
    const table = computeStatistics(PARCELS, EMPTY_FILTER, {
      groupBy: 'signing',
      zone,
      asOf: '2026-11-25T18:00:00+08:00',
    });
    expect(table.asOf).toBe('2026-11-25T18:00:00+08:00');
    expect(table.measures.planeArea.zh).toContain('EPSG:4545');
    expect(table.rows.find((row) => row.key === 'signed')?.households).toBe(2);
  });
});
