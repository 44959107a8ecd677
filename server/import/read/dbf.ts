/**
 * dBASE III/IV table (`.dbf`), the attributes of a Shapefile (ESRI Shapefile Technical Description, 1998, and the
 * dBASE file format as written by ArcGIS, GDAL and Chinese survey software). Field types C, N, F, L, D are read;
 * other types are kept as text. The text encoding is the option, else the `.cpg`, else the language-driver byte,
 * else detected (valid UTF-8 → UTF-8, otherwise GBK).
 */
import type { BilingualMessage } from '../../domain/transitions.ts';
import type { SourceField, SourceLayer, SourceValue, WantedAttributes } from '../source.ts';
import { SourceError } from '../source.ts';
import { encodingOption, isValidUtf8, normalizeEncodingName } from './text-encoding.ts';

const HEADER_BYTES = 32;
const FIELD_DESCRIPTOR_BYTES = 32;
const FIELD_TERMINATOR = 0x0d;
const DELETED_FLAG = 0x2a; // '*'
const LANGUAGE_DRIVER_OFFSET = 29;

/**
 * Language-driver ids (byte 29) that name an encoding TextDecoder knows (ESRI's list, as used by GDAL's
 * Shapefile driver). 0x00 and 0x57 ("ANSI": the writer's system code page) say nothing, so the text is inspected.
 */
const LANGUAGE_DRIVERS: Record<number, string> = {
  3: 'windows-1252',
  19: 'shift_jis',
  77: 'gbk',
  78: 'euc-kr',
  79: 'big5',
  88: 'windows-1252',
  89: 'windows-1252',
  120: 'big5',
  121: 'euc-kr',
  122: 'gbk',
  123: 'shift_jis',
  200: 'windows-1250',
  201: 'windows-1251',
  202: 'windows-1254',
  203: 'windows-1253',
  204: 'windows-1257',
};

interface DbfFieldDescriptor {
  nameBytes: Uint8Array;
  type: string;
  length: number;
  decimals: number;
  /** Offset of the field within a record (after the deletion flag). */
  offset: number;
}

export interface DbfHeader {
  recordCount: number;
  headerLength: number;
  recordLength: number;
  languageDriver: number;
  descriptors: DbfFieldDescriptor[];
}

function truncated(fileName: string): SourceError {
  return new SourceError({ zh: `文件不完整：${fileName}`, en: `file is truncated: ${fileName}` }, fileName);
}

/** The record count from the 32-byte header (deleted records included). */
export function readDbfRecordCount(bytes: Uint8Array, fileName: string): number {
  if (bytes.length < HEADER_BYTES) throw truncated(fileName);
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
}

export function readDbfHeader(bytes: Uint8Array, fileName: string): DbfHeader {
  if (bytes.length < HEADER_BYTES) throw truncated(fileName);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const recordCount = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  if (headerLength > bytes.length) throw truncated(fileName);
  const descriptors: DbfFieldDescriptor[] = [];
  let recordOffset = 1;
  for (
    let cursor = HEADER_BYTES;
    cursor + FIELD_DESCRIPTOR_BYTES <= headerLength && bytes[cursor] !== FIELD_TERMINATOR;
    cursor += FIELD_DESCRIPTOR_BYTES
  ) {
    const nameBytes = bytes.subarray(cursor, cursor + 11);
    const nul = nameBytes.indexOf(0);
    const length = bytes[cursor + 16] as number;
    descriptors.push({
      nameBytes: nul < 0 ? nameBytes : nameBytes.subarray(0, nul),
      type: String.fromCharCode(bytes[cursor + 11] as number).toUpperCase(),
      length,
      decimals: bytes[cursor + 17] as number,
      offset: recordOffset,
    });
    recordOffset += length;
  }
  if (recordOffset > recordLength) {
    throw new SourceError(
      {
        zh: `DBF 字段宽度之和超过记录长度，文件已损坏：${fileName}`,
        en: `the DBF field widths exceed the record length; the file is corrupt: ${fileName}`,
      },
      fileName,
    );
  }
  // The 0x1A end-of-file marker is optional; the records themselves must all be there.
  if (headerLength + recordCount * recordLength > bytes.length) throw truncated(fileName);
  return {
    recordCount,
    headerLength,
    recordLength,
    languageDriver: bytes[LANGUAGE_DRIVER_OFFSET] as number,
    descriptors,
  };
}

export type DbfEncoding = SourceLayer['encoding'];

/** Field types whose bytes are ASCII digits or binary: never text in the file's encoding. */
const NON_TEXT_TYPES = new Set(['N', 'F', 'L', 'D', 'I', 'B', 'O', '@', '+', 'Y', 'T', 'G', 'P']);

/**
 * The encoding to decode with, and a note when the file's own label was overruled: a `.cpg` or language driver that
 * says UTF-8 over text that is not UTF-8 (GBK text under a copied `.cpg`) would decode every Chinese name to
 * replacement characters, so such text is read as GBK, and the report says why.
 */
export function chooseDbfEncoding(
  bytes: Uint8Array,
  header: DbfHeader,
  options: { cpg?: string | undefined; encoding?: string | undefined },
  fileName: string,
): { encoding: DbfEncoding; note: BilingualMessage | null } {
  if (options.encoding) {
    return { encoding: { name: encodingOption(options.encoding, fileName), source: 'option' }, note: null };
  }
  const cpgName = options.cpg === undefined ? undefined : normalizeEncodingName(options.cpg);
  const driverName = LANGUAGE_DRIVERS[header.languageDriver];
  const declared: DbfEncoding | null = cpgName
    ? { name: cpgName, source: 'cpg' }
    : driverName
      ? { name: driverName, source: 'dbf-language-driver' }
      : null;
  if (declared?.name === 'utf-8' && !looksLikeUtf8(bytes, header)) {
    const label = declared.source === 'cpg' ? '.cpg' : 'language driver';
    return {
      encoding: { name: 'gbk', source: 'detected' },
      note: {
        zh: `${fileName} 的${declared.source === 'cpg' ? ' .cpg ' : '语言驱动'}标为 UTF-8，但文字不是 UTF-8：按 GBK 读取（如不对，请指定字符编码）`,
        en: `${fileName}: the ${label} says UTF-8 but the text is not UTF-8: read as GBK (choose the encoding if that is wrong)`,
      },
    };
  }
  if (declared) return { encoding: declared, note: null };
  return {
    encoding: { name: looksLikeUtf8(bytes, header) ? 'utf-8' : 'gbk', source: 'detected' },
    note: null,
  };
}

function looksLikeUtf8(bytes: Uint8Array, header: DbfHeader): boolean {
  for (const descriptor of header.descriptors) {
    if (!isValidUtf8(descriptor.nameBytes, 0, descriptor.nameBytes.length, true)) return false;
  }
  const recordsEnd = header.headerLength + header.recordCount * header.recordLength;
  // Checked field by field, not as one range, so that text cut mid-character at a field's width still counts.
  const textFields = header.descriptors.filter((descriptor) => !NON_TEXT_TYPES.has(descriptor.type));
  for (let start = header.headerLength; start < recordsEnd; start += header.recordLength) {
    for (const field of textFields) {
      let end = start + field.offset + field.length;
      while (end > start + field.offset && bytes[end - 1] === 0x20) end--;
      if (!isValidUtf8(bytes, start + field.offset, end, true)) return false;
    }
  }
  return true;
}

function sourceFieldType(descriptor: DbfFieldDescriptor): SourceField['type'] {
  switch (descriptor.type) {
    case 'N':
      return descriptor.decimals === 0 ? 'integer' : 'number';
    case 'F':
    case 'O':
      return 'number';
    case 'B':
      return descriptor.length === 8 ? 'number' : 'string';
    case 'I':
      return 'integer';
    case 'L':
      return 'boolean';
    case 'D':
      return 'date';
    default:
      return 'string';
  }
}

export interface DbfTable {
  fields: SourceField[];
  encoding: DbfEncoding;
  recordCount: number;
  /** Attributes by record number; null where the record is marked deleted. */
  records: (Record<string, SourceValue> | null)[];
  /** What the report should say about reading the table (an encoding label overruled). */
  notes: BilingualMessage[];
}

/** Field types stored as binary numbers (Visual FoxPro), read with a DataView rather than decoded as text. */
const BINARY_VALUE_TYPES = new Set(['I', 'O', '@', '+', 'Y', 'T']);

/** Read as bytes, not text: the binary types, and Visual FoxPro's 8-byte double B (dBase's B is a memo's block). */
function isBinaryValue(descriptor: DbfFieldDescriptor): boolean {
  return BINARY_VALUE_TYPES.has(descriptor.type) || (descriptor.type === 'B' && descriptor.length === 8);
}
const RECORDS_PER_BATCH = 4096;
const SEPARATOR = 0;
/** A DBF field name's room: 10 bytes (and a NUL). */
const DBF_NAME_BYTES = 10;

export function readDbf(
  bytes: Uint8Array,
  fileName: string,
  options: {
    cpg?: string | undefined;
    encoding?: string | undefined;
    attributes?: WantedAttributes | undefined;
  } = {},
): DbfTable {
  const header = readDbfHeader(bytes, fileName);
  const { encoding, note } = chooseDbfEncoding(bytes, header, options, fileName);
  const decoder = new TextDecoder(encoding.name);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const used = new Set<string>();
  const fields = header.descriptors.map((descriptor, position) => {
    let name = withoutCutCharacter(decoder.decode(descriptor.nameBytes)).trim() || `FIELD_${position + 1}`;
    // Two fields with one name would overwrite each other's values; GDAL also renames the second.
    for (let suffix = 2; used.has(name); suffix++) name = `${name.replace(/_\d+$/, '')}_${suffix}`;
    used.add(name);
    const field: SourceField = { name, type: sourceFieldType(descriptor) };
    if (descriptor.nameBytes.length >= DBF_NAME_BYTES) field.nameMayBeCut = true;
    return field;
  });
  const names = fields.map((field) => field.name);
  const wanted = options.attributes?.(fields);
  const read = header.descriptors
    .map((descriptor, position) => ({ descriptor, position }))
    .filter(({ position }) => !wanted || wanted.has(names[position] as string));
  const textual = read.filter(({ descriptor }) => !isBinaryValue(descriptor));

  // One TextDecoder call per call is the cost that dominates a 100k-record table, so a batch of records' text
  // fields is copied into one buffer, NUL-separated (NUL is never part of a GBK or UTF-8 character, and a field's
  // text ends at its first), decoded once and split. Padding is trimmed at the byte level first.
  const scratch = new Uint8Array(RECORDS_PER_BATCH * (header.recordLength + textual.length));
  const records: (Record<string, SourceValue> | null)[] = new Array(header.recordCount);
  for (let batchStart = 0; batchStart < header.recordCount; batchStart += RECORDS_PER_BATCH) {
    const batchEnd = Math.min(header.recordCount, batchStart + RECORDS_PER_BATCH);
    let length = 0;
    for (let index = batchStart; index < batchEnd; index++) {
      const recordStart = header.headerLength + index * header.recordLength;
      if (bytes[recordStart] === DELETED_FLAG) continue;
      for (const { descriptor } of textual) {
        let start = recordStart + descriptor.offset;
        let end = start + descriptor.length;
        while (start < end && (bytes[start] === 0x20 || bytes[start] === 0)) start++;
        // The text ends at a NUL, as GDAL reads it: what follows is an older value's leftover bytes.
        for (let cursor = start; cursor < end; cursor++) {
          if (bytes[cursor] === 0) {
            end = cursor;
            break;
          }
        }
        while (end > start && bytes[end - 1] === 0x20) end--;
        scratch.set(bytes.subarray(start, end), length);
        length += end - start;
        scratch[length++] = SEPARATOR;
      }
    }
    const pieces = decoder.decode(scratch.subarray(0, length)).split('\0');
    let piece = 0;
    for (let index = batchStart; index < batchEnd; index++) {
      const recordStart = header.headerLength + index * header.recordLength;
      if (bytes[recordStart] === DELETED_FLAG) {
        records[index] = null;
        continue;
      }
      const properties: Record<string, SourceValue> = {};
      for (let entry = 0, next = 0; entry < read.length; entry++) {
        const { descriptor, position } = read[entry] as { descriptor: DbfFieldDescriptor; position: number };
        if (textual[next]?.position === position) {
          properties[names[position] as string] = textValue(descriptor.type, pieces[piece++] as string);
          next++;
        } else {
          properties[names[position] as string] = binaryValue(
            descriptor,
            view,
            recordStart + descriptor.offset,
          );
        }
      }
      records[index] = properties;
    }
  }
  return { fields, encoding, recordCount: header.recordCount, records, notes: note ? [note] : [] };
}

const LONG_WHOLE_NUMBER = /^[+-]?\d{16,}$/;

/** A character cut at the field width decodes to U+FFFD at the end: drop that artefact, keep the rest. */
function withoutCutCharacter(text: string): string {
  return text.endsWith('\uFFFD') ? text.replace(/\uFFFD+$/, '') : text;
}

function textValue(type: string, text: string): SourceValue {
  if (text === '') return null;
  switch (type) {
    case 'N':
    case 'F': {
      // A whole number of 16 digits or more is a code (宗地编码 as N(19,0)): as a double it would round.
      if (LONG_WHOLE_NUMBER.test(text)) return text.replace(/^\+/, '');
      const number = Number(text.includes(',') ? text.replace(',', '.') : text);
      if (Number.isFinite(number)) return number;
      // Overflowed numbers are written as asterisks: no value, as GDAL reads them. Anything else unreadable stays
      // the text it is, for the mapping to read or to report with its record and field (never silently empty).
      return /^\*+$/.test(text) ? null : text;
    }
    case 'L':
      if (/^[TtYy]$/.test(text)) return true;
      if (/^[FfNn]$/.test(text)) return false;
      return null;
    case 'D':
      if (!/^\d{8}$/.test(text) || text === '00000000') return null;
      return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
    default:
      return withoutCutCharacter(text);
  }
}

function binaryValue(descriptor: DbfFieldDescriptor, view: DataView, start: number): SourceValue {
  if (descriptor.type === 'I' && descriptor.length === 4) return view.getInt32(start, true);
  // O (dBase 7) and B of 8 bytes (Visual FoxPro): a little-endian double.
  if ((descriptor.type === 'O' || descriptor.type === 'B') && descriptor.length === 8) {
    return view.getFloat64(start, true);
  }
  return null;
}
