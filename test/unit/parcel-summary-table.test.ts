import { describe, expect, it } from 'vitest';
import {
  fromSummaryTable,
  PARCEL_SUMMARY_FIELDS,
  toSummaryTable,
} from '../../server/domain/parcel-summary-table.ts';
import { parcelSummary } from '../support/summaries.ts';

describe('the summaries table on the wire', () => {
  const parcels = [
    parcelSummary(1),
    parcelSummary(2, { village: 'V01', signing: 'signed', buildingArea: null, structure: null, cadre: true }),
    parcelSummary(3, { surveyArea: 612.5, holder: '李堃', updatedAt: '2026-11-26T08:00:00+08:00' }),
  ];

  it('has one column per field, each with every parcel in order', () => {
    const table = toSummaryTable(parcels);
    expect(table.fields).toEqual(PARCEL_SUMMARY_FIELDS);
    expect(table.columns).toHaveLength(PARCEL_SUMMARY_FIELDS.length);
    for (const column of table.columns) expect(column).toHaveLength(parcels.length);
    expect(table.columns[PARCEL_SUMMARY_FIELDS.indexOf('id')]).toEqual([1, 2, 3]);
    expect(table.columns[PARCEL_SUMMARY_FIELDS.indexOf('village')]).toEqual(['V03', 'V01', 'V03']);
  });

  it('gives back the same summaries through JSON, nulls and booleans included', () => {
    const table = JSON.parse(JSON.stringify(toSummaryTable(parcels)));
    expect(fromSummaryTable(table)).toEqual(parcels);
    expect(fromSummaryTable(toSummaryTable([]))).toEqual([]);
  });
});
