import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { gaussKrugerZoneFor } from '../../server/domain/areas.ts';
import { startAreaWorker } from '../../server/import/areas-in-worker.ts';
import { asGeoJson } from '../../server/import/flat-geometries.ts';
import { applyMapping } from '../../server/import/mapping.ts';
import { listLayers, readSurveyFile } from '../../server/import/read/read-survey-file.ts';
import { type ImportCandidate, SourceError, type SourceLayer } from '../../server/import/source.ts';
import { validateImport } from '../../server/import/validate.ts';
import { encodeGeometryBlob } from '../../server/store/geopackage/geometry-blob.ts';
import {
  geoPackageBlob,
  PRJ,
  polygonWkb,
  square,
  surveyPoint,
  temporaryFolder,
  writeGeoPackage,
  writeZipBytes,
  zone36,
} from '../support/import-fixtures.ts';

const holed: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [106.65, 26.62],
      [106.651, 26.62],
      [106.651, 26.621],
      [106.65, 26.621],
      [106.65, 26.62],
    ],
    [
      [106.6503, 26.6203],
      [106.6503, 26.6206],
      [106.6506, 26.6206],
      [106.6503, 26.6203],
    ],
  ],
};
const multi: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [
    holed.coordinates,
    [
      [
        [106.66, 26.62],
        [106.661, 26.62],
        [106.661, 26.621],
        [106.66, 26.62],
      ],
    ],
  ],
};

function parcelsTable(name = 'parcels') {
  return {
    name,
    geometryType: 'MULTIPOLYGON',
    srsId: 4490,
    columns: '宗地编码 TEXT, 户主 TEXT, 建筑面积 REAL, 层数 INTEGER',
    rows: [
      { geometry: encodeGeometryBlob(holed, 4490), values: ['JC00001', '张堃', 120.5, 2] },
      { geometry: encodeGeometryBlob(multi, 4490), values: ['JC00002', '李四', null, null] },
      { geometry: null, values: ['JC00003', '王五', 0, 1] },
      // Envelope variants and WKB flavours: no envelope + big-endian ISO PolygonZ; xyz envelope.
      {
        geometry: geoPackageBlob(
          polygonWkb([holed.coordinates[0] as [number, number][]], { z: true, bigEndian: true }),
          4490,
          0,
          true,
        ),
        values: ['JC00004', '赵六', 1, 1],
      },
      {
        geometry: geoPackageBlob(polygonWkb([holed.coordinates[0] as [number, number][]]), 4490, 2),
        values: ['JC00005', '钱七', 2, 2],
      },
    ],
  };
}

describe('readSurveyFile: GeoPackage', () => {
  it('reads a CGCS2000 (EPSG:4490) layer as stored: holes, multipolygons, null and every blob variant', async () => {
    const path = writeGeoPackage(join(temporaryFolder(), 'survey.gpkg'), [parcelsTable()]);
    const layer = await readSurveyFile(path);
    expect(layer).toMatchObject({
      format: 'geopackage',
      layerName: 'parcels',
      encoding: { name: 'utf-8', source: 'format' },
    });
    expect(layer.crs).toMatchObject({ epsg: 4490, source: 'geopackage-srs', zonePrefixedX: false });
    expect(layer.fields).toEqual([
      { name: '宗地编码', type: 'string' },
      { name: '户主', type: 'string' },
      { name: '建筑面积', type: 'number' },
      { name: '层数', type: 'integer' },
    ]);
    expect(layer.features[0]?.properties).toEqual({
      宗地编码: 'JC00001',
      户主: '张堃',
      建筑面积: 120.5,
      层数: 2,
    });
    expect(geometryOf(layer, 0)).toEqual(holed);
    expect(geometryOf(layer, 1)).toEqual(multi);
    expect(geometryOf(layer, 2)).toBeNull();
    expect(geometryOf(layer, 3)).toEqual({ type: 'Polygon', coordinates: [holed.coordinates[0]] });
    expect(geometryOf(layer, 4)).toEqual({ type: 'Polygon', coordinates: [holed.coordinates[0]] });
  });

  it('reads only the attributes asked for, once it knows the fields, and still lists every field', async () => {
    const path = writeGeoPackage(join(temporaryFolder(), 'survey.gpkg'), [parcelsTable()]);
    const everything = await readSurveyFile(path);
    let offered: string[] = [];
    const layer = await readSurveyFile(path, {
      attributes: (fields) => {
        offered = fields.map((field) => field.name);
        return new Set(['户主', '层数']);
      },
    });
    expect(offered).toEqual(['宗地编码', '户主', '建筑面积', '层数']);
    expect(layer.fields).toEqual(everything.fields);
    expect(layer.features.map((feature) => feature.properties)).toEqual(
      everything.features.map(({ properties }) => ({ 户主: properties.户主, 层数: properties.层数 })),
    );
    expect(layer.features.map((_, index) => geometryOf(layer, index))).toEqual(
      everything.features.map((_, index) => geometryOf(everything, index)),
    );
  });

  it('lists layers and requires a choice when there are several', async () => {
    const path = writeGeoPackage(join(temporaryFolder(), 'two.gpkg'), [
      parcelsTable('一村'),
      parcelsTable('二村'),
    ]);
    expect(await listLayers(path)).toEqual([
      { name: '一村', featureCount: 5, geometryType: 'MULTIPOLYGON' },
      { name: '二村', featureCount: 5, geometryType: 'MULTIPOLYGON' },
    ]);
    await expect(readSurveyFile(path)).rejects.toThrow(/choose one: 一村, 二村/);
    const read = await readSurveyFile(path, { layer: '二村' });
    expect(read.layerName).toBe('二村');
    // The layer just read is listed with the count of what was read; the others are counted in the file.
    expect(
      await listLayers(path, { counted: { layer: '二村', featureCount: read.features.length + 1 } }),
    ).toEqual([
      { name: '一村', featureCount: 5, geometryType: 'MULTIPOLYGON' },
      { name: '二村', featureCount: 6, geometryType: 'MULTIPOLYGON' },
    ]);
  });

  it('identifies an SRS by its definition when the organization is not EPSG, and projects to lon/lat', async () => {
    const [x, y] = surveyPoint(106.65, 26.62);
    const ring = square([x, y], 30);
    const path = writeGeoPackage(
      join(temporaryFolder(), 'gk.gpkg'),
      [
        {
          name: 'gk',
          geometryType: 'POLYGON',
          srsId: 100001,
          columns: 'code TEXT',
          rows: [{ geometry: geoPackageBlob(polygonWkb([ring]), 100001, 1), values: ['A'] }],
        },
      ],
      [
        {
          name: 'survey grid',
          id: 100001,
          organization: 'surveyor',
          code: 1,
          definition: PRJ.cgcs2000Zone36,
        },
      ],
    );
    const layer = await readSurveyFile(path);
    expect(layer.crs).toMatchObject({ epsg: 4524, source: 'geopackage-srs' });
    const first = (geometryOf(layer, 0) as Polygon).coordinates[0]?.[0] as number[];
    const expected = zone36.inverse([x, y]) as number[];
    expect(Math.abs((first[0] as number) - (expected[0] as number))).toBeLessThanOrEqual(1e-9);
    expect(Math.abs((first[1] as number) - (expected[1] as number))).toBeLessThanOrEqual(1e-9);
  });

  it('reads the definition of an SRS whose organization is NONE (as GDAL writes any non-EPSG system)', async () => {
    const [x, y] = surveyPoint(106.65, 26.62);
    const table = (srsId: number) => ({
      name: 'parcels',
      geometryType: 'POLYGON',
      srsId,
      columns: 'code TEXT',
      rows: [{ geometry: geoPackageBlob(polygonWkb([square([x, y], 30)]), srsId, 1), values: ['A'] }],
    });
    const srs = (definition: string) => ({
      name: 'grid',
      id: 100000,
      organization: 'NONE',
      code: 100000,
      definition,
    });
    const folder = temporaryFolder();
    const cgcs = writeGeoPackage(join(folder, 'none-cgcs.gpkg'), [table(100000)], [srs(PRJ.cgcs2000Zone36)]);
    expect((await readSurveyFile(cgcs)).crs).toMatchObject({ epsg: 4524, source: 'geopackage-srs' });
    // Xi'an 1980 declared so is refused, as it is under its EPSG code: not read as undeclared CGCS2000.
    const xian = writeGeoPackage(join(folder, 'none-xian.gpkg'), [table(100000)], [srs(PRJ.xian1980Zone35)]);
    await expect(readSurveyFile(xian)).rejects.toThrow(/不支持的坐标系 Xian_1980_3_Degree_GK_Zone_35/);
    // Unless the operator says what the coordinates are: then theirs, with a note.
    const chosen = await readSurveyFile(xian, { crs: 4524 });
    expect(chosen.crs).toMatchObject({ epsg: 4524, source: 'option' });
    expect(chosen.notes[0]?.en).toMatch(/^the file's coordinate system cannot be used .* read as EPSG:4524/);
  });

  it('keeps an INTEGER parcel code of 19 digits exact, and other integers and booleans as they are', async () => {
    const path = writeGeoPackage(join(temporaryFolder(), 'long-codes.gpkg'), [
      {
        name: 'parcels',
        geometryType: 'MULTIPOLYGON',
        srsId: 4490,
        columns: 'ZDDM INTEGER, floors INTEGER, cadre BOOLEAN',
        rows: [
          {
            geometry: encodeGeometryBlob(multi, 4490),
            values: [4401110010010012341n as unknown as number, 3, 1],
          },
        ],
      },
    ]);
    const layer = await readSurveyFile(path);
    expect(layer.features[0]?.properties).toEqual({ ZDDM: '4401110010010012341', floors: 3, cadre: true });
  });

  it('reads a zipped GeoPackage left in WAL mode, as QGIS leaves an edited one', async () => {
    const folder = temporaryFolder();
    const path = writeGeoPackage(join(folder, 'edited.gpkg'), [parcelsTable()]);
    const database = new Database(path);
    database.pragma('journal_mode = WAL');
    database.close();
    const bytes = readFileSync(path);
    expect([bytes[18], bytes[19]]).toEqual([2, 2]);
    const zipPath = join(folder, 'edited.zip');
    writeFileSync(zipPath, writeZipBytes([{ name: 'edited.gpkg', bytes }]));
    const zipped = await readSurveyFile(zipPath);
    expect(zipped.features.map((feature) => feature.properties)).toEqual(
      (await readSurveyFile(path)).features.map((feature) => feature.properties),
    );
  });

  it('names a record by its fid too, the id QGIS shows, where fids have gaps', async () => {
    const path = writeGeoPackage(join(temporaryFolder(), 'gaps.gpkg'), [parcelsTable()]);
    const database = new Database(path);
    const fids = database.prepare('SELECT fid FROM parcels ORDER BY fid').pluck().all() as number[];
    // An edited layer: the first feature deleted, the second's fid moved to 15, and its code made a duplicate.
    database.prepare('DELETE FROM parcels WHERE fid = ?').run(fids[0]);
    database.prepare('UPDATE parcels SET fid = 15 WHERE fid = ?').run(fids[1]);
    database.close();
    const layer = await readSurveyFile(path);
    expect(layer.features.map((feature) => feature.sourceId)).toEqual([...fids.slice(2), 15]);
    const candidates = applyMapping(layer, { code: '宗地编码' });
    const duplicate = { ...(candidates.at(-1) as ImportCandidate), code: candidates[0]?.code ?? null };
    const report = validateImport([...candidates.slice(0, -1), duplicate], {
      villages: [],
      parkBoundary: null,
      zone: gaussKrugerZoneFor(106.65),
      existing: [],
      mode: 'replace',
    });
    const finding = report.findings.find(
      (found) => found.kind === 'duplicate-code' && found.recordIndex !== 0,
    );
    expect(finding?.zh).toMatch(/^第 \d+ 条记录（fid 15，宗地编码 /);
  });

  it('refuses a point layer and an unsupported SRS by name', async () => {
    const folder = temporaryFolder();
    const points = writeGeoPackage(join(folder, 'points.gpkg'), [
      { name: 'wells', geometryType: 'POINT', srsId: 4490, columns: 'code TEXT', rows: [] },
    ]);
    await expect(readSurveyFile(points)).rejects.toThrow(/geometry type POINT, not polygons/);
    const xian = writeGeoPackage(
      join(folder, 'xian.gpkg'),
      [{ ...parcelsTable(), srsId: 2383 }],
      [
        {
          name: 'Xian 1980 / 3-degree Gauss-Kruger CM 114E',
          id: 2383,
          organization: 'EPSG',
          code: 2383,
          definition: PRJ.xian1980Zone35,
        },
      ],
    );
    await expect(readSurveyFile(xian)).rejects.toThrow(/不支持的坐标系 Xian_1980_3_Degree_GK_Zone_35/);
  });

  it('reads the same layer when a worker reads the geometries while this thread reads the attributes', async () => {
    const path = writeGeoPackage(join(temporaryFolder(), 'survey.gpkg'), [parcelsTable()]);
    const worker = startAreaWorker();
    try {
      const attributes = () => new Set(['宗地编码', '层数']);
      const here = await readSurveyFile(path, { attributes });
      let fromWorker: Promise<unknown> = Promise.resolve(null);
      const alongside = await readSurveyFile(path, {
        attributes,
        geoPackageGeometries: (request) => {
          const reading = worker.readGeoPackageGeometries(request);
          fromWorker = reading;
          return reading;
        },
      });
      // Read by the worker indeed, not by this thread after a worker that could not.
      expect(await fromWorker).not.toBeNull();
      expect(alongside.features.map(({ properties }) => properties)).toEqual(
        here.features.map(({ properties }) => properties),
      );
      expect(alongside.features.map((_, index) => geometryOf(alongside, index))).toEqual(
        here.features.map((_, index) => geometryOf(here, index)),
      );
      expect({ ...alongside, features: [] }).toEqual({ ...here, features: [] });
      // The flat arrays themselves, number for number (the worker's are in shared memory).
      const flatOf = (layer: SourceLayer) => {
        const geometry = layer.features[0]?.geometry;
        return geometry?.type === 'FlatGeometry' ? geometry.flat : null;
      };
      expect(flatOf(alongside)?.coordinates.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect([...(flatOf(alongside)?.coordinates ?? [])]).toEqual([...(flatOf(here)?.coordinates ?? [])]);
      expect([...(flatOf(alongside)?.geometryParts ?? [])]).toEqual([...(flatOf(here)?.geometryParts ?? [])]);
    } finally {
      worker.close();
    }
  });

  it('names the record of a broken geometry blob, read here or by the worker', async () => {
    const table = parcelsTable();
    (table.rows[3] as { geometry: Uint8Array | null }).geometry = Uint8Array.from([0x47, 0x50, 0, 1, 0, 0]);
    const path = writeGeoPackage(join(temporaryFolder(), 'broken.gpkg'), [table]);
    const refusal = { zh: /第 4 条记录的几何无法读取/, en: /record 4: the geometry cannot be read/ };
    const here = readSurveyFile(path);
    await expect(here).rejects.toBeInstanceOf(SourceError);
    await expect(here).rejects.toThrow(refusal.zh);
    await expect(here).rejects.toThrow(refusal.en);
    const worker = startAreaWorker();
    try {
      let fromWorker: Promise<unknown> = Promise.resolve(null);
      const alongside = readSurveyFile(path, {
        geoPackageGeometries: (request) => {
          const reading = worker.readGeoPackageGeometries(request);
          fromWorker = reading;
          return reading;
        },
      });
      await expect(alongside).rejects.toBeInstanceOf(SourceError);
      await expect(alongside).rejects.toThrow(refusal.zh);
      await expect(alongside).rejects.toThrow(refusal.en);
      expect(await alongside.catch((error: SourceError) => error.where)).toBe('broken.gpkg parcels #4');
      // The worker's own refusal, not this thread's after a worker that could not read.
      await expect(fromWorker).rejects.toThrow(refusal.en);
    } finally {
      worker.close();
    }
    // A worker that cannot read: this thread reads the geometries itself, with the same refusal.
    const unread = readSurveyFile(path, { geoPackageGeometries: () => Promise.resolve(null) });
    await expect(unread).rejects.toThrow(refusal.en);
  });

  it.skipIf(!hasOgrinfo())('opens in GDAL with the same feature count (ogrinfo is installed)', () => {
    const path = writeGeoPackage(join(temporaryFolder(), 'survey.gpkg'), [parcelsTable()]);
    const output = execFileSync('ogrinfo', ['-so', path, 'parcels'], { encoding: 'utf-8' });
    expect(output).toMatch(/Feature Count: 5/);
  });
});

function hasOgrinfo(): boolean {
  try {
    execFileSync('ogrinfo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function geometryOf(layer: SourceLayer, index: number): Polygon | MultiPolygon | null {
  const feature = layer.features[index];
  if (!feature) throw new Error(`no feature ${index}`);
  return feature.geometry ? asGeoJson(feature.geometry) : null;
}
