/**
 * Parcel summaries as columns of typed arrays: what statistics and the as-of replay loop over. A pass over 100k
 * parcels then reads a few contiguous arrays instead of chasing 100k objects and hashing their status strings.
 * Position i is the i-th parcel of `ParcelStore.parcels()` (the geometry buffer's order).
 */
import type { ParcelSummary } from './parcel.ts';
import {
  CLEARANCE_DONE,
  CLEARANCE_STATUSES,
  LAND_CLASSES,
  SIGNING_DONE,
  SIGNING_STATUSES,
} from './statuses.ts';

export interface ParcelColumns {
  count: number;
  /** Village codes in first-seen order; `village[i]` indexes into it. */
  villageCodes: string[];
  village: Uint16Array;
  /** Indexes into SIGNING_STATUSES, CLEARANCE_STATUSES and LAND_CLASSES. */
  signing: Uint8Array;
  clearance: Uint8Array;
  landClass: Uint8Array;
  cadre: Uint8Array;
  ellipsoidArea: Float64Array;
  planeArea: Float64Array;
  /** NaN where the summary has null. */
  surveyArea: Float64Array;
  buildingArea: Float64Array;
}

export const SIGNING_INDEX: ReadonlyMap<string, number> = new Map(
  SIGNING_STATUSES.map((status, index) => [status.code, index]),
);
export const CLEARANCE_INDEX: ReadonlyMap<string, number> = new Map(
  CLEARANCE_STATUSES.map((status, index) => [status.code, index]),
);
export const LAND_CLASS_INDEX: ReadonlyMap<string, number> = new Map(
  LAND_CLASSES.map((landClass, index) => [landClass.code, index]),
);

// What each status index counts for, derived from the one status table (order and the *_DONE lists): shared by the
// statistics, the daily report and the progress series, so a 口径 is defined once.
export const IS_SURVEYED = SIGNING_STATUSES.map((status) => status.order >= 1);
/** 签约: signed or ruled. */
export const IS_SIGNED = SIGNING_STATUSES.map((status) => SIGNING_DONE.includes(status.code));
export const IS_RULED = SIGNING_STATUSES.map((status) => status.code === 'ruled');
export const IS_VACATED = CLEARANCE_STATUSES.map((status) => status.order >= 1);
/** 拆除 (cleared): demolished or handed over. */
export const IS_DEMOLISHED = CLEARANCE_STATUSES.map((status) => CLEARANCE_DONE.includes(status.code));
export const IS_HANDED_OVER = CLEARANCE_STATUSES.map((status) => status.code === 'handedOver');

export function toParcelColumns(parcels: readonly ParcelSummary[]): ParcelColumns {
  const count = parcels.length;
  const columns: ParcelColumns = {
    count,
    villageCodes: [],
    village: new Uint16Array(count),
    signing: new Uint8Array(count),
    clearance: new Uint8Array(count),
    landClass: new Uint8Array(count),
    cadre: new Uint8Array(count),
    ellipsoidArea: new Float64Array(count),
    planeArea: new Float64Array(count),
    surveyArea: new Float64Array(count),
    buildingArea: new Float64Array(count),
  };
  const villageIndex = new Map<string, number>();
  for (let index = 0; index < count; index++) {
    const parcel = parcels[index] as ParcelSummary;
    let village = villageIndex.get(parcel.village);
    if (village === undefined) {
      village = columns.villageCodes.length;
      columns.villageCodes.push(parcel.village);
      villageIndex.set(parcel.village, village);
    }
    columns.village[index] = village;
    columns.landClass[index] = LAND_CLASS_INDEX.get(parcel.landClass) ?? LAND_CLASSES.length - 1;
    columns.cadre[index] = parcel.cadre ? 1 : 0;
    columns.ellipsoidArea[index] = parcel.ellipsoidArea;
    columns.planeArea[index] = parcel.planeArea;
    columns.surveyArea[index] = parcel.surveyArea ?? Number.NaN;
    columns.buildingArea[index] = parcel.buildingArea ?? Number.NaN;
    setStatusColumns(columns, index, parcel);
  }
  return columns;
}

/** After a status change: the only columns a status change touches. */
export function setStatusColumns(
  columns: ParcelColumns,
  index: number,
  parcel: Pick<ParcelSummary, 'signing' | 'clearance'>,
): void {
  columns.signing[index] = SIGNING_INDEX.get(parcel.signing) as number;
  columns.clearance[index] = CLEARANCE_INDEX.get(parcel.clearance) as number;
}
