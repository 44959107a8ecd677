import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSurveyFile } from '../../server/import/read/read-survey-file.ts';
import { ZipArchive, type ZipEntry } from '../../server/import/read/zip.ts';
import { SourceError } from '../../server/import/source.ts';
import { temporaryFolder, writeZipBytes } from '../support/import-fixtures.ts';

const limits = { maxTotalBytes: 1024 * 1024, maxRatio: 200, ratioFloorBytes: 1024 };

describe('ZipArchive', () => {
  it('decodes GBK entry names without the UTF-8 flag, and UTF-8 ones with it', () => {
    const zip = writeZipBytes([
      { name: '成果/宗地.dbf', bytes: new Uint8Array([1, 2, 3]), gbkName: true },
      { name: '说明/readme.txt', bytes: new TextEncoder().encode('hello'), stored: true },
    ]);
    const archive = new ZipArchive(zip, 'a.zip');
    expect(archive.entries.map((entry) => entry.name)).toEqual(['成果/宗地.dbf', '说明/readme.txt']);
    expect([...archive.read(entryAt(archive, 0))]).toEqual([1, 2, 3]);
    expect(new TextDecoder().decode(archive.read(entryAt(archive, 1)))).toBe('hello');
  });

  it('refuses an entry that would inflate past the byte budget before inflating it', () => {
    const zeros = new Uint8Array(4 * 1024 * 1024);
    const archive = new ZipArchive(writeZipBytes([{ name: 'bomb.dbf', bytes: zeros }]), 'bomb.zip', limits);
    expect(entryAt(archive, 0).compressedSize).toBeLessThan(10_000);
    expect(() => archive.read(entryAt(archive, 0))).toThrow(/zip bomb suspected/);
  });

  it('refuses an entry above the ratio cap even within the budget', () => {
    const zeros = new Uint8Array(512 * 1024);
    const archive = new ZipArchive(writeZipBytes([{ name: 'z.shp', bytes: zeros }]), 'z.zip', limits);
    expect(() => archive.read(entryAt(archive, 0))).toThrow(/ratio > 200:1/);
  });

  it('stops a lying header at the declared size instead of inflating everything', () => {
    const zeros = new Uint8Array(8 * 1024 * 1024);
    const zip = writeZipBytes([{ name: 'liar.shp', bytes: zeros, declaredSize: 100 }]);
    const archive = new ZipArchive(zip, 'liar.zip');
    expect(() => archive.read(entryAt(archive, 0))).toThrow(/more than the declared 100 bytes/);
  });

  it('reads only a prefix when asked, counting only those bytes', () => {
    const bytes = new Uint8Array(300_000).map((_, index) => index % 251);
    const archive = new ZipArchive(writeZipBytes([{ name: 'a.shp', bytes }]), 'a.zip');
    expect([...archive.read(entryAt(archive, 0), { prefixBytes: 100 })]).toEqual([...bytes.subarray(0, 100)]);
  });

  it('refuses a truncated zip and a corrupted entry with a clear SourceError', () => {
    const bytes = new Uint8Array(50_000).map((_, index) => (index * 7) % 256);
    const zip = writeZipBytes([{ name: 'a.dbf', bytes }]);
    const cut = () => new ZipArchive(zip.subarray(0, zip.length - 30), 'cut.zip');
    expect(cut).toThrow(SourceError);
    expect(cut).toThrow('文件不完整（或不是 zip 压缩包）：cut.zip');
    const corrupted = zip.slice();
    corrupted[60] = (corrupted[60] as number) ^ 0xff;
    const archive = new ZipArchive(corrupted, 'bad.zip');
    expect(() => archive.read(entryAt(archive, 0))).toThrow(/(CRC mismatch|truncated)/);
  });
});

describe('readSurveyFile with zip limits', () => {
  it('passes the caller’s limits through, refusing the bomb as a SourceError naming the archive', async () => {
    const folder = temporaryFolder();
    const path = join(folder, 'bomb.zip');
    writeFileSync(
      path,
      writeZipBytes([{ name: 'layer.geojson', bytes: new Uint8Array(3 * 1024 * 1024).fill(32) }]),
    );
    const error = await readSurveyFile(path, { zipLimits: limits }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).where).toBe('bomb.zip/layer.geojson');
  });
});

function entryAt(archive: ZipArchive, index: number): ZipEntry {
  const entry = archive.entries[index];
  if (!entry) throw new Error(`no entry ${index}`);
  return entry;
}
