import { describe, expect, it } from 'vitest';
import {
  packColumn,
  packSummariesBody,
  transferablesOf,
  unpackSummaryTable,
} from '../../server/domain/packed-summary-table.ts';
import { decodePackedSummaries, encodePackedSummaries } from '../../server/domain/packed-summary-wire.ts';
import type { ParcelSummary } from '../../server/domain/parcel.ts';
import {
  fromSummaryTable,
  PARCEL_SUMMARY_FIELDS,
  toSummaryTable,
} from '../../server/domain/parcel-summary-table.ts';
import { parcelSummary } from '../support/summaries.ts';

const VILLAGES = ['V01', 'V02', 'V03'];
const SIGNING = ['surveyed', 'appraised', 'signed'] as const;

/** Enough parcels for the repeating columns to pack as dictionaries, with nulls and cadre households among them. */
function park(count: number): ParcelSummary[] {
  return Array.from({ length: count }, (_, index) =>
    parcelSummary(index + 1, {
      village: VILLAGES[index % 3] as string,
      signing: SIGNING[index % 3] as ParcelSummary['signing'],
      holder: index === 7 ? '李堃' : `户主${index}`,
      buildingArea: index % 5 === 0 ? null : 80 + index / 8,
      structure: index % 5 === 0 ? null : 'brickWood',
      surveyArea: index % 4 === 0 ? 612.5 + index : null,
      cadre: index % 11 === 0,
      ellipsoidArea: 400 + index * 0.123456789,
      version: 1 + (index % 6),
    }),
  );
}

/** What the main thread receives: the packed body after a structured clone that moves the transfer list. */
function handOver(parcels: readonly ParcelSummary[]) {
  const body = {
    asOf: '2026-11-26T08:00:00+08:00',
    revision: 42,
    geometryRevision: 3,
    ...toSummaryTable(parcels),
  };
  const { body: packed, transfer } = packSummariesBody(JSON.parse(JSON.stringify(body)));
  return { packed, transfer, received: structuredClone(packed, { transfer }) };
}

describe('summaries packed by the download worker', () => {
  it('gives back exactly the summaries the JSON table gives, after crossing threads', () => {
    const parcels = park(240);
    const { received } = handOver(parcels);
    expect(unpackSummaryTable(received.table)).toEqual(parcels);
    expect(received.header).toEqual({ asOf: '2026-11-26T08:00:00+08:00', revision: 42, geometryRevision: 3 });
  });

  it('packs each column by what it holds: numbers with a null mask, bytes, a dictionary, or as it came', () => {
    const { received: packed } = handOver(park(240));
    const kindOf = (field: keyof ParcelSummary) =>
      packed.table.columns[PARCEL_SUMMARY_FIELDS.indexOf(field as never)]?.kind;
    expect(kindOf('id')).toBe('numbers');
    expect(kindOf('buildingArea')).toBe('numbers');
    expect(kindOf('cadre')).toBe('booleans');
    expect(kindOf('village')).toBe('dictionary');
    expect(kindOf('structure')).toBe('dictionary');
    expect(kindOf('code')).toBe('values');
    expect(kindOf('holder')).toBe('values');
    const buildingArea = packed.table.columns[PARCEL_SUMMARY_FIELDS.indexOf('buildingArea')];
    expect(buildingArea?.kind === 'numbers' && buildingArea.nulls?.[0]).toBe(1);
    const id = packed.table.columns[PARCEL_SUMMARY_FIELDS.indexOf('id')];
    expect(id?.kind === 'numbers' && id.nulls).toBeNull();
    // Whole numbers travel as 32-bit integers, fractions as doubles.
    expect(id?.kind === 'numbers' && id.values).toBeInstanceOf(Int32Array);
    const ellipsoidArea = packed.table.columns[PARCEL_SUMMARY_FIELDS.indexOf('ellipsoidArea')];
    expect(ellipsoidArea?.kind === 'numbers' && ellipsoidArea.values).toBeInstanceOf(Float64Array);
  });

  it('moves every typed array rather than copying it', () => {
    const { packed, transfer } = handOver(park(240));
    const typedColumns = packed.table.columns.filter((column) => column.kind !== 'values');
    expect(transfer.length).toBeGreaterThanOrEqual(typedColumns.length);
    // Moved buffers are detached on the sending side.
    for (const buffer of transfer) expect(buffer.byteLength).toBe(0);
  });

  it('keeps a column of few distinct values in full once they stop repeating, and packs an empty park', () => {
    expect(packColumn(['a', 'b', 'c', 'd']).kind).toBe('values');
    expect(packColumn(['a', 'b', 'a', 'a', 'a', 'a', 'a', 'a', 'a']).kind).toBe('dictionary');
    expect(unpackSummaryTable(handOver([]).received.table)).toEqual([]);
  });
});

describe('summaries built from a table', () => {
  it('have their fields in the wire order, the same shape for every parcel', () => {
    const parcels = fromSummaryTable(JSON.parse(JSON.stringify(toSummaryTable(park(3)))));
    for (const parcel of parcels) expect(Object.keys(parcel)).toEqual([...PARCEL_SUMMARY_FIELDS]);
  });
});

describe('summaries packed on the wire (the map download worker asks the server for them)', () => {
  const body = () => {
    const parcels = park(240);
    const header = { asOf: '2026-11-26T08:00:00+08:00', revision: 42, geometryRevision: 3 };
    return { parcels, header, packed: packSummariesBody({ ...header, ...toSummaryTable(parcels) }).body };
  };

  it('gives back exactly the summaries and the header the JSON table gives', () => {
    const { parcels, header, packed } = body();
    const bytes = encodePackedSummaries(packed);
    const decoded = decodePackedSummaries(bytes.buffer.slice(0));
    expect(decoded.header).toEqual(header);
    expect(unpackSummaryTable(decoded.table)).toEqual(parcels);
    // Columns keep their kinds and typed arrays (32-bit ids, doubles, bytes, 16-bit dictionary indices).
    expect(decoded.table.columns.map((column) => column.kind)).toEqual(
      packed.table.columns.map((column) => column.kind),
    );
    const id = decoded.table.columns[PARCEL_SUMMARY_FIELDS.indexOf('id')];
    expect(id?.kind === 'numbers' && id.values).toBeInstanceOf(Int32Array);
  });

  it('gives each array a buffer of its own, so that all can be moved to another thread', () => {
    const decoded = decodePackedSummaries(encodePackedSummaries(body().packed).buffer);
    const transfer = transferablesOf(decoded.table);
    expect(new Set(transfer).size).toBe(transfer.length);
    const moved = structuredClone(decoded, { transfer });
    expect(unpackSummaryTable(moved.table)).toEqual(body().parcels);
  });

  it('refuses bytes that are not a packed table, or are cut short', () => {
    expect(() => decodePackedSummaries(new TextEncoder().encode('{"fields":[]}').buffer)).toThrow(
      /not a packed summaries table/,
    );
    const bytes = encodePackedSummaries(body().packed);
    expect(() => decodePackedSummaries(bytes.buffer.slice(0, bytes.length - 100))).toThrow(/truncated/);
  });

  it('packs an empty park', () => {
    const empty = packSummariesBody({ revision: 1, ...toSummaryTable([]) }).body;
    expect(unpackSummaryTable(decodePackedSummaries(encodePackedSummaries(empty).buffer).table)).toEqual([]);
  });
});
