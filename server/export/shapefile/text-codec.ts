/**
 * DBF text in UTF-8 or GBK (code page 936), measured and written straight into the file's buffer, cut at a
 * character boundary: whole characters are written while they fit, so a GBK double byte or a UTF-8 sequence is never
 * split (a split one reads back as garbage).
 *
 * Why not `TextEncoder.encode`/`iconv.encode` per value: each allocates an ArrayBuffer, and 100k parcels × 30 fields
 * spent seconds in allocation and garbage collection. GBK is a stateless double-byte code, so each character is
 * encoded once by iconv-lite and remembered. A character GBK cannot hold (e.g. 𠮷) becomes `?`, as iconv-lite
 * writes it.
 */
import iconv from 'iconv-lite';

export type ShapefileEncoding = 'utf-8' | 'gbk';
export const SHAPEFILE_ENCODINGS: readonly ShapefileEncoding[] = ['utf-8', 'gbk'];

const utf8 = new TextEncoder();

export function encodeText(text: string, encoding: ShapefileEncoding): Uint8Array {
  return encoding === 'utf-8' ? utf8.encode(text) : iconv.encode(text, 'gbk');
}

/** UTF-8 length of a code point; a lone surrogate is written as U+FFFD (3 bytes) by every encoder. */
function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  return codePoint < 0x10000 ? 3 : 4;
}

const gbkCharacters = new Map<number, Uint8Array>();

function gbkBytes(codePoint: number): Uint8Array {
  let bytes = gbkCharacters.get(codePoint);
  if (!bytes) {
    bytes = Uint8Array.from(iconv.encode(String.fromCodePoint(codePoint), 'gbk'));
    gbkCharacters.set(codePoint, bytes);
  }
  return bytes;
}

function characterLength(codePoint: number, encoding: ShapefileEncoding): number {
  if (codePoint < 0x80) return 1;
  return encoding === 'utf-8' ? utf8Length(codePoint) : gbkBytes(codePoint).length;
}

/** The number of bytes `writeEncoded` writes for `text` within `limit`. */
export function encodedLength(text: string, encoding: ShapefileEncoding, limit: number): number {
  let length = 0;
  for (let index = 0; index < text.length; ) {
    const codePoint = text.codePointAt(index) as number;
    const bytes = characterLength(codePoint, encoding);
    if (length + bytes > limit) break;
    length += bytes;
    index += codePoint > 0xffff ? 2 : 1;
  }
  return length;
}

/** Writes the bytes of `text` at `at`, whole characters only, at most `limit` bytes; returns the count written. */
export function writeEncoded(
  text: string,
  encoding: ShapefileEncoding,
  target: Uint8Array,
  at: number,
  limit: number,
): number {
  if (encoding === 'utf-8') {
    // encodeInto writes only whole code points (WHATWG Encoding, "encode into").
    return utf8.encodeInto(text, target.subarray(at, at + limit)).written;
  }
  let length = 0;
  for (let index = 0; index < text.length; ) {
    const codePoint = text.codePointAt(index) as number;
    index += codePoint > 0xffff ? 2 : 1;
    if (codePoint < 0x80) {
      if (length + 1 > limit) break;
      target[at + length] = codePoint;
      length += 1;
      continue;
    }
    const bytes = gbkBytes(codePoint);
    if (length + bytes.length > limit) break;
    target.set(bytes, at + length);
    length += bytes.length;
  }
  return length;
}

/** The bytes of `text` cut to at most `maxBytes` at a character boundary. */
export function encodeTruncated(text: string, encoding: ShapefileEncoding, maxBytes: number): Uint8Array {
  const bytes = new Uint8Array(encodedLength(text, encoding, maxBytes));
  writeEncoded(text, encoding, bytes, 0, bytes.length);
  return bytes;
}
