/**
 * Reading a delivered `.zip` (PKWARE APPNOTE 6.3.10) without trusting it. The central directory is read first;
 * an entry is inflated only when asked for, and only if its declared size fits the archive's byte budget and
 * ratio cap; inflation then stops the moment the output passes the declared size: a zip bomb costs at most the
 * budget, never the whole expansion. Whole entries are inflated by Node's zlib (native: 26 MB in ~0.15 s where
 * fflate's streaming inflater takes 0.4–0.9 s); headers-only reads (`prefixBytes`) use fflate's streaming
 * `Inflate`, which can stop after the first chunk.
 *
 * Entry names: UTF-8 when flag bit 11 says so or the Info-ZIP Unicode Path field (0x7075) carries one; otherwise
 * UTF-8 if they decode as such, else GBK — what Windows' Chinese "send to compressed folder" writes.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { Inflate } from 'fflate';
import { SourceError } from '../source.ts';
import { isValidUtf8 } from './text-encoding.ts';

export interface ZipLimits {
  /** Total bytes all entries read from one archive may inflate to (default 2 GiB). */
  maxTotalBytes: number;
  /** Largest uncompressed / compressed ratio accepted for an entry larger than `ratioFloorBytes` (default 200). */
  maxRatio: number;
  /** Entries smaller than this are not ratio-checked: a small padded DBF legitimately compresses very well. */
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalBytes: 2 * 1024 ** 3,
  maxRatio: 200,
  ratioFloorBytes: 64 * 1024 ** 2,
};

export interface ZipEntry {
  /** Path inside the archive with `/` separators, decoded. */
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  crc32: number;
  localHeaderOffset: number;
  isDirectory: boolean;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
// Deflate expands at most ~1032:1, so one 16 KiB push yields at most ~16 MiB before the next limit check.
const INPUT_CHUNK_BYTES = 16 * 1024;

export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}

export class ZipArchive {
  readonly entries: ZipEntry[];
  private inflatedBytes = 0;
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly fileName: string,
    private readonly limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.entries = this.readCentralDirectory();
  }

  private truncated(what = this.fileName): SourceError {
    return new SourceError(
      {
        zh: `文件不完整（或不是 zip 压缩包）：${what}`,
        en: `file is truncated (or not a zip archive): ${what}`,
      },
      this.fileName,
    );
  }

  private readCentralDirectory(): ZipEntry[] {
    const view = this.view;
    let end = -1;
    // The end record is 22 bytes plus a comment of at most 65535 bytes.
    for (
      let offset = this.bytes.length - 22;
      offset >= Math.max(0, this.bytes.length - 22 - 65535);
      offset--
    ) {
      if (view.getUint32(offset, true) === END_OF_CENTRAL_DIRECTORY) {
        end = offset;
        break;
      }
    }
    if (end < 0) throw this.truncated();
    let count = view.getUint16(end + 10, true);
    let directoryOffset = view.getUint32(end + 16, true);
    if (count === 0xffff || directoryOffset === 0xffffffff) {
      const locator = end - 20;
      if (locator < 0 || view.getUint32(locator, true) !== ZIP64_END_LOCATOR) throw this.truncated();
      const zip64End = Number(view.getBigUint64(locator + 8, true));
      if (
        zip64End + 56 > this.bytes.length ||
        view.getUint32(zip64End, true) !== ZIP64_END_OF_CENTRAL_DIRECTORY
      ) {
        throw this.truncated();
      }
      count = Number(view.getBigUint64(zip64End + 32, true));
      directoryOffset = Number(view.getBigUint64(zip64End + 48, true));
    }
    const entries: ZipEntry[] = [];
    let cursor = directoryOffset;
    for (let index = 0; index < count; index++) {
      if (cursor + 46 > this.bytes.length || view.getUint32(cursor, true) !== CENTRAL_DIRECTORY_HEADER) {
        throw this.truncated();
      }
      const flags = view.getUint16(cursor + 8, true);
      const nameLength = view.getUint16(cursor + 28, true);
      const extraLength = view.getUint16(cursor + 30, true);
      const commentLength = view.getUint16(cursor + 32, true);
      const nameBytes = this.bytes.subarray(cursor + 46, cursor + 46 + nameLength);
      const extra = this.bytes.subarray(cursor + 46 + nameLength, cursor + 46 + nameLength + extraLength);
      let compressedSize = view.getUint32(cursor + 20, true);
      let uncompressedSize = view.getUint32(cursor + 24, true);
      let localHeaderOffset = view.getUint32(cursor + 42, true);
      let unicodeName: string | undefined;
      forEachExtraField(extra, (id, data) => {
        const dataView = new DataView(data.buffer, data.byteOffset, data.byteLength);
        if (id === 0x0001) {
          // ZIP64 extended information: only the fields whose 32-bit value is 0xFFFFFFFF, in this order.
          let at = 0;
          if (uncompressedSize === 0xffffffff && at + 8 <= data.length) {
            uncompressedSize = Number(dataView.getBigUint64(at, true));
            at += 8;
          }
          if (compressedSize === 0xffffffff && at + 8 <= data.length) {
            compressedSize = Number(dataView.getBigUint64(at, true));
            at += 8;
          }
          if (localHeaderOffset === 0xffffffff && at + 8 <= data.length) {
            localHeaderOffset = Number(dataView.getBigUint64(at, true));
          }
        } else if (id === 0x7075 && data.length > 5) {
          unicodeName = new TextDecoder('utf-8').decode(data.subarray(5));
        }
      });
      const name = (
        unicodeName ??
        new TextDecoder((flags & 0x0800) !== 0 || isValidUtf8(nameBytes) ? 'utf-8' : 'gbk').decode(nameBytes)
      ).replace(/\\/g, '/');
      entries.push({
        name,
        method: view.getUint16(cursor + 10, true),
        compressedSize,
        uncompressedSize,
        crc32: view.getUint32(cursor + 16, true),
        localHeaderOffset,
        isDirectory: name.endsWith('/'),
      });
      cursor += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  }

  private refuseBomb(entry: ZipEntry, reason: string): SourceError {
    return new SourceError(
      {
        zh: `压缩包解压后过大，拒绝读取（疑似 zip 炸弹，${reason}）：${entry.name}`,
        en: `the archive inflates too far; refused (zip bomb suspected, ${reason}): ${entry.name}`,
      },
      `${this.fileName}/${entry.name}`,
    );
  }

  /**
   * The entry's bytes. With `prefixBytes`, inflation stops once that many bytes are out (enough for a header),
   * the CRC is then not checked, and the bytes do not count against the budget beyond what was inflated.
   */
  read(entry: ZipEntry, options: { prefixBytes?: number } = {}): Uint8Array {
    const where = `${this.fileName}/${entry.name}`;
    const view = this.view;
    const header = entry.localHeaderOffset;
    if (header + 30 > this.bytes.length || view.getUint32(header, true) !== LOCAL_FILE_HEADER) {
      throw this.truncated(where);
    }
    const dataStart = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
    if (dataStart + entry.compressedSize > this.bytes.length) throw this.truncated(where);
    const wanted = Math.min(entry.uncompressedSize, options.prefixBytes ?? Number.POSITIVE_INFINITY);
    const { maxTotalBytes, maxRatio, ratioFloorBytes } = this.limits;
    if (this.inflatedBytes + wanted > maxTotalBytes) {
      throw this.refuseBomb(entry, `> ${maxTotalBytes} bytes`);
    }
    if (wanted > ratioFloorBytes && entry.uncompressedSize > maxRatio * Math.max(1, entry.compressedSize)) {
      throw this.refuseBomb(entry, `ratio > ${maxRatio}:1`);
    }
    const compressed = this.bytes.subarray(dataStart, dataStart + entry.compressedSize);
    let output: Uint8Array;
    if (entry.method === STORED) {
      output = compressed.subarray(0, wanted);
    } else if (entry.method === DEFLATED) {
      output = this.inflate(entry, compressed, wanted, where);
    } else {
      throw new SourceError(
        {
          zh: `不支持的压缩方法 ${entry.method}（只支持 deflate 和不压缩）：${entry.name}`,
          en: `unsupported compression method ${entry.method} (only deflate and stored): ${entry.name}`,
        },
        where,
      );
    }
    this.inflatedBytes += output.length;
    if (options.prefixBytes === undefined && crc32(output) >>> 0 !== entry.crc32 >>> 0) {
      throw new SourceError(
        {
          zh: `压缩包内文件已损坏（CRC 校验失败）：${entry.name}`,
          en: `corrupt entry (CRC mismatch): ${entry.name}`,
        },
        where,
      );
    }
    return output;
  }

  private inflate(entry: ZipEntry, compressed: Uint8Array, wanted: number, where: string): Uint8Array {
    if (wanted < entry.uncompressedSize) return this.inflatePrefix(compressed, wanted, where);
    if (wanted === 0) return new Uint8Array(0);
    let output: Uint8Array;
    try {
      // zlib stops with ERR_BUFFER_TOO_LARGE as soon as the output passes maxOutputLength, so a lying header
      // (the classic way around a size check) costs at most the declared size, never the whole expansion.
      output = inflateRawSync(compressed, { maxOutputLength: wanted });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw this.refuseBomb(entry, `more than the declared ${entry.uncompressedSize} bytes`);
      }
      throw this.truncated(where);
    }
    if (output.length !== wanted) throw this.truncated(where);
    return output;
  }

  /** The first bytes only (a header): fflate's streaming inflater, fed 16 KiB at a time, stopped when enough. */
  private inflatePrefix(compressed: Uint8Array, wanted: number, where: string): Uint8Array {
    const output = new Uint8Array(wanted);
    let produced = 0;
    const inflater = new Inflate((chunk) => {
      const take = Math.min(chunk.length, wanted - produced);
      output.set(chunk.subarray(0, take), produced);
      produced += take;
    });
    try {
      for (let offset = 0; offset < compressed.length && produced < wanted; offset += INPUT_CHUNK_BYTES) {
        const end = Math.min(compressed.length, offset + INPUT_CHUNK_BYTES);
        inflater.push(compressed.subarray(offset, end), end === compressed.length);
      }
    } catch {
      throw this.truncated(where);
    }
    return output.subarray(0, produced);
  }
}

function forEachExtraField(extra: Uint8Array, visit: (id: number, data: Uint8Array) => void): void {
  const view = new DataView(extra.buffer, extra.byteOffset, extra.byteLength);
  for (let cursor = 0; cursor + 4 <= extra.length; ) {
    const id = view.getUint16(cursor, true);
    const size = view.getUint16(cursor + 2, true);
    visit(id, extra.subarray(cursor + 4, Math.min(extra.length, cursor + 4 + size)));
    cursor += 4 + size;
  }
}
