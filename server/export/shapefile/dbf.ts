/**
 * The `.dbf` of a Shapefile: dBASE III (version byte 0x03), as shapelib and GDAL write it.
 *
 * - Field types C (text), N (number with a declared decimal count) and L (logical); names of at most 10 bytes in the
 *   file's encoding (the 11-byte name slot keeps a terminating zero).
 * - Text is encoded in UTF-8 or GBK (code page 936). The language driver byte says GBK (0x4D) or nothing (0x00: GDAL
 *   and ArcGIS then go by the `.cpg`, which they read first anyway). A C field is as wide as its longest ENCODED
 *   value (at most 254 bytes); longer values are cut at a character boundary, never inside a character's bytes.
 * - GBK cannot hold every character (e.g. 𠮷): iconv-lite writes `?` for those; UTF-8 keeps everything.
 * - Nulls as shapelib writes them: N all `*`, L `?`, C blank (readers then see an empty string or null).
 */
import { chinaDate } from '../../domain/china-time.ts';
import { encodedLength, encodeText, type ShapefileEncoding, writeEncoded } from './text-codec.ts';

export type AttributeValue = string | number | boolean | null;

export interface DbfField {
  /** At most 10 bytes in the file's encoding. */
  name: string;
  type: 'C' | 'N' | 'L';
  /** N: the total width in characters (sign and point included; default 18). C: a byte limit below 254. */
  length?: number;
  /** N only: digits after the point (default 0). */
  decimals?: number;
}

/** The language driver id (byte 29) of each encoding: 0x4D is code page 936 (GBK) in the dBASE/ArcGIS table. */
const LANGUAGE_DRIVER: Record<ShapefileEncoding, number> = { 'utf-8': 0x00, gbk: 0x4d };
/** The `.cpg` content GDAL, QGIS and ArcGIS recognise. */
export const CODE_PAGE_NAME: Record<ShapefileEncoding, string> = { 'utf-8': 'UTF-8', gbk: 'GBK' };

const MAX_NAME_BYTES = 10;
const MAX_TEXT_BYTES = 254;
const DEFAULT_NUMBER_WIDTH = 18;
// dBASE III's limit for N; wider fields are read by GDAL but not by every dBASE tool.
const MAX_NUMBER_WIDTH = 19;
const HEADER_BYTES = 32;
const DESCRIPTOR_BYTES = 32;
const HEADER_TERMINATOR = 0x0d;
const END_OF_FILE = 0x1a;
const SPACE = 0x20;

/** A value the file cannot hold as asked; the message names the field (and the value), in Chinese and English. */
export class DbfError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'DbfError';
  }
}

/** Numbers, `*`, `T`/`F`/`?` are ASCII: written code unit by code unit, with no encoder and no buffer per value. */
function writeAscii(bytes: Uint8Array, at: number, text: string): void {
  for (let index = 0; index < text.length; index++) bytes[at + index] = text.charCodeAt(index);
}

function checkedNames(fields: readonly DbfField[], encoding: ShapefileEncoding): Uint8Array[] {
  const seen = new Set<string>();
  return fields.map((field) => {
    const bytes = encodeText(field.name, encoding);
    if (bytes.length === 0 || bytes.length > MAX_NAME_BYTES) {
      throw new DbfError(
        `字段名“${field.name}”在 ${CODE_PAGE_NAME[encoding]} 编码下为 ${bytes.length} 字节，须为 1–10 字节`,
        `Field name "${field.name}" is ${bytes.length} bytes in ${CODE_PAGE_NAME[encoding]}; it must be 1–10 bytes`,
      );
    }
    // dBASE readers (and GDAL) compare field names without regard to case.
    const key = field.name.toUpperCase();
    if (seen.has(key)) {
      throw new DbfError(`字段名“${field.name}”重复`, `Duplicate field name "${field.name}"`);
    }
    seen.add(key);
    return bytes;
  });
}

function textOf(value: AttributeValue): string {
  return value === null ? '' : String(value);
}

function numberText(field: DbfField, width: number, value: AttributeValue): string {
  if (value === null || value === '' || (typeof value === 'number' && !Number.isFinite(value))) {
    return '*'.repeat(width);
  }
  const number = Number(value);
  if (!Number.isFinite(number)) {
    throw new DbfError(
      `字段“${field.name}”的值“${value}”不是数字`,
      `Field "${field.name}": value "${value}" is not a number`,
    );
  }
  const text = number.toFixed(field.decimals ?? 0);
  if (text.length > width) {
    throw new DbfError(
      `字段“${field.name}”的值 ${text} 超出字段宽度 ${width}`,
      `Field "${field.name}": value ${text} is wider than the field (${width})`,
    );
  }
  return text.padStart(width, ' ');
}

function logicalText(value: AttributeValue): string {
  if (value === null) return '?';
  return value === true || value === 'true' || value === 1 ? 'T' : 'F';
}

/** Date of last update (bytes 1–3: year − 1900, month, day), the day in China Standard Time. */
function writeDate(header: Uint8Array, date: Date): void {
  const [year, month, day] = chinaDate(date).split('-').map(Number) as [number, number, number];
  header[1] = year - 1900;
  header[2] = month;
  header[3] = day;
}

/** The `.dbf` bytes of `rows` (one per shape, in order; a missing value is null). */
export function encodeDbf(
  fields: readonly DbfField[],
  rows: readonly Readonly<Record<string, AttributeValue>>[],
  encoding: ShapefileEncoding,
  modified: Date,
): Uint8Array {
  const names = checkedNames(fields, encoding);
  const textLimits = fields.map((field) => Math.min(field.length ?? MAX_TEXT_BYTES, MAX_TEXT_BYTES));
  // A C field is as wide as its longest value in bytes of the chosen encoding (cut to the limit), at least 1.
  const widths = fields.map((field, index) => {
    if (field.type === 'L') return 1;
    if (field.type === 'N') return Math.min(field.length ?? DEFAULT_NUMBER_WIDTH, MAX_NUMBER_WIDTH);
    const limit = textLimits[index] as number;
    let longest = 1;
    for (const row of rows) {
      longest = Math.max(longest, encodedLength(textOf(row[field.name] ?? null), encoding, limit));
    }
    return longest;
  });
  const recordBytes = 1 + widths.reduce((sum, width) => sum + width, 0);
  const headerBytes = HEADER_BYTES + DESCRIPTOR_BYTES * fields.length + 1;
  if (recordBytes > 0xffff) {
    throw new DbfError(
      `记录长度 ${recordBytes} 字节超过 dBASE 上限 65535`,
      `Record length ${recordBytes} bytes exceeds the dBASE limit of 65535`,
    );
  }

  const bytes = new Uint8Array(headerBytes + recordBytes * rows.length + 1);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x03;
  writeDate(bytes, modified);
  view.setUint32(4, rows.length, true);
  view.setUint16(8, headerBytes, true);
  view.setUint16(10, recordBytes, true);
  bytes[29] = LANGUAGE_DRIVER[encoding];
  fields.forEach((field, index) => {
    const at = HEADER_BYTES + index * DESCRIPTOR_BYTES;
    bytes.set(names[index] as Uint8Array, at);
    bytes[at + 11] = field.type.charCodeAt(0);
    bytes[at + 16] = widths[index] as number;
    bytes[at + 17] = field.type === 'N' ? (field.decimals ?? 0) : 0;
  });
  bytes[headerBytes - 1] = HEADER_TERMINATOR;

  rows.forEach((row, rowIndex) => {
    let at = headerBytes + rowIndex * recordBytes;
    bytes.fill(SPACE, at, at + recordBytes);
    at += 1; // the deletion flag: a space means "not deleted"
    fields.forEach((field, fieldIndex) => {
      const width = widths[fieldIndex] as number;
      const value = row[field.name] ?? null;
      if (field.type === 'C') {
        // Left-aligned, padded with the spaces already there.
        writeEncoded(textOf(value), encoding, bytes, at, width);
      } else if (field.type === 'N') {
        writeAscii(bytes, at, numberText(field, width, value));
      } else {
        writeAscii(bytes, at, logicalText(value));
      }
      at += width;
    });
  });
  bytes[bytes.length - 1] = END_OF_FILE;
  return bytes;
}
