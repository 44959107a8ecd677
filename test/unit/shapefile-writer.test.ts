import { unzipSync } from 'fflate';
import type { MultiPolygon, Polygon } from 'geojson';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { gaussKrugerZoneFor } from '../../server/domain/areas.ts';
import { COMPENSATION_COLUMNS } from '../../server/export/compensation-columns.ts';
import { PARCEL_COLUMNS, type ParcelColumn } from '../../server/export/parcel-columns.ts';
import { epsgOf, prjOf, projectionFor } from '../../server/export/shapefile/coordinate-systems.ts';
import type { DbfField } from '../../server/export/shapefile/dbf.ts';
import {
  fieldNameStyleFor,
  SHAPEFILE_COLUMNS,
  shapefileFieldsFor,
} from '../../server/export/shapefile/parcel-fields.ts';
import { twiceSignedArea } from '../../server/export/shapefile/shp.ts';
import { encodeTruncated } from '../../server/export/shapefile/text-codec.ts';
import {
  type ShapefileFeature,
  shapefileZip,
  writeShapefile,
} from '../../server/export/shapefile/write-shapefile.ts';

/** Counter-clockwise, as RFC 7946 GeoJSON has outer rings: the writer must turn it clockwise. */
function counterClockwiseSquare(west: number, south: number, size: number): number[][] {
  return [
    [west, south],
    [west + size, south],
    [west + size, south + size],
    [west, south + size],
    [west, south],
  ];
}

const ZONE = gaussKrugerZoneFor(106.64);
const MODIFIED = new Date('2026-11-26T02:00:00Z');

function polygonFeature(geometry: Polygon | MultiPolygon, attributes = {}): ShapefileFeature {
  return { geometry, attributes };
}

/** The parts of record `index` of a `.shp` as [x, y] lists, read straight from the bytes. */
function readParts(shp: Uint8Array, shx: Uint8Array, index: number): [number, number][][] {
  const shxView = new DataView(shx.buffer, shx.byteOffset, shx.byteLength);
  const offset = shxView.getInt32(100 + index * 8, false) * 2;
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  const content = offset + 8;
  const partCount = view.getInt32(content + 36, true);
  const pointCount = view.getInt32(content + 40, true);
  const starts = Array.from({ length: partCount }, (_, part) => view.getInt32(content + 44 + part * 4, true));
  const pointsAt = content + 44 + partCount * 4;
  const points = Array.from({ length: pointCount }, (_, point): [number, number] => [
    view.getFloat64(pointsAt + point * 16, true),
    view.getFloat64(pointsAt + point * 16 + 8, true),
  ]);
  return starts.map((start, part) => points.slice(start, starts[part + 1] ?? pointCount));
}

function dbfHeader(dbf: Uint8Array) {
  const view = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength);
  const headerBytes = view.getUint16(8, true);
  const fieldCount = (headerBytes - 33) / 32;
  const fields = Array.from({ length: fieldCount }, (_, index) => {
    const at = 32 + index * 32;
    const nameBytes = dbf.subarray(at, at + 11);
    const nameEnd = nameBytes.indexOf(0);
    return {
      nameBytes: nameBytes.subarray(0, nameEnd < 0 ? 11 : nameEnd),
      type: String.fromCharCode(dbf[at + 11] as number),
      length: dbf[at + 16] as number,
      decimals: dbf[at + 17] as number,
    };
  });
  return {
    version: dbf[0],
    date: [dbf[1], dbf[2], dbf[3]],
    recordCount: view.getUint32(4, true),
    headerBytes,
    recordBytes: view.getUint16(10, true),
    languageDriver: dbf[29],
    terminator: dbf[headerBytes - 1],
    fields,
  };
}

/** The raw bytes of field `fieldIndex` in record `recordIndex`. */
function dbfValue(dbf: Uint8Array, recordIndex: number, fieldIndex: number): Uint8Array {
  const header = dbfHeader(dbf);
  let at = header.headerBytes + recordIndex * header.recordBytes + 1;
  for (let index = 0; index < fieldIndex; index++) at += header.fields[index]?.length ?? 0;
  return dbf.subarray(at, at + (header.fields[fieldIndex]?.length ?? 0));
}

describe('writeShapefile: .shp and .shx', () => {
  it('writes the main header: file code, length in 16-bit words, version, Polygon type and the extent', () => {
    const { shp, shx } = writeShapefile(
      [
        polygonFeature({ type: 'Polygon', coordinates: [counterClockwiseSquare(106.64, 26.61, 0.001)] }),
        polygonFeature({ type: 'Polygon', coordinates: [counterClockwiseSquare(106.65, 26.6, 0.002)] }),
      ],
      { fields: [], encoding: 'utf-8', modified: MODIFIED },
    );
    for (const file of [shp, shx]) {
      const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
      expect(view.getInt32(0, false)).toBe(9994);
      expect(view.getInt32(24, false) * 2).toBe(file.length);
      expect(view.getInt32(28, true)).toBe(1000);
      expect(view.getInt32(32, true)).toBe(5);
      expect([8, 16, 24, 32].map((at) => view.getFloat64(36 + at - 8, true))).toEqual([
        106.64, 26.6, 106.652, 26.611,
      ]);
    }
    // 100-byte header + 2 × (8-byte record header + 44 + 4 × 1 part + 16 × 5 points).
    expect(shp.length).toBe(100 + 2 * (8 + 44 + 4 + 80));
    expect(shx.length).toBe(100 + 2 * 8);
  });

  it('indexes each record in the .shx: offset and content length in words, record numbers from 1', () => {
    const { shp, shx } = writeShapefile(
      [
        polygonFeature({ type: 'Polygon', coordinates: [counterClockwiseSquare(106.64, 26.61, 0.001)] }),
        { geometry: null, attributes: {} },
        polygonFeature({
          type: 'MultiPolygon',
          coordinates: [
            [counterClockwiseSquare(106.64, 26.61, 0.001)],
            [counterClockwiseSquare(106.65, 26.61, 0.001)],
          ],
        }),
      ],
      { fields: [], encoding: 'utf-8', modified: MODIFIED },
    );
    const shxView = new DataView(shx.buffer, shx.byteOffset, shx.byteLength);
    const shpView = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
    const records = [0, 1, 2].map((index) => ({
      offset: shxView.getInt32(100 + index * 8, false) * 2,
      contentBytes: shxView.getInt32(104 + index * 8, false) * 2,
    }));
    expect(records.map((record) => record.contentBytes)).toEqual([44 + 4 + 80, 4, 44 + 8 + 160]);
    expect(records.map((record) => record.offset)).toEqual([100, 100 + 8 + 128, 100 + 8 + 128 + 8 + 4]);
    records.forEach((record, index) => {
      expect(shpView.getInt32(record.offset, false)).toBe(index + 1);
      expect(shpView.getInt32(record.offset + 4, false) * 2).toBe(record.contentBytes);
    });
    expect(shpView.getInt32((records[1]?.offset ?? 0) + 8, true)).toBe(0); // null shape
    const last = records[2] as { offset: number; contentBytes: number };
    expect(last.offset + 8 + last.contentBytes).toBe(shp.length);
  });

  it('writes each record bounding box', () => {
    const { shp } = writeShapefile(
      [polygonFeature({ type: 'Polygon', coordinates: [counterClockwiseSquare(106.64, 26.61, 0.001)] })],
      { fields: [], encoding: 'utf-8', modified: MODIFIED },
    );
    const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
    expect(view.getInt32(108, true)).toBe(5);
    expect([0, 8, 16, 24].map((at) => view.getFloat64(112 + at, true))).toEqual([
      106.64, 26.61, 106.641, 26.611,
    ]);
  });

  it('turns a GeoJSON outer ring clockwise and its hole counter-clockwise, and closes an open ring', () => {
    const outer = counterClockwiseSquare(106.64, 26.61, 0.001);
    const openHole = counterClockwiseSquare(106.6402, 26.6102, 0.0002).reverse().slice(0, 4);
    const { shp, shx } = writeShapefile(
      [polygonFeature({ type: 'Polygon', coordinates: [outer, openHole] })],
      { fields: [], encoding: 'utf-8', modified: MODIFIED },
    );
    const [writtenOuter, writtenHole] = readParts(shp, shx, 0);
    expect(twiceSignedArea(writtenOuter ?? [])).toBeLessThan(0);
    expect(twiceSignedArea(writtenHole ?? [])).toBeGreaterThan(0);
    expect(writtenHole).toHaveLength(5);
    expect(writtenHole?.[0]).toEqual(writtenHole?.[4]);
    expect(writtenOuter).toEqual([...outer].reverse());
  });

  it('keeps rings that already have the Shapefile orientation as they are', () => {
    const clockwise = counterClockwiseSquare(106.64, 26.61, 0.001).reverse();
    const { shp, shx } = writeShapefile([polygonFeature({ type: 'Polygon', coordinates: [clockwise] })], {
      fields: [],
      encoding: 'utf-8',
      modified: MODIFIED,
    });
    expect(readParts(shp, shx, 0)[0]).toEqual(clockwise);
  });

  it('writes a MultiPolygon as one shape with every ring as a part, in order', () => {
    const { shp, shx } = writeShapefile(
      [
        polygonFeature({
          type: 'MultiPolygon',
          coordinates: [
            [counterClockwiseSquare(106.64, 26.61, 0.001), counterClockwiseSquare(106.6402, 26.6102, 0.0002)],
            [counterClockwiseSquare(106.65, 26.61, 0.001)],
          ],
        }),
      ],
      { fields: [], encoding: 'utf-8', modified: MODIFIED },
    );
    const parts = readParts(shp, shx, 0);
    expect(parts).toHaveLength(3);
    expect(parts.map((part) => Math.sign(twiceSignedArea(part)))).toEqual([-1, 1, -1]);
    expect(parts[2]?.[0]?.[0]).toBeGreaterThanOrEqual(106.65);
    const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
    expect([0, 1, 2].map((part) => view.getInt32(108 + 44 + part * 4, true))).toEqual([0, 5, 10]);
    expect(view.getFloat64(108 + 20, true)).toBeCloseTo(106.651, 12); // record xMax spans both polygons
  });

  it('projects into the park zone, with or without the zone number in front of X', () => {
    const square = counterClockwiseSquare(106.64, 26.61, 0.001);
    const plain = writeShapefile([polygonFeature({ type: 'Polygon', coordinates: [square] })], {
      fields: [],
      encoding: 'utf-8',
      crs: { kind: 'gauss-kruger', zone: ZONE },
      modified: MODIFIED,
    });
    const prefixed = writeShapefile([polygonFeature({ type: 'Polygon', coordinates: [square] })], {
      fields: [],
      encoding: 'utf-8',
      crs: { kind: 'gauss-kruger', zone: ZONE, zonePrefixedX: true },
      modified: MODIFIED,
    });
    const plainFirst = readParts(plain.shp, plain.shx, 0)[0]?.[0] as [number, number];
    const prefixedFirst = readParts(prefixed.shp, prefixed.shx, 0)[0]?.[0] as [number, number];
    // 106.64°E is 1.36° west of 108°E: ~136 km west of the 500 km false easting.
    expect(plainFirst[0]).toBeCloseTo(364543.1325, 3);
    expect(plainFirst[1]).toBeCloseTo(2945138.2868, 3);
    expect(prefixedFirst[0] - plainFirst[0]).toBeCloseTo(36_000_000, 6);
    expect(prefixedFirst[1]).toBe(plainFirst[1]);
    // Projection keeps the orientation (X east, Y north): still clockwise.
    expect(twiceSignedArea(readParts(plain.shp, plain.shx, 0)[0] ?? [])).toBeLessThan(0);
  });
});

describe('writeShapefile: .prj and .cpg', () => {
  it('writes the ESRI WKT of EPSG:4490, of the CM zone and of the zone-prefixed zone', () => {
    const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    const lonlat = writeShapefile([], { fields: [], encoding: 'utf-8', modified: MODIFIED });
    expect(decode(lonlat.prj)).toBe(
      'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
    );
    const zone = prjOf({ kind: 'gauss-kruger', zone: ZONE });
    expect(zone).toMatch(/^PROJCS\["CGCS2000_3_Degree_GK_CM_108E",GEOGCS\["GCS_China_Geodetic/);
    expect(zone).toContain('PROJECTION["Gauss_Kruger"]');
    expect(zone).toContain('PARAMETER["False_Easting",500000.0]');
    expect(zone).toContain('PARAMETER["Central_Meridian",108.0]');
    const prefixed = prjOf({ kind: 'gauss-kruger', zone: ZONE, zonePrefixedX: true });
    expect(prefixed).toMatch(/^PROJCS\["CGCS2000_3_Degree_GK_Zone_36"/);
    expect(prefixed).toContain('PARAMETER["False_Easting",36500000.0]');
    expect(epsgOf({ kind: 'lonlat' })).toBe(4490);
    expect(epsgOf({ kind: 'gauss-kruger', zone: ZONE })).toBe(4545);
    expect(epsgOf({ kind: 'gauss-kruger', zone: ZONE, zonePrefixedX: true })).toBe(4524);
    expect(projectionFor({ kind: 'lonlat' })(106.64, 26.61)).toEqual([106.64, 26.61]);
  });

  it('names the encoding in the .cpg', () => {
    const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    expect(decode(writeShapefile([], { fields: [], encoding: 'utf-8' }).cpg)).toBe('UTF-8');
    expect(decode(writeShapefile([], { fields: [], encoding: 'gbk' }).cpg)).toBe('GBK');
  });
});

describe('writeShapefile: .dbf', () => {
  const square: Polygon = { type: 'Polygon', coordinates: [counterClockwiseSquare(106.64, 26.61, 0.001)] };
  const fields: DbfField[] = [
    { name: '户主', type: 'C' },
    { name: '平面面积', type: 'N', length: 18, decimals: 2 },
    { name: '平面亩数', type: 'N', length: 18, decimals: 4 },
    { name: '干部户', type: 'L' },
  ];

  it('GBK: version 0x03, language driver 0x4D, lengths, Chinese field names and 张堃 as D5C5 88D2', () => {
    const { dbf } = writeShapefile(
      [
        polygonFeature(square, { 户主: '张堃', 平面面积: 1333.3333, 平面亩数: 2, 干部户: true }),
        polygonFeature(square, { 户主: '李四', 平面面积: null, 干部户: false }),
        polygonFeature(square, { 户主: null, 平面面积: -0.5, 平面亩数: 0.00004, 干部户: null }),
      ],
      { fields, encoding: 'gbk', modified: MODIFIED },
    );
    const header = dbfHeader(dbf);
    expect(header.version).toBe(0x03);
    expect(header.languageDriver).toBe(0x4d);
    expect(header.date).toEqual([126, 11, 26]);
    expect(header.recordCount).toBe(3);
    expect(header.headerBytes).toBe(32 + 32 * 4 + 1);
    expect(header.terminator).toBe(0x0d);
    // 张堃 is 4 bytes in GBK, so the C field is 4 wide; 1 deletion flag + 4 + 18 + 18 + 1.
    expect(header.fields.map((field) => [field.type, field.length, field.decimals])).toEqual([
      ['C', 4, 0],
      ['N', 18, 2],
      ['N', 18, 4],
      ['L', 1, 0],
    ]);
    expect(header.recordBytes).toBe(1 + 4 + 18 + 18 + 1);
    expect(dbf.length).toBe(header.headerBytes + 3 * header.recordBytes + 1);
    expect(dbf[dbf.length - 1]).toBe(0x1a);
    expect(header.fields.map((field) => iconv.decode(Buffer.from(field.nameBytes), 'gbk'))).toEqual(
      fields.map((field) => field.name),
    );
    expect([...dbfValue(dbf, 0, 0)]).toEqual([0xd5, 0xc5, 0x88, 0xd2]);
    expect(dbf[header.headerBytes]).toBe(0x20); // not deleted
    const ascii = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    expect(ascii(dbfValue(dbf, 0, 1))).toBe('1333.33'.padStart(18, ' '));
    expect(ascii(dbfValue(dbf, 0, 2))).toBe('2.0000'.padStart(18, ' '));
    expect(ascii(dbfValue(dbf, 0, 3))).toBe('T');
    expect(ascii(dbfValue(dbf, 1, 1))).toBe('*'.repeat(18));
    expect(ascii(dbfValue(dbf, 1, 2))).toBe('*'.repeat(18)); // missing value: null
    expect(ascii(dbfValue(dbf, 1, 3))).toBe('F');
    expect(ascii(dbfValue(dbf, 2, 0))).toBe('    ');
    expect(ascii(dbfValue(dbf, 2, 1))).toBe('-0.50'.padStart(18, ' '));
    expect(ascii(dbfValue(dbf, 2, 2))).toBe('0.0000'.padStart(18, ' '));
    expect(ascii(dbfValue(dbf, 2, 3))).toBe('?');
  });

  it('UTF-8: language driver 0x00 and the C width from the UTF-8 bytes (张堃 = 6 bytes)', () => {
    const { dbf } = writeShapefile([polygonFeature(square, { holder: '张堃', name: 'abc' })], {
      fields: [
        { name: 'holder', type: 'C' },
        { name: 'name', type: 'C' },
      ],
      encoding: 'utf-8',
      modified: MODIFIED,
    });
    const header = dbfHeader(dbf);
    expect(header.languageDriver).toBe(0x00);
    expect(header.fields.map((field) => field.length)).toEqual([6, 3]);
    expect([...dbfValue(dbf, 0, 0)]).toEqual([0xe5, 0xbc, 0xa0, 0xe5, 0xa0, 0x83]);
  });

  it('cuts text at a character boundary, never inside a character', () => {
    expect([...encodeTruncated('张堃明', 'gbk', 5)]).toEqual([0xd5, 0xc5, 0x88, 0xd2]);
    expect(new TextDecoder().decode(encodeTruncated('张堃明', 'utf-8', 5))).toBe('张');
    expect(new TextDecoder().decode(encodeTruncated('a张堃', 'utf-8', 6))).toBe('a张');
    expect(encodeTruncated('abc', 'gbk', 5)).toHaveLength(3);
    const { dbf } = writeShapefile(
      [polygonFeature(square, { name: '张堃明' }), polygonFeature(square, { name: '堃'.repeat(300) })],
      { fields: [{ name: 'name', type: 'C', length: 5 }], encoding: 'utf-8', modified: MODIFIED },
    );
    expect(dbfHeader(dbf).fields[0]?.length).toBe(3);
    expect(new TextDecoder().decode(dbfValue(dbf, 0, 0))).toBe('张');
    // The 254-byte limit of a C field: 84 three-byte characters, never 84⅔.
    const long = writeShapefile([polygonFeature(square, { name: '堃'.repeat(300) })], {
      fields: [{ name: 'name', type: 'C' }],
      encoding: 'utf-8',
      modified: MODIFIED,
    });
    expect(dbfHeader(long.dbf).fields[0]?.length).toBe(252);
    expect(new TextDecoder('utf-8', { fatal: true }).decode(dbfValue(long.dbf, 0, 0))).toBe('堃'.repeat(84));
    const gbkLong = writeShapefile([polygonFeature(square, { name: `a${'堃'.repeat(300)}` })], {
      fields: [{ name: 'name', type: 'C' }],
      encoding: 'gbk',
      modified: MODIFIED,
    });
    expect(dbfHeader(gbkLong.dbf).fields[0]?.length).toBe(253); // 'a' + 126 × 2 bytes
  });

  it('refuses a field name over 10 bytes in the chosen encoding, and a duplicate name', () => {
    const write = (name: string, encoding: 'gbk' | 'utf-8') =>
      writeShapefile([], { fields: [{ name, type: 'C' }], encoding });
    expect(() => write('平面坐标系', 'gbk')).not.toThrow(); // 5 characters = 10 GBK bytes
    expect(() => write('平面坐标系统', 'gbk')).toThrow(/12 字节.*12 bytes/);
    expect(() => write('宗地编码', 'utf-8')).toThrow(/UTF-8.*1–10 bytes/);
    expect(() => write('abcdefghijk', 'utf-8')).toThrow(/11 bytes/);
    expect(() =>
      writeShapefile([], {
        fields: [
          { name: 'code', type: 'C' },
          { name: 'CODE', type: 'C' },
        ],
        encoding: 'utf-8',
      }),
    ).toThrow(/Duplicate field name "CODE"/);
  });

  it('refuses a number wider than its field', () => {
    expect(() =>
      writeShapefile([polygonFeature(square, { n: 123456 })], {
        fields: [{ name: 'n', type: 'N', length: 5, decimals: 0 }],
        encoding: 'utf-8',
      }),
    ).toThrow(/wider than the field/);
  });
});

describe('parcel fields', () => {
  const columns: readonly ParcelColumn[] = [...PARCEL_COLUMNS, ...COMPENSATION_COLUMNS];

  it('has a Chinese and an English DBF name for every export column', () => {
    const missing = columns.filter((column) => !SHAPEFILE_COLUMNS[column.name]);
    expect(missing.map((column) => column.name)).toEqual([]);
  });

  it('keeps every Chinese name within 10 GBK bytes and every English name within 10 ASCII bytes, all unique', () => {
    const chinese = shapefileFieldsFor(columns, 'chinese').map((field) => field.name);
    const english = shapefileFieldsFor(columns, 'english').map((field) => field.name);
    for (const name of chinese) expect(iconv.encode(name, 'gbk').length).toBeLessThanOrEqual(10);
    for (const name of english) expect(name).toMatch(/^[a-z][a-z0-9_]{0,9}$/);
    expect(new Set(chinese).size).toBe(columns.length);
    expect(new Set(english.map((name) => name.toUpperCase())).size).toBe(columns.length);
    expect(chinese).toEqual(
      expect.arrayContaining(['宗地编码', '户主', '村名', '地类', '建筑面积', '签约状态', '拆除状态']),
    );
    expect(chinese).toEqual(expect.arrayContaining(['椭球面积', '平面面积', '登记面积', '平面亩数']));
    // The whole Chinese set writes as GBK without an error.
    expect(() =>
      writeShapefile([], { fields: shapefileFieldsFor(columns, 'chinese'), encoding: 'gbk' }),
    ).not.toThrow();
  });

  it('declares 2 decimals for ㎡ and 元, 4 for 亩, integers for id and version, L for the cadre flag', () => {
    const fields = new Map(
      shapefileFieldsFor(columns, 'english').map((field, index) => [columns[index]?.name, field]),
    );
    expect(fields.get('planeArea_m2')).toMatchObject({ type: 'N', decimals: 2 });
    expect(fields.get('planeArea_mu')).toMatchObject({ type: 'N', decimals: 4 });
    expect(fields.get('compensation_yuan')).toMatchObject({ type: 'N', decimals: 2 });
    expect(fields.get('id')).toMatchObject({ type: 'N', decimals: 0 });
    expect(fields.get('cadre')).toMatchObject({ type: 'L' });
    expect(fields.get('holder')).toMatchObject({ type: 'C' });
  });

  it('uses Chinese names only with GBK: UTF-8 would leave 3 characters, so it falls back to English', () => {
    expect(fieldNameStyleFor('chinese', 'gbk')).toBe('chinese');
    expect(fieldNameStyleFor('chinese', 'utf-8')).toBe('english');
    expect(fieldNameStyleFor('english', 'gbk')).toBe('english');
  });

  it('gives a column without an entry a unique ASCII name instead of failing', () => {
    const extra: ParcelColumn[] = [
      { name: 'planeArea_m2', zh: '', en: '', type: 'real', value: () => null },
      { name: 'someNewColumnName', zh: '', en: '', type: 'real', value: () => null },
      { name: 'someNewColumnOther', zh: '', en: '', type: 'text', value: () => null },
    ];
    const names = shapefileFieldsFor(extra, 'chinese').map((field) => field.name);
    expect(names).toEqual(['平面面积', 'someNewCol', 'someNewCo1']);
  });
});

describe('shapefileZip', () => {
  it('holds the five files under one base name', () => {
    const files = writeShapefile(
      [polygonFeature({ type: 'Polygon', coordinates: [counterClockwiseSquare(106.64, 26.61, 0.001)] })],
      { fields: [], encoding: 'gbk', modified: MODIFIED },
    );
    const entries = unzipSync(shapefileZip(files, 'parcels_V01', MODIFIED));
    expect(Object.keys(entries).sort()).toEqual(
      ['parcels_V01.cpg', 'parcels_V01.dbf', 'parcels_V01.prj', 'parcels_V01.shp', 'parcels_V01.shx'].sort(),
    );
    expect(entries['parcels_V01.shp']).toEqual(files.shp);
    expect(entries['parcels_V01.dbf']).toEqual(files.dbf);
  });
});

describe('writeShapefile: no features', () => {
  it('writes a valid empty file set: 100-byte headers, a zero extent and a DBF with no records', () => {
    const files = writeShapefile([], { fields: [{ name: 'code', type: 'C' }], encoding: 'gbk' });
    expect(files.shp).toHaveLength(100);
    expect(files.shx).toHaveLength(100);
    const view = new DataView(files.shp.buffer);
    expect(view.getInt32(24, false)).toBe(50);
    expect(view.getFloat64(36, true)).toBe(0);
    const header = dbfHeader(files.dbf);
    expect(header.recordCount).toBe(0);
    expect(header.fields[0]?.length).toBe(1); // a C field is never 0 wide
  });
});
