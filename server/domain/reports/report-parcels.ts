/**
 * The per-parcel facts a report aggregates, as typed arrays in `store.parcels()` order (the timeline's parcel
 * index), and the one aggregation of statuses into village counts that the daily report and the checks share.
 */
import type { Village } from '../parcel.ts';
import {
  IS_DEMOLISHED,
  IS_HANDED_OVER,
  IS_RULED,
  IS_SIGNED,
  IS_SURVEYED,
  IS_VACATED,
  type ParcelColumns,
} from '../parcel-columns.ts';
import type { StatusArrays } from './status-timeline.ts';

export interface ReportVillage {
  code: string;
  name: string;
  nameEn: string;
}

export interface ReportParcels {
  /** Villages in code order; parcels of a code missing from the village table get a row named by the code. */
  villages: ReportVillage[];
  villageIndex: Uint16Array;
  /** Plane land area (㎡), the park's Gauss-Krüger zone. */
  planeArea: Float64Array;
  /** Building floor area (㎡), 0 where none. */
  buildingArea: Float64Array;
}

export function reportParcels(
  columns: ParcelColumns,
  villages: readonly Pick<Village, 'code' | 'name' | 'nameEn'>[],
): ReportParcels {
  const rows: ReportVillage[] = villages.map(({ code, name, nameEn }) => ({ code, name, nameEn }));
  const indexByCode = new Map(rows.map((village, index) => [village.code, index]));
  // The columns number villages in first-seen order; reports list them in the village table's (code) order.
  const rowOfColumnVillage = columns.villageCodes.map((code) => {
    let row = indexByCode.get(code);
    if (row === undefined) {
      row = rows.length;
      rows.push({ code, name: code, nameEn: code });
      indexByCode.set(code, row);
    }
    return row;
  });
  const villageIndex = new Uint16Array(columns.count);
  const buildingArea = new Float64Array(columns.count);
  for (let index = 0; index < columns.count; index++) {
    villageIndex[index] = rowOfColumnVillage[columns.village[index] as number] as number;
    const building = columns.buildingArea[index] as number;
    buildingArea[index] = Number.isNaN(building) ? 0 : building;
  }
  return { villages: rows, villageIndex, planeArea: columns.planeArea, buildingArea };
}

/** Counts of one village (or the park) at one instant. */
export interface StatusCounts {
  households: number;
  landSquareMetres: number;
  buildingSquareMetres: number;
  surveyed: number;
  signed: number;
  ruled: number;
  vacated: number;
  demolished: number;
  handedOver: number;
  handedOverSquareMetres: number;
}

function emptyCounts(): StatusCounts {
  return {
    households: 0,
    landSquareMetres: 0,
    buildingSquareMetres: 0,
    surveyed: 0,
    signed: 0,
    ruled: 0,
    vacated: 0,
    demolished: 0,
    handedOver: 0,
    handedOverSquareMetres: 0,
  };
}

/** One pass over the parcels: counts per village (in `facts.villages` order) and the park total. */
export function countByVillage(
  facts: ReportParcels,
  statuses: StatusArrays,
): { villages: StatusCounts[]; total: StatusCounts } {
  const villages = facts.villages.map(() => emptyCounts());
  const { villageIndex, planeArea, buildingArea } = facts;
  const { signing, clearance } = statuses;
  for (let index = 0; index < villageIndex.length; index++) {
    const counts = villages[villageIndex[index] as number] as StatusCounts;
    const signingIndex = signing[index] as number;
    const clearanceIndex = clearance[index] as number;
    counts.households += 1;
    counts.landSquareMetres += planeArea[index] as number;
    counts.buildingSquareMetres += buildingArea[index] as number;
    if (IS_SURVEYED[signingIndex]) counts.surveyed += 1;
    if (IS_SIGNED[signingIndex]) counts.signed += 1;
    if (IS_RULED[signingIndex]) counts.ruled += 1;
    if (IS_VACATED[clearanceIndex]) counts.vacated += 1;
    if (IS_DEMOLISHED[clearanceIndex]) counts.demolished += 1;
    if (IS_HANDED_OVER[clearanceIndex]) {
      counts.handedOver += 1;
      counts.handedOverSquareMetres += planeArea[index] as number;
    }
  }
  const total = emptyCounts();
  for (const counts of villages) {
    for (const key of Object.keys(total) as (keyof StatusCounts)[]) total[key] += counts[key];
  }
  return { villages, total };
}
