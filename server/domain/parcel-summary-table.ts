/**
 * Parcel summaries on the wire as one columnar table: field names once, then one array of values per parcel, in
 * the same order as the geometry buffer. About a third of the size of an array of objects, and the web turns it
 * back into `ParcelSummary` objects for the shared filter and statistics functions.
 */
import type { ParcelSummary } from './parcel.ts';

export const PARCEL_SUMMARY_FIELDS = [
  'id',
  'code',
  'holder',
  'village',
  'group',
  'landClass',
  'buildingArea',
  'structure',
  'cadre',
  'signing',
  'clearance',
  'surveyArea',
  'ellipsoidArea',
  'planeArea',
  'version',
  'updatedAt',
] as const satisfies readonly (keyof ParcelSummary)[];

export interface ParcelSummaryTable {
  fields: readonly (keyof ParcelSummary)[];
  rows: unknown[][];
}

export function toSummaryTable(parcels: Iterable<ParcelSummary>): ParcelSummaryTable {
  const rows: unknown[][] = [];
  for (const parcel of parcels) rows.push(PARCEL_SUMMARY_FIELDS.map((field) => parcel[field]));
  return { fields: PARCEL_SUMMARY_FIELDS, rows };
}

export function fromSummaryTable(table: ParcelSummaryTable): ParcelSummary[] {
  return table.rows.map((row) => {
    const parcel: Record<string, unknown> = {};
    table.fields.forEach((field, index) => {
      parcel[field] = row[index];
    });
    return parcel as unknown as ParcelSummary;
  });
}
