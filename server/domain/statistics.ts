/**
 * The one statistics function. The legend counts, the statistics table, `/api/stats` and every export's statistics
 * come from `computeStatistics`, over precomputed per-parcel areas (no geometry work at request time).
 * Sums are kept in full precision; rounding to 4 decimals (亩) and 2 decimals (㎡) happens only when a number is shown
 * or written (see `units.ts`).
 */
import type { GaussKrugerZone } from './areas.ts';
import { isEmptyFilter, matchesFilter, type ParcelFilter } from './filters.ts';
import type { ParcelSummary } from './parcel.ts';
import {
  CLEARANCE_DONE,
  CLEARANCE_STATUSES,
  type ClearanceStatus,
  SIGNING_DONE,
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

interface Accumulator {
  households: number;
  ellipsoid: number;
  plane: number;
  survey: number;
  householdsWithoutSurveyArea: number;
  building: number;
  signed: number;
  cleared: number;
  handedOver: number;
  /** Counts by position in SIGNING_STATUSES / CLEARANCE_STATUSES: arrays keep the hot loop monomorphic. */
  bySigning: number[];
  byClearance: number[];
}

// Status code → position in the status table, and whether it counts as done: looked up once per parcel.
const SIGNING_INDEX = new Map<string, number>(SIGNING_STATUSES.map((status, index) => [status.code, index]));
const CLEARANCE_INDEX = new Map<string, number>(
  CLEARANCE_STATUSES.map((status, index) => [status.code, index]),
);
const SIGNING_IS_DONE = SIGNING_STATUSES.map((status) => SIGNING_DONE.includes(status.code));
const CLEARANCE_IS_DONE = CLEARANCE_STATUSES.map((status) => CLEARANCE_DONE.includes(status.code));
const HANDED_OVER_INDEX = CLEARANCE_INDEX.get('handedOver') as number;

function emptyAccumulator(): Accumulator {
  return {
    households: 0,
    ellipsoid: 0,
    plane: 0,
    survey: 0,
    householdsWithoutSurveyArea: 0,
    building: 0,
    signed: 0,
    cleared: 0,
    handedOver: 0,
    bySigning: SIGNING_STATUSES.map(() => 0),
    byClearance: CLEARANCE_STATUSES.map(() => 0),
  };
}

function add(
  accumulator: Accumulator,
  parcel: ParcelSummary,
  signingIndex: number,
  clearanceIndex: number,
): void {
  accumulator.households += 1;
  accumulator.ellipsoid += parcel.ellipsoidArea;
  accumulator.plane += parcel.planeArea;
  if (parcel.surveyArea === null) accumulator.householdsWithoutSurveyArea += 1;
  else accumulator.survey += parcel.surveyArea;
  if (parcel.buildingArea !== null) accumulator.building += parcel.buildingArea;
  if (SIGNING_IS_DONE[signingIndex]) accumulator.signed += 1;
  if (CLEARANCE_IS_DONE[clearanceIndex]) accumulator.cleared += 1;
  if (clearanceIndex === HANDED_OVER_INDEX) accumulator.handedOver += 1;
  accumulator.bySigning[signingIndex] = (accumulator.bySigning[signingIndex] as number) + 1;
  accumulator.byClearance[clearanceIndex] = (accumulator.byClearance[clearanceIndex] as number) + 1;
}

function toRow(key: string, accumulator: Accumulator): StatisticsRow {
  const share = (count: number) => (accumulator.households === 0 ? 0 : count / accumulator.households);
  return {
    key,
    households: accumulator.households,
    landArea: {
      ellipsoid: areaInUnits(accumulator.ellipsoid),
      plane: areaInUnits(accumulator.plane),
      survey: areaInUnits(accumulator.survey),
    },
    householdsWithoutSurveyArea: accumulator.householdsWithoutSurveyArea,
    buildingAreaSquareMetres: accumulator.building,
    signedHouseholds: accumulator.signed,
    clearedHouseholds: accumulator.cleared,
    handedOverHouseholds: accumulator.handedOver,
    signedShare: share(accumulator.signed),
    clearedShare: share(accumulator.cleared),
    handedOverShare: share(accumulator.handedOver),
    bySigning: Object.fromEntries(
      SIGNING_STATUSES.map((status, index) => [status.code, accumulator.bySigning[index] as number]),
    ) as Record<SigningStatus, number>,
    byClearance: Object.fromEntries(
      CLEARANCE_STATUSES.map((status, index) => [status.code, accumulator.byClearance[index] as number]),
    ) as Record<ClearanceStatus, number>,
  };
}

function groupKey(parcel: ParcelSummary, groupBy: GroupBy): string {
  switch (groupBy) {
    case 'village':
      return parcel.village;
    case 'signing':
      return parcel.signing;
    case 'clearance':
      return parcel.clearance;
    case 'landClass':
      return parcel.landClass;
    case 'none':
      return 'total';
  }
}

export interface StatisticsOptions {
  groupBy: GroupBy;
  zone: GaussKrugerZone;
  asOf: string;
  /** Keys that get a row even when no parcel falls in them (e.g. every village), in this order. */
  keys?: readonly string[];
}

export function computeStatistics(
  parcels: Iterable<ParcelSummary>,
  filter: ParcelFilter,
  options: StatisticsOptions,
): StatisticsTable {
  const groups = new Map<string, Accumulator>();
  for (const key of options.keys ?? []) groups.set(key, emptyAccumulator());
  const total = emptyAccumulator();
  const everything = isEmptyFilter(filter);
  for (const parcel of parcels) {
    if (!everything && !matchesFilter(parcel, filter)) continue;
    const signingIndex = SIGNING_INDEX.get(parcel.signing) as number;
    const clearanceIndex = CLEARANCE_INDEX.get(parcel.clearance) as number;
    add(total, parcel, signingIndex, clearanceIndex);
    if (options.groupBy === 'none') continue;
    const key = groupKey(parcel, options.groupBy);
    let group = groups.get(key);
    if (!group) {
      group = emptyAccumulator();
      groups.set(key, group);
    }
    add(group, parcel, signingIndex, clearanceIndex);
  }
  return {
    groupBy: options.groupBy,
    rows: [...groups].map(([key, accumulator]) => toRow(key, accumulator)),
    total: toRow('total', total),
    measures: describeMeasures(options.zone),
    asOf: options.asOf,
  };
}
