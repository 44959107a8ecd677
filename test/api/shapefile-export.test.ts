import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ellipsoidArea, gaussKrugerZoneFor, planeArea } from '../../server/domain/areas.ts';
import { type FieldNameStyle, SHAPEFILE_COLUMNS } from '../../server/export/shapefile/parcel-fields.ts';
import { shapefileZip, writeShapefile } from '../../server/export/shapefile/write-shapefile.ts';
import type { ParcelStore } from '../../server/store/parcel-store.ts';
import { withSignedInApp } from '../support/api-session.ts';
import { TEST_PARCELS } from '../support/test-park.ts';

type Geometry = Polygon | MultiPolygon;
type Properties = Record<string, string | number | boolean | null>;
type Collection = FeatureCollection<Geometry, Properties>;

const ALL_COUNT = Object.values(TEST_PARCELS).flat().length;
const V01_COUNT = TEST_PARCELS.V01?.length ?? 0;

function gdalAvailable(): boolean {
  try {
    execFileSync('ogrinfo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const GDAL = gdalAvailable();
const GDAL_NOTE = GDAL ? '' : ' (skipped: GDAL ogrinfo/ogr2ogr not installed)';

function withTemporaryFile<T>(name: string, bytes: Uint8Array, run: (path: string) => T): T {
  const directory = mkdtempSync(join(tmpdir(), 'shapefile-export-test-'));
  try {
    const path = join(directory, name);
    writeFileSync(path, bytes);
    return run(path);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** What GDAL reads from a file: `ogr2ogr -f GeoJSON /vsistdout/` (17 significant digits: doubles round-trip). */
function gdalFeatures(path: string, options: string[] = [], layers: string[] = []): Collection {
  return JSON.parse(
    execFileSync('ogr2ogr', ['-f', 'GeoJSON', ...options, '/vsistdout/', path, ...layers], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    }),
  );
}

function gdalSummary(path: string): string {
  return execFileSync('ogrinfo', ['-ro', '-al', '-so', path], { encoding: 'utf8' });
}

/** The EPSG code GDAL identified for the layer: the last `ID` of its SRS WKT (the inner ones name the parts). */
function layerEpsg(summary: string): number | null {
  const wkt = summary.slice(
    summary.indexOf('Layer SRS WKT:'),
    summary.indexOf('Data axis to CRS axis mapping'),
  );
  const codes = [...wkt.matchAll(/ID\["EPSG",(\d+)\]/g)].map((match) => Number(match[1]));
  return codes.at(-1) ?? null;
}

function fileNameOf(response: Response): string {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  return decodeURIComponent(disposition.match(/filename\*=UTF-8''(.+)$/)?.[1] ?? '');
}

async function exportZip(request: (path: string) => Promise<Response>, query: string) {
  const response = await request(`/api/export?format=shapefile&${query}`);
  expect(response.status).toBe(200);
  const zip = new Uint8Array(await response.arrayBuffer());
  const entries = unzipSync(zip);
  const entryOf = (extension: string) => {
    const name = Object.keys(entries).find((entry) => entry.endsWith(`.${extension}`));
    return entries[name ?? ''] as Uint8Array;
  };
  return { response, zip, entries, entryOf, fileName: fileNameOf(response) };
}

/** The field names of a `.dbf` header, decoded with its encoding. */
function dbfFieldNames(dbf: Uint8Array, encoding: 'gbk' | 'utf-8'): string[] {
  const headerBytes = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength).getUint16(8, true);
  const names: string[] = [];
  for (let at = 32; at < headerBytes - 1; at += 32) {
    const slot = dbf.subarray(at, at + 11);
    const end = slot.indexOf(0);
    names.push(iconv.decode(Buffer.from(slot.subarray(0, end < 0 ? 11 : end)), encoding));
  }
  return names;
}

/** A GeoJSON export property as GDAL reads it back from a DBF: L as T/F, blank text as null. */
function asDbfValue(value: Properties[string]): Properties[string] {
  if (typeof value === 'boolean') return value ? 'T' : 'F';
  return value === '' ? null : value;
}

/** Every property of the API's GeoJSON export, compared with the same parcel's fields as GDAL decodes them. */
function expectSameAttributes(expected: Collection, actual: Collection, style: FieldNameStyle): void {
  expect(actual.features).toHaveLength(expected.features.length);
  const actualById = new Map(
    actual.features.map((feature) => [feature.properties[SHAPEFILE_COLUMNS.id?.[style] ?? ''], feature]),
  );
  for (const feature of expected.features) {
    const read = actualById.get(feature.properties.id as number)?.properties ?? {};
    for (const [name, value] of Object.entries(feature.properties)) {
      const field = SHAPEFILE_COLUMNS[name]?.[style] as string;
      expect({ name, value: asDbfValue(read[field] ?? null) }).toEqual({ name, value: asDbfValue(value) });
    }
  }
}

function polygonsOf(geometry: Geometry): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function twiceSignedArea(ring: Position[]): number {
  const [x0, y0] = ring[0] as [number, number];
  let sum = 0;
  for (let index = 0; index + 1 < ring.length; index++) {
    const [x1, y1] = ring[index] as [number, number];
    const [x2, y2] = ring[index + 1] as [number, number];
    sum += (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
  }
  return sum;
}

/** Plane area straight from Gauss-Krüger coordinates as read back: |outer| − Σ|holes| by the shoelace formula. */
function shoelaceArea(geometry: Geometry): number {
  let total = 0;
  for (const polygon of polygonsOf(geometry)) {
    polygon.forEach((ring, index) => {
      total += (index === 0 ? 1 : -1) * Math.abs(twiceSignedArea(ring) / 2);
    });
  }
  return total;
}

/** Rings turned counter-clockwise, so a Shapefile's clockwise rings compare with the store's GeoJSON rings. */
function counterClockwiseRings(geometry: Geometry): Position[][] {
  return polygonsOf(geometry)
    .flat()
    .map((ring) => (twiceSignedArea(ring) < 0 ? [...ring].reverse() : ring));
}

/** Each vertex within `tolerance` degrees of the original, ring by ring, whatever the orientation written. */
function expectSamePositions(actual: Geometry, expected: Geometry, tolerance: number): void {
  const theirs = counterClockwiseRings(actual);
  const ours = counterClockwiseRings(expected);
  expect(theirs.map((ring) => ring.length)).toEqual(ours.map((ring) => ring.length));
  theirs.forEach((ring, ringIndex) => {
    ring.forEach((position, index) => {
      const original = ours[ringIndex]?.[index] as Position;
      expect(Math.abs((position[0] as number) - (original[0] as number))).toBeLessThan(tolerance);
      expect(Math.abs((position[1] as number) - (original[1] as number))).toBeLessThan(tolerance);
    });
  });
}

function recordsById(store: ParcelStore) {
  return new Map(store.records().map((record) => [record.summary.id, record]));
}

function expectRelativelyClose(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(tolerance);
}

describe('GET /api/export?format=shapefile', () => {
  it('GBK: a .shp.zip named by filter and date, five entries, GBK .cpg and DBF with Chinese field names', () =>
    withSignedInApp(async ({ session: { request } }) => {
      const { response, entries, entryOf, fileName } = await exportZip(request, 'encoding=gbk&village=V01');
      expect(response.headers.get('Content-Type')).toBe('application/zip');
      expect(fileName).toMatch(/^征拆地块_parcels_V01_\d{4}-\d{2}-\d{2}\.shp\.zip$/);
      const base = fileName.replace(/^征拆地块_/, '').replace(/\.shp\.zip$/, '');
      expect(Object.keys(entries).sort()).toEqual(
        ['cpg', 'dbf', 'prj', 'shp', 'shx'].map((extension) => `${base}.${extension}`),
      );
      expect(new TextDecoder().decode(entryOf('cpg'))).toBe('GBK');
      expect(new TextDecoder().decode(entryOf('prj'))).toContain('GCS_China_Geodetic_Coordinate_System_2000');
      const dbf = entryOf('dbf');
      expect(dbf[0]).toBe(0x03);
      expect(dbf[29]).toBe(0x4d);
      expect(dbf[4]).toBe(V01_COUNT);
      const names = dbfFieldNames(dbf, 'gbk');
      expect(names.slice(0, 3)).toEqual(['序号', '宗地编码', '户主']);
      expect(names).toEqual(
        expect.arrayContaining(['平面面积', '平面亩数', '椭球面积', '登记面积', '补偿金额']),
      );
      // The village name of every V01 record, GBK-encoded, is in the DBF.
      const village = iconv.encode('东岭村', 'gbk');
      const text = Buffer.from(dbf);
      expect(text.indexOf(village)).toBeGreaterThan(0);
      expect(text.includes(Buffer.from('52011519800101'))).toBe(false); // ID numbers masked
    }));

  it('UTF-8: UTF-8 .cpg, language driver 0, English field names (Chinese would not fit 10 UTF-8 bytes)', () =>
    withSignedInApp(async ({ session: { request } }) => {
      const { entryOf } = await exportZip(request, 'encoding=utf-8&fieldNames=chinese');
      expect(new TextDecoder().decode(entryOf('cpg'))).toBe('UTF-8');
      const dbf = entryOf('dbf');
      expect(dbf[29]).toBe(0x00);
      expect(dbf[4]).toBe(ALL_COUNT);
      const names = dbfFieldNames(dbf, 'utf-8');
      expect(names.slice(0, 3)).toEqual(['id', 'code', 'holder']);
      expect(names).toContain('plane_m2');
      expect(Buffer.from(dbf).includes(Buffer.from('东岭村', 'utf8'))).toBe(true);
    }));

  it('a team export has no compensation fields; hq sees them', () =>
    withSignedInApp(
      async ({ session: { request } }) => {
        const { entryOf } = await exportZip(request, 'encoding=gbk&village=V01');
        const names = dbfFieldNames(entryOf('dbf'), 'gbk');
        expect(names).toContain('宗地编码');
        expect(names).not.toContain('补偿金额');
        expect(names).not.toContain('标准版本');
      },
      'team',
      ['V01'],
    ));

  it('refuses an unknown encoding, CRS or field-name style with 400 naming the parameter', () =>
    withSignedInApp(async ({ session: { request } }) => {
      const response = await request('/api/export?format=shapefile&encoding=big5&crs=utm&fieldNames=pinyin');
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body.error).toContain('Shapefile');
      expect(body.details.map((detail: { field: string }) => detail.field)).toEqual([
        'encoding',
        'crs',
        'fieldNames',
      ]);
      expect(body.details[0]).toMatchObject({ value: 'big5', zh: expect.stringContaining('gbk') });
      // The parameters of other formats are not checked.
      expect((await request('/api/export?format=csv&encoding=big5')).status).toBe(200);
    }));
});

describe(`GDAL reads the Shapefile export${GDAL_NOTE}`, () => {
  for (const [encoding, style] of [
    ['gbk', 'chinese'],
    ['utf-8', 'english'],
  ] as const) {
    it.runIf(GDAL)(
      `${encoding}: same count, EPSG:4490, same decoded attributes, same areas from the coordinates`,
      () =>
        withSignedInApp(async ({ store, session: { request } }) => {
          const { zip } = await exportZip(request, `encoding=${encoding}`);
          const expected: Collection = await (await request('/api/export?format=geojson')).json();
          const records = recordsById(store);
          withTemporaryFile('parcels.shp.zip', zip, (path) => {
            const summary = gdalSummary(path);
            expect(summary).toContain(`Feature Count: ${ALL_COUNT}`);
            expect(layerEpsg(summary)).toBe(4490);
            const read = gdalFeatures(path);
            expectSameAttributes(expected, read, style);
            const holders = read.features.map(
              (feature) => feature.properties[style === 'chinese' ? '户主' : 'holder'],
            );
            expect(holders).toContain('东户主1');
            for (const feature of read.features) {
              const record = records.get(feature.properties[style === 'chinese' ? '序号' : 'id'] as number);
              expect(record).toBeDefined();
              expectRelativelyClose(
                ellipsoidArea(feature.geometry),
                record?.summary.ellipsoidArea as number,
                1e-9,
              );
              expectRelativelyClose(
                planeArea(feature.geometry, store.park.zone),
                record?.summary.planeArea as number,
                1e-9,
              );
            }
            // The parcel with a hole comes back with its hole.
            expect(read.features.some((feature) => polygonsOf(feature.geometry)[0]?.length === 2)).toBe(true);
          });
        }),
    );
  }

  it.runIf(GDAL)(
    'Gauss-Krüger: the park zone (EPSG:4545), plane areas from the plane coordinates, and ogr2ogr back to EPSG:4490 within 1e-8°',
    () =>
      withSignedInApp(async ({ store, session: { request } }) => {
        const { zip, entryOf } = await exportZip(request, 'encoding=gbk&crs=gauss-kruger');
        expect(new TextDecoder().decode(entryOf('prj'))).toMatch(/^PROJCS\["CGCS2000_3_Degree_GK_CM_108E"/);
        const records = recordsById(store);
        withTemporaryFile('parcels.shp.zip', zip, (path) => {
          const summary = gdalSummary(path);
          expect(summary).toContain(`Feature Count: ${ALL_COUNT}`);
          expect(layerEpsg(summary)).toBe(4545);
          const plane = gdalFeatures(path);
          for (const feature of plane.features) {
            const record = records.get(feature.properties.序号 as number);
            expect(feature.geometry.coordinates.flat(3)[0]).toBeGreaterThan(100_000); // metres, not degrees
            expectRelativelyClose(shoelaceArea(feature.geometry), record?.summary.planeArea as number, 1e-9);
          }
          const back = gdalFeatures(path, ['-t_srs', 'EPSG:4490']);
          expect(back.features).toHaveLength(ALL_COUNT);
          for (const feature of back.features) {
            const record = records.get(feature.properties.序号 as number);
            expectSamePositions(feature.geometry, record?.geometry as Geometry, 1e-8);
          }
        });
      }),
  );

  it.runIf(GDAL)(
    'a MultiPolygon with a hole, zone-prefixed X (EPSG:4524) and 张堃 in GBK, as GDAL reads them',
    () => {
      const outer = [
        [106.64, 26.61],
        [106.641, 26.61],
        [106.641, 26.611],
        [106.64, 26.611],
        [106.64, 26.61],
      ];
      const hole = [
        [106.6402, 26.6102],
        [106.6402, 26.6104],
        [106.6404, 26.6104],
        [106.6404, 26.6102],
        [106.6402, 26.6102],
      ];
      const second = outer.map(([longitude, latitude]) => [
        (longitude as number) + 0.002,
        latitude as number,
      ]);
      const geometry: MultiPolygon = { type: 'MultiPolygon', coordinates: [[outer, hole], [second]] };
      const zone = gaussKrugerZoneFor(106.64);
      const files = writeShapefile([{ geometry, attributes: { 户主: '张堃', 平面面积: 1.5 } }], {
        fields: [
          { name: '户主', type: 'C' },
          { name: '平面面积', type: 'N', length: 12, decimals: 2 },
        ],
        encoding: 'gbk',
        crs: { kind: 'gauss-kruger', zone, zonePrefixedX: true },
      });
      withTemporaryFile('fixture.shp.zip', shapefileZip(files, 'fixture'), (path) => {
        expect(layerEpsg(gdalSummary(path))).toBe(4524);
        const [feature] = gdalFeatures(path).features as Feature<Geometry, Properties>[];
        expect(feature?.properties).toEqual({ 户主: '张堃', 平面面积: 1.5 });
        expect(feature?.geometry.type).toBe('MultiPolygon');
        expect(polygonsOf(feature?.geometry as Geometry).map((polygon) => polygon.length)).toEqual([2, 1]);
        expect((feature?.geometry.coordinates.flat(3)[0] as number) / 1_000_000).toBeCloseTo(36.36, 2);
        expectRelativelyClose(shoelaceArea(feature?.geometry as Geometry), planeArea(geometry, zone), 1e-9);
        const [back] = gdalFeatures(path, ['-t_srs', 'EPSG:4490']).features;
        expectSamePositions(back?.geometry as Geometry, geometry, 1e-8);
      });
    },
  );
});

describe(`GDAL reads the GeoPackage export${GDAL_NOTE}`, () => {
  it.runIf(GDAL)(
    'with the same attribute values (Chinese included) and coordinates as the GeoJSON export',
    () =>
      withSignedInApp(async ({ session: { request } }) => {
        const response = await request('/api/export?format=gpkg&village=V01');
        const gpkg = new Uint8Array(await response.arrayBuffer());
        const expected: Collection = await (await request('/api/export?format=geojson&village=V01')).json();
        withTemporaryFile('export.gpkg', gpkg, (path) => {
          const collection = gdalFeatures(path, [], ['parcels']);
          expect(collection.features).toHaveLength(V01_COUNT);
          const byId = new Map(collection.features.map((feature) => [feature.properties.id, feature]));
          for (const feature of expected.features) {
            const gdal = byId.get(feature.properties.id as number);
            expect(gdal?.properties).toEqual(feature.properties);
            expect(counterClockwiseRings(gdal?.geometry as Geometry)).toEqual(
              counterClockwiseRings(feature.geometry),
            );
          }
          expect(collection.features.map((feature) => feature.properties.villageName)).toContain('东岭村');
        });
      }),
  );
});
