/**
 * The packed summaries table (`packed-summary-table.ts`) as bytes on the wire: what the map's download worker asks
 * for (`Accept: application/vnd.parcel-summaries`) instead of the JSON table. The worker then neither decodes nor
 * parses 18 MB of JSON at 100k parcels nor packs it (together ~0.5–1 s of the time before the first parcels); it
 * reads a short JSON description and copies the typed arrays out.
 *
 * Layout: the magic `PSUM`, a format version (uint32 LE), the description's length in bytes (uint32 LE), the
 * description (UTF-8 JSON: the body's other members, the fields, the count and each column's kind with its
 * dictionary words or plain values), zero padding to a multiple of 8, then the columns' arrays, each starting at
 * a multiple of 8 bytes from there, little-endian. Runtime-free: used by the server and by the web.
 */
import type { PackedColumn, PackedSummariesBody, PackedSummaryTable } from './packed-summary-table.ts';
import type { ParcelSummary } from './parcel.ts';

export const PACKED_SUMMARIES_MEDIA_TYPE = 'application/vnd.parcel-summaries';

const MAGIC = [0x50, 0x53, 0x55, 0x4d]; // "PSUM"
const FORMAT_VERSION = 1;
const PREAMBLE_BYTES = 12;

type ArrayType = 'int32' | 'float64' | 'uint8' | 'uint16' | 'uint32';

/** Where one array of a column lies in the binary section. */
interface ArrayPlacement {
  type: ArrayType;
  offset: number;
  length: number;
}

type DescribedColumn =
  | { kind: 'numbers'; values: ArrayPlacement; nulls: ArrayPlacement | null }
  | { kind: 'booleans'; values: ArrayPlacement }
  | { kind: 'dictionary'; words: unknown[]; indices: ArrayPlacement }
  | { kind: 'values'; values: unknown[] };

interface Description {
  header: Record<string, unknown>;
  fields: readonly (keyof ParcelSummary)[];
  count: number;
  columns: DescribedColumn[];
}

type TypedArray = Int32Array | Float64Array | Uint8Array | Uint16Array | Uint32Array;

function arrayType(array: TypedArray): ArrayType {
  if (array instanceof Int32Array) return 'int32';
  if (array instanceof Float64Array) return 'float64';
  if (array instanceof Uint16Array) return 'uint16';
  if (array instanceof Uint32Array) return 'uint32';
  return 'uint8';
}

const alignTo8 = (value: number): number => Math.ceil(value / 8) * 8;

function describeColumn(column: PackedColumn, place: (array: TypedArray) => ArrayPlacement): DescribedColumn {
  switch (column.kind) {
    case 'numbers':
      return {
        kind: 'numbers',
        values: place(column.values),
        nulls: column.nulls ? place(column.nulls) : null,
      };
    case 'booleans':
      return { kind: 'booleans', values: place(column.values) };
    case 'dictionary':
      return { kind: 'dictionary', words: column.words, indices: place(column.indices) };
    case 'values':
      return { kind: 'values', values: column.values };
  }
}

/** The bytes of a summaries body whose table is packed. */
export function encodePackedSummaries(body: PackedSummariesBody): Uint8Array<ArrayBuffer> {
  const arrays: { array: TypedArray; offset: number }[] = [];
  let binaryLength = 0;
  const place = (array: TypedArray): ArrayPlacement => {
    const offset = binaryLength;
    arrays.push({ array, offset });
    binaryLength = alignTo8(offset + array.byteLength);
    return { type: arrayType(array), offset, length: array.length };
  };
  const columns = body.table.columns.map((column) => describeColumn(column, place));
  const description: Description = {
    header: body.header,
    fields: body.table.fields,
    count: body.table.count,
    columns,
  };
  const json = new TextEncoder().encode(JSON.stringify(description));
  const binaryStart = alignTo8(PREAMBLE_BYTES + json.length);
  const bytes = new Uint8Array(binaryStart + binaryLength);
  bytes.set(MAGIC, 0);
  const view = new DataView(bytes.buffer);
  view.setUint32(4, FORMAT_VERSION, true);
  view.setUint32(8, json.length, true);
  bytes.set(json, PREAMBLE_BYTES);
  for (const { array, offset } of arrays) {
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), binaryStart + offset);
  }
  return bytes;
}

const ARRAY_TYPES = {
  int32: Int32Array,
  float64: Float64Array,
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
} as const;

function readColumn(column: DescribedColumn, read: (placement: ArrayPlacement) => TypedArray): PackedColumn {
  switch (column.kind) {
    case 'numbers':
      return {
        kind: 'numbers',
        values: read(column.values) as Int32Array | Float64Array,
        nulls: column.nulls ? (read(column.nulls) as Uint8Array) : null,
      };
    case 'booleans':
      return { kind: 'booleans', values: read(column.values) as Uint8Array };
    case 'dictionary':
      return {
        kind: 'dictionary',
        words: column.words,
        indices: read(column.indices) as Uint16Array | Uint32Array,
      };
    case 'values':
      return { kind: 'values', values: column.values };
  }
}

/** The body of `encodePackedSummaries`'s bytes, its arrays copied out (each its own buffer, to move on). */
export function decodePackedSummaries(buffer: ArrayBuffer): PackedSummariesBody {
  const bytes = new Uint8Array(buffer);
  if (bytes.length < PREAMBLE_BYTES || MAGIC.some((byte, index) => bytes[index] !== byte)) {
    throw new Error('not a packed summaries table');
  }
  const view = new DataView(buffer);
  const version = view.getUint32(4, true);
  if (version !== FORMAT_VERSION) throw new Error(`packed summaries format ${version} is not known`);
  const jsonLength = view.getUint32(8, true);
  const description = JSON.parse(
    new TextDecoder().decode(bytes.subarray(PREAMBLE_BYTES, PREAMBLE_BYTES + jsonLength)),
  ) as Description;
  const binaryStart = alignTo8(PREAMBLE_BYTES + jsonLength);
  const read = ({ type, offset, length }: ArrayPlacement) => {
    const ArrayOfType = ARRAY_TYPES[type];
    const start = binaryStart + offset;
    const end = start + length * ArrayOfType.BYTES_PER_ELEMENT;
    if (end > buffer.byteLength) throw new Error('packed summaries table is truncated');
    return new ArrayOfType(buffer.slice(start, end));
  };
  const columns = description.columns.map((column) => readColumn(column, read));
  const table: PackedSummaryTable = { fields: description.fields, columns, count: description.count };
  return { header: description.header, table };
}
