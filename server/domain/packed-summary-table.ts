/**
 * The summaries table (`parcel-summary-table.ts`) packed by column: what the map's download worker hands to the
 * main thread, and (as bytes, `packed-summary-wire.ts`) what the server sends that worker. Parsing 18 MB of JSON at
 * 100k parcels costs ~250 ms, and the main thread is busy starting WebGL meanwhile; a packed table arrives as typed
 * arrays (moved, not copied), short dictionaries and the few string columns that do not repeat (code, holder,
 * time), and is unpacked one column at a time. Runtime-free: used by the server and by the web.
 *
 * Columns are packed by what they hold, whatever the field: whole numbers as an `Int32Array`, other numbers (nulls
 * allowed) as a `Float64Array` with a null mask, booleans as bytes, strings that repeat (village, status, land
 * class…) as a dictionary and indices, and anything else as it came.
 */
import type { ParcelSummary } from './parcel.ts';
import { fromSummaryTable, type ParcelSummaryTable } from './parcel-summary-table.ts';

export type PackedColumn =
  | { kind: 'numbers'; values: Float64Array | Int32Array; nulls: Uint8Array | null }
  | { kind: 'booleans'; values: Uint8Array }
  | { kind: 'dictionary'; words: unknown[]; indices: Uint16Array | Uint32Array }
  | { kind: 'values'; values: unknown[] };

export interface PackedSummaryTable {
  fields: readonly (keyof ParcelSummary)[];
  columns: PackedColumn[];
  count: number;
}

/** A column whose distinct values are fewer than this share of its length is sent as a dictionary. */
const DICTIONARY_SHARE = 0.25;

export function packColumn(column: readonly unknown[]): PackedColumn {
  if (column.every((value) => typeof value === 'number' || value === null)) {
    const values = new Float64Array(column.length);
    let nulls: Uint8Array | null = null;
    column.forEach((value, index) => {
      if (value === null) {
        nulls ??= new Uint8Array(column.length);
        nulls[index] = 1;
      } else {
        values[index] = value as number;
      }
    });
    // Whole numbers (ids, versions) as 32-bit integers: read back as small integers, which V8 keeps unboxed in the
    // objects and hashes fast as map keys, where doubles would be boxed numbers.
    if (
      !nulls &&
      values.every((value) => Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31)
    ) {
      return { kind: 'numbers', values: Int32Array.from(values), nulls };
    }
    return { kind: 'numbers', values, nulls };
  }
  if (column.every((value) => typeof value === 'boolean')) {
    return { kind: 'booleans', values: Uint8Array.from(column as boolean[], Number) };
  }
  const wordIndex = new Map<unknown, number>();
  const indices = column.length < 0x10000 ? new Uint16Array(column.length) : new Uint32Array(column.length);
  for (let index = 0; index < column.length; index++) {
    const value = column[index];
    let word = wordIndex.get(value);
    if (word === undefined) {
      word = wordIndex.size;
      // Past the share, a dictionary saves nothing: stop counting.
      if (word >= column.length * DICTIONARY_SHARE) return { kind: 'values', values: [...column] };
      wordIndex.set(value, word);
    }
    indices[index] = word;
  }
  return { kind: 'dictionary', words: [...wordIndex.keys()], indices };
}

export function packSummaryTable(table: ParcelSummaryTable): PackedSummaryTable {
  return {
    fields: table.fields,
    columns: table.columns.map(packColumn),
    count: table.columns[0]?.length ?? 0,
  };
}

/** A summaries body (`{ fields, columns, …header }`) with its table packed and every other member as it came. */
export interface PackedSummariesBody {
  header: Record<string, unknown>;
  table: PackedSummaryTable;
}

/** The body to post and its transfer list. */
export function packSummariesBody<Body extends ParcelSummaryTable>(
  body: Body,
): {
  body: PackedSummariesBody;
  transfer: ArrayBuffer[];
} {
  const { fields, columns, ...header } = body as ParcelSummaryTable & Record<string, unknown>;
  const table = packSummaryTable({ fields, columns });
  return { body: { header, table }, transfer: transferablesOf(table) };
}

/** The buffers to move (`postMessage`'s transfer list) rather than copy. */
export function transferablesOf(table: PackedSummaryTable): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const column of table.columns) {
    if (column.kind === 'numbers') {
      buffers.push(column.values.buffer as ArrayBuffer);
      if (column.nulls) buffers.push(column.nulls.buffer as ArrayBuffer);
    } else if (column.kind === 'booleans') {
      buffers.push(column.values.buffer as ArrayBuffer);
    } else if (column.kind === 'dictionary') {
      buffers.push(column.indices.buffer as ArrayBuffer);
    }
  }
  return buffers;
}

/** A packed column as values again (numbers without nulls stay in their typed array): one loop per column. */
export function unpackColumn(column: PackedColumn, count: number): ArrayLike<unknown> {
  const values = new Array<unknown>(count);
  switch (column.kind) {
    case 'numbers': {
      const { nulls } = column;
      if (!nulls) return column.values;
      for (let index = 0; index < count; index++) {
        values[index] = nulls?.[index] ? null : column.values[index];
      }
      return values;
    }
    case 'booleans':
      for (let index = 0; index < count; index++) values[index] = column.values[index] === 1;
      return values;
    case 'dictionary':
      for (let index = 0; index < count; index++)
        values[index] = column.words[column.indices[index] as number];
      return values;
    case 'values':
      return column.values;
  }
}

/** The summaries, in table order (built as the JSON table's are: `fromSummaryTable`). */
export function unpackSummaryTable(table: PackedSummaryTable): ParcelSummary[] {
  return fromSummaryTable({
    fields: table.fields,
    columns: table.columns.map((column) => unpackColumn(column, table.count)),
  });
}
