/**
 * Byte-level writers for the survey-import reader tests: Shapefile (.shp/.shx/.dbf), zip (with GBK names, and
 * with a lying size for the zip-bomb test), GeoPackage, and the coordinate systems' `.prj` texts. Each test builds
 * what it needs in a temporary folder; nothing is committed as a binary fixture.
 *
 * The sample park lies near 106.65°E 26.62°N: 3-degree zone round(106.65 / 3) = 36, central meridian 108°E, so the
 * fixtures' Gauss-Krüger coordinates are in EPSG:4524 (zone-prefixed X = 36 3xx xxx) or 4545 (same, no prefix).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import Database from 'better-sqlite3';
import { deflateSync } from 'fflate';
import iconv from 'iconv-lite';
import proj4 from 'proj4';
import { createGeoPackageCore } from '../../server/store/geopackage/schema.ts';

export type Ring = [number, number][];

export function temporaryFolder(prefix = 'import-read-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

// ── Coordinates ───────────────────────────────────────────────────────────────────────────────────────────────

export const ZONE_36_PREFIXED =
  '+proj=tmerc +lat_0=0 +lon_0=108 +k=1 +x_0=36500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
export const LON_LAT = '+proj=longlat +ellps=GRS80 +no_defs';
export const zone36 = proj4(LON_LAT, ZONE_36_PREFIXED);

/** A lon/lat point projected into zone 36 with the zone prefix, rounded to the millimetre as a surveyor delivers. */
export function surveyPoint(longitude: number, latitude: number, prefixed = true): [number, number] {
  const [x, y] = zone36.forward([longitude, latitude]) as [number, number];
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return [round(prefixed ? x : x - 36_000_000), round(y)];
}

/** An axis-aligned square (in projected metres) starting at `origin`; clockwise unless `counterClockwise`. */
export function square(origin: [number, number], size: number, counterClockwise = false): Ring {
  const [x, y] = origin;
  const clockwise: Ring = [
    [x, y],
    [x, y + size],
    [x + size, y + size],
    [x + size, y],
    [x, y],
  ];
  return counterClockwise ? (clockwise.slice().reverse() as Ring) : clockwise;
}

// ── .prj texts (as ArcGIS / GDAL / PROJ write them; checked with `projinfo -o WKT1_ESRI`) ──────────────────────

export const PRJ = {
  cgcs2000Zone36:
    'PROJCS["CGCS2000_3_Degree_GK_Zone_36",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",36500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",108.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
  cgcs2000Cm108:
    'PROJCS["CGCS2000_3_Degree_GK_CM_108E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",108.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
  cgcs2000SixDegreeZone18:
    'PROJCS["CGCS2000_GK_Zone_18",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",18500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
  cgcs2000SixDegreeCm105:
    'PROJCS["CGCS2000_GK_CM_105E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
  cgcs2000Geographic:
    'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
  wgs84Geographic:
    'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
  ogcWithAuthority4545:
    'PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 108E",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",108],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Northing",NORTH],AXIS["Easting",EAST],AUTHORITY["EPSG","4545"]]',
  wkt2Epsg4545:
    'PROJCRS["CGCS2000 / 3-degree Gauss-Kruger CM 108E",BASEGEOGCRS["China Geodetic Coordinate System 2000",DATUM["China 2000",ELLIPSOID["CGCS2000",6378137,298.257222101,LENGTHUNIT["metre",1]]],PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]],ID["EPSG",4490]],CONVERSION["3-degree Gauss-Kruger CM 108E",METHOD["Transverse Mercator",ID["EPSG",9807]],PARAMETER["Latitude of natural origin",0,ANGLEUNIT["degree",0.0174532925199433],ID["EPSG",8801]],PARAMETER["Longitude of natural origin",108,ANGLEUNIT["degree",0.0174532925199433],ID["EPSG",8802]],PARAMETER["Scale factor at natural origin",1,SCALEUNIT["unity",1],ID["EPSG",8805]],PARAMETER["False easting",500000,LENGTHUNIT["metre",1],ID["EPSG",8806]],PARAMETER["False northing",0,LENGTHUNIT["metre",1],ID["EPSG",8807]]],CS[Cartesian,2],AXIS["northing (X)",north,ORDER[1],LENGTHUNIT["metre",1]],AXIS["easting (Y)",east,ORDER[2],LENGTHUNIT["metre",1]],ID["EPSG",4545]]',
  xian1980Zone35:
    'PROJCS["Xian_1980_3_Degree_GK_Zone_35",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",35500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
  beijing1954Zone35:
    'PROJCS["Beijing_1954_3_Degree_GK_Zone_35",GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",35500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
  wgs84Utm48:
    'PROJCS["WGS_1984_UTM_Zone_48N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
} as const;

// ── Shapefile ────────────────────────────────────────────────────────────────────────────────────────────────

export interface DbfFieldSpec {
  name: string;
  type: 'C' | 'N' | 'F' | 'L' | 'D';
  length: number;
  decimals?: number;
}

export interface ShapefileSpec {
  /** Each record's rings (already in the order and orientation to write), or null for a null shape. */
  shapes: (Ring[] | null)[];
  fields: DbfFieldSpec[];
  /** One row per shape; values already formatted as the DBF text (numbers as strings are fine). */
  rows: (string | number | boolean | null)[][];
  /** `gbk` (default) or `utf-8`, for field names and C values. */
  encoding?: 'gbk' | 'utf-8';
  languageDriver?: number;
  /** 5 Polygon (default), 15 PolygonZ, 25 PolygonM, 1 Point (to test refusal). */
  shapeType?: number;
}

export interface ShapefileBytes {
  shp: Uint8Array;
  shx: Uint8Array;
  dbf: Uint8Array;
}

function encodeText(text: string, encoding: 'gbk' | 'utf-8'): Uint8Array {
  return encoding === 'gbk' ? new Uint8Array(iconv.encode(text, 'gbk')) : new TextEncoder().encode(text);
}

function shapeContent(rings: Ring[] | null, shapeType: number): Uint8Array {
  if (!rings) {
    const empty = new Uint8Array(4);
    new DataView(empty.buffer).setInt32(0, 0, true);
    return empty;
  }
  const points = rings.flat();
  const hasZ = shapeType === 15;
  const hasM = shapeType === 15 || shapeType === 25;
  const length =
    44 +
    4 * rings.length +
    16 * points.length +
    (hasZ ? 16 + 8 * points.length : 0) +
    (hasM ? 16 + 8 * points.length : 0);
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  view.setInt32(0, shapeType, true);
  for (const [index, value] of boundsOf(points).entries()) view.setFloat64(4 + 8 * index, value, true);
  view.setInt32(36, rings.length, true);
  view.setInt32(40, points.length, true);
  let cursor = 44;
  let start = 0;
  for (const ring of rings) {
    view.setInt32(cursor, start, true);
    cursor += 4;
    start += ring.length;
  }
  for (const [x, y] of points) {
    view.setFloat64(cursor, x, true);
    view.setFloat64(cursor + 8, y, true);
    cursor += 16;
  }
  for (const present of [hasZ, hasM]) {
    if (!present) continue;
    // Range then one value per point: a Z (or M) of 1234.5 everywhere, which the reader must drop.
    view.setFloat64(cursor, 1234.5, true);
    view.setFloat64(cursor + 8, 1234.5, true);
    cursor += 16;
    for (let index = 0; index < points.length; index++, cursor += 8) view.setFloat64(cursor, 1234.5, true);
  }
  return bytes;
}

/** [minX, minY, maxX, maxY] by a loop: spreading 10^6 values into Math.min overflows the stack. */
function boundsOf(points: [number, number][]): number[] {
  if (points.length === 0) return [0, 0, 0, 0];
  const bounds = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    bounds[0] = Math.min(bounds[0] as number, x);
    bounds[1] = Math.min(bounds[1] as number, y);
    bounds[2] = Math.max(bounds[2] as number, x);
    bounds[3] = Math.max(bounds[3] as number, y);
  }
  return bounds;
}

function mainHeader(view: DataView, fileBytes: number, shapeType: number, bounds: number[]): void {
  view.setInt32(0, 9994, false);
  view.setInt32(24, fileBytes / 2, false);
  view.setInt32(28, 1000, true);
  view.setInt32(32, shapeType, true);
  for (const [index, value] of bounds.entries()) view.setFloat64(36 + 8 * index, value, true);
}

export function writeShapefileBytes(spec: ShapefileSpec): ShapefileBytes {
  const shapeType = spec.shapeType ?? 5;
  const contents = spec.shapes.map((rings) => shapeContent(rings, rings ? shapeType : 0));
  const points = spec.shapes.flatMap((rings) => (rings ?? []).flat());
  const bounds = boundsOf(points);
  const shpLength = 100 + contents.reduce((sum, content) => sum + 8 + content.length, 0);
  const shp = new Uint8Array(shpLength);
  const shx = new Uint8Array(100 + 8 * contents.length);
  const shpView = new DataView(shp.buffer);
  const shxView = new DataView(shx.buffer);
  mainHeader(shpView, shpLength, shapeType, bounds);
  mainHeader(shxView, shx.length, shapeType, bounds);
  let cursor = 100;
  contents.forEach((content, index) => {
    shxView.setInt32(100 + 8 * index, cursor / 2, false);
    shxView.setInt32(104 + 8 * index, content.length / 2, false);
    shpView.setInt32(cursor, index + 1, false);
    shpView.setInt32(cursor + 4, content.length / 2, false);
    shp.set(content, cursor + 8);
    cursor += 8 + content.length;
  });
  return { shp, shx, dbf: writeDbfBytes(spec) };
}

export function writeDbfBytes(
  spec: Pick<ShapefileSpec, 'fields' | 'rows' | 'encoding' | 'languageDriver'>,
): Uint8Array {
  const encoding = spec.encoding ?? 'gbk';
  const headerLength = 32 + 32 * spec.fields.length + 1;
  const recordLength = 1 + spec.fields.reduce((sum, field) => sum + field.length, 0);
  const bytes = new Uint8Array(headerLength + recordLength * spec.rows.length + 1);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, 0x03);
  view.setUint8(1, 124);
  view.setUint8(2, 1);
  view.setUint8(3, 1);
  view.setUint32(4, spec.rows.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  view.setUint8(29, spec.languageDriver ?? 0x4d);
  spec.fields.forEach((field, index) => {
    const at = 32 + 32 * index;
    bytes.set(encodeText(field.name, encoding).subarray(0, 10), at);
    bytes[at + 11] = field.type.charCodeAt(0);
    bytes[at + 16] = field.length;
    bytes[at + 17] = field.decimals ?? 0;
  });
  bytes[headerLength - 1] = 0x0d;
  spec.rows.forEach((row, rowIndex) => {
    const start = headerLength + rowIndex * recordLength;
    bytes.fill(0x20, start, start + recordLength);
    let offset = start + 1;
    spec.fields.forEach((field, fieldIndex) => {
      const value = row[fieldIndex];
      let text: Uint8Array;
      if (value === null || value === undefined) text = new Uint8Array(0);
      else if (field.type === 'L') text = new TextEncoder().encode(value ? 'T' : 'F');
      else if (field.type === 'N' || field.type === 'F') {
        const formatted = typeof value === 'number' ? value.toFixed(field.decimals ?? 0) : String(value);
        text = new TextEncoder().encode(formatted.padStart(field.length, ' '));
      } else text = encodeText(String(value), encoding);
      bytes.set(text.subarray(0, field.length), offset);
      offset += field.length;
    });
  });
  bytes[bytes.length - 1] = 0x1a;
  return bytes;
}

/** Writes `<folder>/<base>.shp/.shx/.dbf` (+ `.prj`, `.cpg` when given) and returns the `.shp` path. */
export function writeShapefile(
  folder: string,
  base: string,
  files: ShapefileBytes,
  extra: { prj?: string; cpg?: string; withoutDbf?: boolean } = {},
): string {
  writeFileSync(join(folder, `${base}.shp`), files.shp);
  writeFileSync(join(folder, `${base}.shx`), files.shx);
  if (!extra.withoutDbf) writeFileSync(join(folder, `${base}.dbf`), files.dbf);
  if (extra.prj !== undefined) writeFileSync(join(folder, `${base}.prj`), extra.prj);
  if (extra.cpg !== undefined) writeFileSync(join(folder, `${base}.cpg`), extra.cpg);
  return join(folder, `${base}.shp`);
}

// ── Zip ───────────────────────────────────────────────────────────────────────────────────────────────────────

export interface ZipEntrySpec {
  name: string;
  bytes: Uint8Array;
  /** Encode the name as GBK without the UTF-8 flag, as Chinese Windows does. Default: UTF-8 with the flag. */
  gbkName?: boolean;
  /** Lie about the uncompressed size in the headers (zip-bomb test). */
  declaredSize?: number;
  stored?: boolean;
}

/** A minimal PKZIP writer (APPNOTE 6.3.10 local headers + central directory), enough to control every field. */
export function writeZipBytes(entries: ZipEntrySpec[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = entry.gbkName
      ? new Uint8Array(iconv.encode(entry.name, 'gbk'))
      : new TextEncoder().encode(entry.name);
    const data = entry.stored ? entry.bytes : deflateSync(entry.bytes, { level: 9 });
    const crc = crc32(entry.bytes) >>> 0;
    const size = entry.declaredSize ?? entry.bytes.length;
    const flags = entry.gbkName ? 0 : 0x0800;
    const method = entry.stored ? 0 : 8;
    const local = new Uint8Array(30 + name.length + data.length);
    const localView = new DataView(local.buffer);
    localView.setUint32(0, 0x04034b50, true);
    localView.setUint16(4, 20, true);
    localView.setUint16(6, flags, true);
    localView.setUint16(8, method, true);
    localView.setUint32(14, crc, true);
    localView.setUint32(18, data.length, true);
    localView.setUint32(22, size, true);
    localView.setUint16(26, name.length, true);
    local.set(name, 30);
    local.set(data, 30 + name.length);
    const central = new Uint8Array(46 + name.length);
    const centralView = new DataView(central.buffer);
    centralView.setUint32(0, 0x02014b50, true);
    centralView.setUint16(4, 20, true);
    centralView.setUint16(6, 20, true);
    centralView.setUint16(8, flags, true);
    centralView.setUint16(10, method, true);
    centralView.setUint32(16, crc, true);
    centralView.setUint32(20, data.length, true);
    centralView.setUint32(24, size, true);
    centralView.setUint16(28, name.length, true);
    centralView.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const centralLength = centrals.reduce((sum, central) => sum + central.length, 0);
  const end = new Uint8Array(22);
  const endView = new DataView(end.buffer);
  endView.setUint32(0, 0x06054b50, true);
  endView.setUint16(8, entries.length, true);
  endView.setUint16(10, entries.length, true);
  endView.setUint32(12, centralLength, true);
  endView.setUint32(16, offset, true);
  const parts = [...locals, ...centrals, end];
  const zip = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let cursor = 0;
  for (const part of parts) {
    zip.set(part, cursor);
    cursor += part.length;
  }
  return zip;
}

/** The zip entries of a shapefile set named `<folder>/<base>`. */
export function shapefileZipEntries(
  folder: string,
  base: string,
  files: ShapefileBytes,
  extra: { prj?: string; cpg?: string; gbkName?: boolean } = {},
): ZipEntrySpec[] {
  const path = folder ? `${folder}/${base}` : base;
  const gbkName = extra.gbkName ?? false;
  const entries: ZipEntrySpec[] = [
    { name: `${path}.shp`, bytes: files.shp, gbkName },
    { name: `${path}.shx`, bytes: files.shx, gbkName },
    { name: `${path}.dbf`, bytes: files.dbf, gbkName },
  ];
  if (extra.prj !== undefined)
    entries.push({ name: `${path}.prj`, bytes: new TextEncoder().encode(extra.prj), gbkName });
  if (extra.cpg !== undefined)
    entries.push({ name: `${path}.cpg`, bytes: new TextEncoder().encode(extra.cpg), gbkName });
  return entries;
}

// ── GeoPackage ────────────────────────────────────────────────────────────────────────────────────────────────

/** ISO WKB (little- or big-endian) of a polygon, optionally with a Z value per vertex (type 1003). */
export function polygonWkb(rings: Ring[], options: { z?: boolean; bigEndian?: boolean } = {}): Uint8Array {
  const dimensions = options.z ? 3 : 2;
  const length = 9 + rings.reduce((sum, ring) => sum + 4 + ring.length * 8 * dimensions, 0);
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  const little = !options.bigEndian;
  view.setUint8(0, little ? 1 : 0);
  view.setUint32(1, options.z ? 1003 : 3, little);
  view.setUint32(5, rings.length, little);
  let cursor = 9;
  for (const ring of rings) {
    view.setUint32(cursor, ring.length, little);
    cursor += 4;
    for (const [x, y] of ring) {
      view.setFloat64(cursor, x, little);
      view.setFloat64(cursor + 8, y, little);
      if (options.z) view.setFloat64(cursor + 16, 99, little);
      cursor += 8 * dimensions;
    }
  }
  return bytes;
}

/** A GeoPackage blob with the given envelope indicator (0 none, 1 xy, 2 xyz, 3 xym, 4 xyzm); envelope zeros. */
export function geoPackageBlob(
  wkb: Uint8Array,
  srsId: number,
  envelopeIndicator: number,
  bigEndian = false,
): Uint8Array {
  const envelopeBytes = [0, 32, 48, 48, 64][envelopeIndicator] as number;
  const blob = new Uint8Array(8 + envelopeBytes + wkb.length);
  const view = new DataView(blob.buffer);
  blob[0] = 0x47;
  blob[1] = 0x50;
  blob[3] = (envelopeIndicator << 1) | (bigEndian ? 0 : 1);
  view.setInt32(4, srsId, !bigEndian);
  blob.set(wkb, 8 + envelopeBytes);
  return blob;
}

export interface GeoPackageTableSpec {
  name: string;
  geometryType: string;
  srsId: number;
  columns: string;
  rows: { geometry: Uint8Array | null; values: (string | number | null)[] }[];
}

/** A GeoPackage with the core tables (store helpers) and the given feature tables; extra SRS rows as needed. */
export function writeGeoPackage(
  path: string,
  tables: GeoPackageTableSpec[],
  extraSrs: { name: string; id: number; organization: string; code: number; definition: string }[] = [],
): string {
  const database = new Database(path);
  createGeoPackageCore(database);
  for (const srs of extraSrs) {
    database
      .prepare(
        'INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition) VALUES (?, ?, ?, ?, ?)',
      )
      .run(srs.name, srs.id, srs.organization, srs.code, srs.definition);
  }
  for (const table of tables) {
    database.exec(
      `CREATE TABLE "${table.name}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom ${table.geometryType}, ${table.columns})`,
    );
    database
      .prepare(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES (?, 'features', ?, ?)",
      )
      .run(table.name, table.name, table.srsId);
    database
      .prepare('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)')
      .run(table.name, 'geom', table.geometryType, table.srsId);
    const columnCount = table.columns.split(',').length;
    const insert = database.prepare(
      `INSERT INTO "${table.name}" VALUES (NULL, ?, ${Array.from({ length: columnCount }, () => '?').join(', ')})`,
    );
    for (const row of table.rows) insert.run(row.geometry, ...row.values);
  }
  database.close();
  return path;
}
