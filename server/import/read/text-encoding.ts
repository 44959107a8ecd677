/**
 * Text encodings of delivered files. Chinese survey software writes GBK (code page 936) unless told otherwise;
 * GB2312 is a subset of GBK, so a file labelled GB2312 is decoded as GBK (WHATWG Encoding: "gb2312" is a label of
 * "gbk"), which also covers characters such as 堃 (GBK 0x88D2) that GB2312 lacks.
 */
import { SourceError } from '../source.ts';

/** Canonical encoding name for a `.cpg` / option label (`UTF-8`, `CP936`, `936`, `GB2312` …), or undefined. */
export function normalizeEncodingName(label: string): string | undefined {
  const squeezed = label
    .trim()
    .toLowerCase()
    .replace(/^(ansi|oem|cp|windows|ms)[-_ ]?/, '');
  if (['utf8', 'utf-8', '65001'].includes(squeezed)) return 'utf-8';
  if (['936', 'gbk', 'gb2312', 'gb_2312-80', 'euc-cn', 'x-gbk', 'chinese'].includes(squeezed)) return 'gbk';
  if (['gb18030', '54936'].includes(squeezed)) return 'gb18030';
  if (['950', 'big5', 'big5-hkscs'].includes(squeezed)) return 'big5';
  if (/^\d+$/.test(squeezed)) return textDecoderLabel(`windows-${squeezed}`);
  return textDecoderLabel(label.trim());
}

function textDecoderLabel(label: string): string | undefined {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

export function encodingOption(label: string, where: string): string {
  const name = normalizeEncodingName(label);
  if (!name) {
    throw new SourceError({ zh: `不认识的字符编码 ${label}`, en: `unknown text encoding ${label}` }, where);
  }
  return name;
}

/**
 * True when bytes[start, end) is well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF). With
 * `allowCutEnd`, a character cut off by the end of the range is accepted: DBF writers cut text at the field width
 * in bytes, sometimes in the middle of a character.
 */
export function isValidUtf8(bytes: Uint8Array, start = 0, end = bytes.length, allowCutEnd = false): boolean {
  let index = start;
  while (index < end) {
    const byte = bytes[index] as number;
    if (byte < 0x80) {
      index++;
      continue;
    }
    let continuation: number;
    let minimum: number;
    let codePoint: number;
    if (byte >= 0xc2 && byte <= 0xdf) {
      continuation = 1;
      minimum = 0x80;
      codePoint = byte & 0x1f;
    } else if (byte >= 0xe0 && byte <= 0xef) {
      continuation = 2;
      minimum = 0x800;
      codePoint = byte & 0x0f;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      continuation = 3;
      minimum = 0x10000;
      codePoint = byte & 0x07;
    } else {
      return false;
    }
    if (index + continuation >= end) {
      if (!allowCutEnd) return false;
      for (let offset = index + 1; offset < end; offset++)
        if (((bytes[offset] as number) & 0xc0) !== 0x80) return false;
      return true;
    }
    for (let offset = 1; offset <= continuation; offset++) {
      const next = bytes[index + offset] as number;
      if ((next & 0xc0) !== 0x80) return false;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < minimum || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff))
      return false;
    index += continuation + 1;
  }
  return true;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
}

/** A short text file (.prj, .cpg): UTF-8 when it is valid UTF-8, else GBK (a .prj named in Chinese by ArcGIS). */
export function decodeShortText(bytes: Uint8Array): string {
  return new TextDecoder(isValidUtf8(bytes) ? 'utf-8' : 'gbk').decode(bytes);
}

export interface DecodedText {
  text: string;
  encoding: { name: string; source: 'detected' | 'option' | 'format' };
}

/**
 * Decodes a whole text file (CSV, GeoJSON): the option when given; UTF-16 by its BOM (Excel's "Unicode text");
 * UTF-8 when it has a BOM or is valid UTF-8; otherwise GBK, the encoding Chinese Excel saves "CSV" in.
 */
export function decodeTextFile(bytes: Uint8Array, option: string | undefined, where: string): DecodedText {
  if (option) {
    const name = encodingOption(option, where);
    return { text: new TextDecoder(name).decode(bytes), encoding: { name, source: 'option' } };
  }
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : null;
  if (utf16)
    return { text: new TextDecoder(utf16).decode(bytes), encoding: { name: utf16, source: 'detected' } };
  if (hasUtf8Bom(bytes)) {
    return { text: new TextDecoder('utf-8').decode(bytes), encoding: { name: 'utf-8', source: 'detected' } };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text, encoding: { name: 'utf-8', source: 'detected' } };
  } catch {
    return { text: new TextDecoder('gbk').decode(bytes), encoding: { name: 'gbk', source: 'detected' } };
  }
}
