/**
 * The one statistics function. The legend counts, the statistics table, `/api/stats` and every export's statistics
 * come from `computeStatistics`, over precomputed per-parcel areas (no geometry work at request time).
 * Sums are kept in full precision; rounding to 4 decimals (亩) and 2 decimals (㎡) happens only when a number is shown
 * or written (see `units.ts`).
 */
import type { GaussKrugerZone } from './areas.ts';
import { isEmptyFilter, type ParcelFilter } from './filters.ts';
import type { ParcelSummary } from './parcel.ts';
import {
  IS_DEMOLISHED,
  IS_HANDED_OVER,
  IS_SIGNED,
  type ParcelColumns,
  toParcelColumns,
} from './parcel-columns.ts';
import {
  CLEARANCE_STATUSES,
  type ClearanceStatus,
  LAND_CLASSES,
  SIGNING_STATUSES,
  type SigningStatus,
} from './statuses.ts';
import type { BilingualMessage } from './transitions.ts';
import { squareMetresToHectares, squareMetresToMu } from './units.ts';

export const GROUP_BY = ['village', 'signing', 'clearance', 'landClass', 'none'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export interface AreaInUnits {
  squareMetres: number;
  mu: number;
  hectares: number;
}

export interface StatisticsRow {
  /** The group's code (village code, status code, land class) or `total`. */
  key: string;
  households: number;
  landArea: { ellipsoid: AreaInUnits; plane: AreaInUnits; survey: AreaInUnits };
  /** Parcels without a survey area (their survey sum is incomplete). */
  householdsWithoutSurveyArea: number;
  buildingAreaSquareMetres: number;
  signedHouseholds: number;
  clearedHouseholds: number;
  handedOverHouseholds: number;
  /** Shares in [0, 1] of households: signed or ruled; demolished or handed over; handed over. */
  signedShare: number;
  clearedShare: number;
  handedOverShare: number;
  bySigning: Record<SigningStatus, number>;
  byClearance: Record<ClearanceStatus, number>;
}

export interface StatisticsTable {
  groupBy: GroupBy;
  rows: StatisticsRow[];
  total: StatisticsRow;
  /** 口径: what each number measures. */
  measures: MeasureDescriptions;
  /** ISO 8601 time the underlying data is current to. */
  asOf: string;
}

export interface MeasureDescriptions {
  households: BilingualMessage;
  ellipsoidArea: BilingualMessage;
  planeArea: BilingualMessage;
  surveyArea: BilingualMessage;
  buildingArea: BilingualMessage;
  signedShare: BilingualMessage;
  clearedShare: BilingualMessage;
  handedOverShare: BilingualMessage;
}

export function describeMeasures(zone: GaussKrugerZone): MeasureDescriptions {
  return {
    households: {
      zh: '户数：符合筛选条件的地块数（一户一宗地）',
      en: 'Households: parcels matching the filter (one parcel per household)',
    },
    ellipsoidArea: {
      zh: '椭球面积：CGCS2000/WGS84 椭球面上的测地线多边形面积（GeographicLib）',
      en: 'Ellipsoidal area: geodesic polygon area on the CGCS2000/WGS84 ellipsoid (GeographicLib)',
    },
    planeArea: {
      zh: `平面面积：CGCS2000 3度带高斯-克吕格投影（EPSG:${zone.epsg}，中央经线 ${zone.centralMeridian}°E）`,
      en: `Plane area: CGCS2000 3-degree Gauss-Krüger zone (EPSG:${zone.epsg}, central meridian ${zone.centralMeridian}°E)`,
    },
    surveyArea: {
      zh: '登记面积：测绘成果中的登记/测绘面积',
      en: 'Survey area: the area registered in the survey',
    },
    buildingArea: {
      zh: '建筑面积：房屋建筑面积合计（㎡）',
      en: 'Building floor area: sum of building floor areas (㎡)',
    },
    signedShare: {
      zh: '签约率：（已签约＋已裁决）户数 ÷ 总户数',
      en: 'Signed: (signed + ruled) households ÷ households',
    },
    clearedShare: {
      zh: '拆除率：（已拆除＋已交地）户数 ÷ 总户数',
      en: 'Cleared: (demolished + handed over) households ÷ households',
    },
    handedOverShare: {
      zh: '交地率：已交地户数 ÷ 总户数',
      en: 'Handed over: handed-over households ÷ households',
    },
  };
}

export function areaInUnits(squareMetres: number): AreaInUnits {
  return { squareMetres, mu: squareMetresToMu(squareMetres), hectares: squareMetresToHectares(squareMetres) };
}

// One accumulator is a run of numbers in a Float64Array: households, the four area sums, the done counts, then the
// counts by signing and by clearance status (in the status tables' order).
const HOUSEHOLDS = 0;
const ELLIPSOID = 1;
const PLANE = 2;
const SURVEY = 3;
const WITHOUT_SURVEY = 4;
const BUILDING = 5;
const SIGNED = 6;
const CLEARED = 7;
const HANDED_OVER = 8;
const BY_SIGNING = 9;
const BY_CLEARANCE = BY_SIGNING + SIGNING_STATUSES.length;
const ACCUMULATOR_SIZE = BY_CLEARANCE + CLEARANCE_STATUSES.length;

function add(sums: Float64Array, offset: number, columns: ParcelColumns, index: number): void {
  const signing = columns.signing[index] as number;
  const clearance = columns.clearance[index] as number;
  const survey = columns.surveyArea[index] as number;
  const building = columns.buildingArea[index] as number;
  bump(sums, offset + HOUSEHOLDS, 1);
  bump(sums, offset + ELLIPSOID, columns.ellipsoidArea[index] as number);
  bump(sums, offset + PLANE, columns.planeArea[index] as number);
  if (Number.isNaN(survey)) bump(sums, offset + WITHOUT_SURVEY, 1);
  else bump(sums, offset + SURVEY, survey);
  if (!Number.isNaN(building)) bump(sums, offset + BUILDING, building);
  if (IS_SIGNED[signing]) bump(sums, offset + SIGNED, 1);
  if (IS_DEMOLISHED[clearance]) bump(sums, offset + CLEARED, 1);
  if (IS_HANDED_OVER[clearance]) bump(sums, offset + HANDED_OVER, 1);
  bump(sums, offset + BY_SIGNING + signing, 1);
  bump(sums, offset + BY_CLEARANCE + clearance, 1);
}

function bump(sums: Float64Array, position: number, value: number): void {
  sums[position] = (sums[position] as number) + value;
}

function toRow(key: string, sums: Float64Array, offset: number): StatisticsRow {
  const households = sums[offset + HOUSEHOLDS] as number;
  const at = (field: number) => sums[offset + field] as number;
  const share = (count: number) => (households === 0 ? 0 : count / households);
  return {
    key,
    households,
    landArea: {
      ellipsoid: areaInUnits(at(ELLIPSOID)),
      plane: areaInUnits(at(PLANE)),
      survey: areaInUnits(at(SURVEY)),
    },
    householdsWithoutSurveyArea: at(WITHOUT_SURVEY),
    buildingAreaSquareMetres: at(BUILDING),
    signedHouseholds: at(SIGNED),
    clearedHouseholds: at(CLEARED),
    handedOverHouseholds: at(HANDED_OVER),
    signedShare: share(at(SIGNED)),
    clearedShare: share(at(CLEARED)),
    handedOverShare: share(at(HANDED_OVER)),
    bySigning: Object.fromEntries(
      SIGNING_STATUSES.map((status, index) => [status.code, at(BY_SIGNING + index)]),
    ) as Record<SigningStatus, number>,
    byClearance: Object.fromEntries(
      CLEARANCE_STATUSES.map((status, index) => [status.code, at(BY_CLEARANCE + index)]),
    ) as Record<ClearanceStatus, number>,
  };
}

/** The group of each parcel as a small integer, and the key each group integer stands for. */
function groupIndex(
  columns: ParcelColumns,
  groupBy: GroupBy,
): { of: Uint8Array | Uint16Array; keys: string[] } {
  switch (groupBy) {
    case 'village':
      return { of: columns.village, keys: columns.villageCodes };
    case 'signing':
      return { of: columns.signing, keys: SIGNING_STATUSES.map((status) => status.code) };
    case 'clearance':
      return { of: columns.clearance, keys: CLEARANCE_STATUSES.map((status) => status.code) };
    case 'landClass':
      return { of: columns.landClass, keys: LAND_CLASSES.map((landClass) => landClass.code) };
    case 'none':
      return { of: new Uint8Array(columns.count), keys: ['total'] };
  }
}

/** Per code table, 1 where the filter lets the code through (an empty filter list lets everything through). */
function allowed(codes: readonly string[], selected: readonly string[]): Uint8Array {
  return Uint8Array.from(codes, (code) => (selected.length === 0 || selected.includes(code) ? 1 : 0));
}

export interface StatisticsOptions {
  groupBy: GroupBy;
  zone: GaussKrugerZone;
  asOf: string;
  /** Keys that get a row even when no parcel falls in them (e.g. every village), in this order. */
  keys?: readonly string[];
}

/**
 * Statistics of the parcels matching `filter`, grouped. Takes summaries (the web) or the store's columns (the
 * server keeps them current, so `/api/stats` does no conversion); both run the same loop over columns.
 */
export function computeStatistics(
  parcels: readonly ParcelSummary[] | ParcelColumns,
  filter: ParcelFilter,
  options: StatisticsOptions,
): StatisticsTable {
  const columns = 'count' in parcels ? parcels : toParcelColumns(parcels);
  const everything = isEmptyFilter(filter);
  const villageAllowed = allowed(columns.villageCodes, filter.villages);
  const signingAllowed = allowed(
    SIGNING_STATUSES.map((status) => status.code),
    filter.signing,
  );
  const clearanceAllowed = allowed(
    CLEARANCE_STATUSES.map((status) => status.code),
    filter.clearance,
  );
  const landClassAllowed = allowed(
    LAND_CLASSES.map((landClass) => landClass.code),
    filter.landClasses,
  );
  const cadre = filter.cadre === null ? -1 : filter.cadre ? 1 : 0;

  const groups = groupIndex(columns, options.groupBy);
  const sums = new Float64Array((groups.keys.length + 1) * ACCUMULATOR_SIZE);
  const totalOffset = groups.keys.length * ACCUMULATOR_SIZE;
  // Groups appear in the order their first parcel does, after the requested `keys`.
  const firstSeen: number[] = [];
  const seen = new Uint8Array(groups.keys.length);
  for (let index = 0; index < columns.count; index++) {
    if (
      !everything &&
      !(
        villageAllowed[columns.village[index] as number] &&
        signingAllowed[columns.signing[index] as number] &&
        clearanceAllowed[columns.clearance[index] as number] &&
        landClassAllowed[columns.landClass[index] as number] &&
        (cadre === -1 || columns.cadre[index] === cadre)
      )
    )
      continue;
    add(sums, totalOffset, columns, index);
    if (options.groupBy === 'none') continue;
    const group = groups.of[index] as number;
    if (!seen[group]) {
      seen[group] = 1;
      firstSeen.push(group);
    }
    add(sums, group * ACCUMULATOR_SIZE, columns, index);
  }
  const rows: StatisticsRow[] = [];
  const listed = new Set<string>();
  const emptySums = new Float64Array(ACCUMULATOR_SIZE);
  for (const key of options.keys ?? []) {
    const group = groups.keys.indexOf(key);
    rows.push(
      group >= 0 && seen[group] ? toRow(key, sums, group * ACCUMULATOR_SIZE) : toRow(key, emptySums, 0),
    );
    listed.add(key);
  }
  for (const group of firstSeen) {
    const key = groups.keys[group] as string;
    if (!listed.has(key)) rows.push(toRow(key, sums, group * ACCUMULATOR_SIZE));
  }
  return {
    groupBy: options.groupBy,
    rows,
    total: toRow('total', sums, totalOffset),
    measures: describeMeasures(options.zone),
    asOf: options.asOf,
  };
}
