import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { decodeGeometryBlob } from '../../server/store/geopackage/geometry-blob.ts';
import { parseCsv } from '../../server/store/read-sample.ts';
import { withSignedInApp } from '../support/api-session.ts';
import { TEST_PARCELS } from '../support/test-park.ts';

function withTemporaryFile(name: string, bytes: Uint8Array, run: (path: string) => void): void {
  const directory = mkdtempSync(join(tmpdir(), 'parcel-export-test-'));
  try {
    const path = join(directory, name);
    writeFileSync(path, bytes);
    run(path);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function gdalAvailable(): boolean {
  try {
    execFileSync('ogrinfo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const V01_COUNT = TEST_PARCELS.V01?.length ?? 0;

describe('GET /api/export', () => {
  it('CSV: UTF-8 with BOM, one row per matching parcel, areas named by their 口径, personal data masked', () =>
    withSignedInApp(async ({ session: { request } }) => {
      const response = await request('/api/export?format=csv&village=V01');
      expect(response.status).toBe(200);
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const disposition = response.headers.get('Content-Disposition') ?? '';
      expect(disposition).toMatch(/V01_\d{4}-\d{2}-\d{2}\.csv/);
      const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes).slice(1)).filter(
        (row) => row.length > 1,
      );
      expect(rows).toHaveLength(V01_COUNT);
      for (const column of [
        'ellipsoidArea_m2',
        'ellipsoidArea_mu',
        'planeArea_m2',
        'planeArea_mu',
        'surveyArea_m2',
        'asOf',
      ]) {
        expect(header).toContain(column);
      }
      const idColumn = header?.indexOf('idNumber') as number;
      for (const row of rows) expect(row[idColumn]).toMatch(/\*{8}/);
      const villageName = header?.indexOf('villageName') as number;
      expect(rows[0]?.[villageName]).toBe('东岭村');
    }));

  it('XLSX: a parcels sheet, a statistics sheet with the same totals, and the 口径 and as-of', () =>
    withSignedInApp(async ({ session: { request } }) => {
      const response = await request('/api/export?format=xlsx&village=V01');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await response.arrayBuffer());
      expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
        '宗地 parcels',
        '统计 statistics',
        '说明 about',
      ]);
      expect((workbook.worksheets[0]?.rowCount ?? 0) - 1).toBe(V01_COUNT);
      const statisticsSheet = workbook.worksheets[1];
      const totalRow = statisticsSheet
        ?.getRows(1, statisticsSheet.rowCount)
        ?.find((row) => row.getCell(2).value === '合计 Total');
      expect(totalRow?.getCell(3).value).toBe(V01_COUNT);
      const stats = await (await request('/api/stats?village=V01')).json();
      expect(totalRow?.getCell(4).value).toBeCloseTo(stats.total.landArea.plane.mu, 4);
      const about = workbook.worksheets[2];
      const text = JSON.stringify(about?.getSheetValues());
      expect(text).toContain('EPSG:4545');
      expect(text).toContain(stats.asOf);
    }));

  it('GeoJSON: RFC 7946 features for the matching parcels with 口径 and as-of as foreign members', () =>
    withSignedInApp(async ({ session: { request } }) => {
      const response = await request('/api/export?format=geojson&signing=signed');
      const collection = JSON.parse(await response.text());
      const expected = Object.values(TEST_PARCELS)
        .flat()
        .filter((parcel) => parcel.signing === 'signed').length;
      expect(collection.type).toBe('FeatureCollection');
      expect(collection).not.toHaveProperty('crs');
      expect(collection.features).toHaveLength(expected);
      expect(collection.asOf).toBe('2026-11-20T08:00:00+08:00');
      expect(collection.measures.ellipsoidArea.zh).toContain('GeographicLib');
      expect(collection.features[0].properties.signing).toBe('signed');
    }));

  it('GeoPackage: a valid file whose parcels table has the matching rows, geometry and areas', () =>
    withSignedInApp(async ({ session: { request } }) => {
      const response = await request('/api/export?format=gpkg&village=V02');
      expect(response.headers.get('Content-Type')).toBe('application/geopackage+sqlite3');
      const bytes = new Uint8Array(await response.arrayBuffer());
      const stats = await (await request('/api/stats?village=V02')).json();
      withTemporaryFile('export.gpkg', bytes, (path) => {
        const database = new Database(path, { readonly: true });
        try {
          expect(database.pragma('application_id', { simple: true })).toBe(0x47504b47);
          const rows = database.prepare('SELECT geom, code, planeArea_m2 FROM parcels').all() as {
            geom: Uint8Array;
            code: string;
            planeArea_m2: number;
          }[];
          expect(rows).toHaveLength(TEST_PARCELS.V02?.length ?? 0);
          expect(rows.every((row) => row.code.includes('-V02-'))).toBe(true);
          expect(decodeGeometryBlob(rows[0]?.geom as Uint8Array).srsId).toBe(4490);
          const planeSum = rows.reduce((sum, row) => sum + row.planeArea_m2, 0);
          expect(planeSum).toBeCloseTo(stats.total.landArea.plane.squareMetres, 1);
          const information = database.prepare('SELECT value FROM export_info').pluck().all() as string[];
          expect(information.join(' ')).toContain('EPSG:4545');
        } finally {
          database.close();
        }
        if (gdalAvailable()) {
          const summary = execFileSync('ogrinfo', ['-so', '-al', path], { encoding: 'utf8' });
          expect(summary).toContain(`Feature Count: ${TEST_PARCELS.V02?.length}`);
          expect(summary).toMatch(/China Geodetic Coordinate System 2000|CGCS2000|4490/);
        }
      });
    }));

  it('refuses an unknown format with 400', () =>
    withSignedInApp(async ({ session: { request } }) => {
      const response = await request('/api/export?format=shp');
      expect(response.status).toBe(400);
      expect((await response.json()).details[0]).toMatchObject({ field: 'format', value: 'shp' });
    }));
});

describe('GET /api/stats/export', () => {
  it('CSV and XLSX hold the statistics table, its 口径 and as-of time', () =>
    withSignedInApp(async ({ session: { request } }) => {
      const csv = await (await request('/api/stats/export?format=csv&groupBy=village')).text();
      const rows = parseCsv(csv.replace(/^\uFEFF/, ''));
      expect(rows[0]?.[0]).toBe('分组 Group');
      expect(rows.map((row) => row[0])).toEqual(expect.arrayContaining(['V01', 'V02', 'total']));
      expect(csv).toContain('EPSG:4545');
      expect(csv).toContain('2026-11-20T08:00:00+08:00');
      const xlsxResponse = await request('/api/stats/export?format=xlsx&groupBy=signing');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await xlsxResponse.arrayBuffer());
      const firstColumn = workbook.worksheets[0]?.getColumn(1).values ?? [];
      expect(firstColumn).toEqual(expect.arrayContaining(['signed', 'ruled', 'total']));
    }));
});

describe('the store GeoPackage', () => {
  it.runIf(gdalAvailable())('opens in GDAL with every feature table, its count and its SRS', () =>
    withSignedInApp(async ({ storePath }) => {
      const listing = execFileSync('ogrinfo', ['-ro', '-q', storePath], { encoding: 'utf8' });
      expect(listing).toMatch(/parcels \(Multi Polygon\)/);
      expect(listing).toMatch(/villages \(Multi Polygon\)/);
      const parcels = execFileSync('ogrinfo', ['-ro', '-so', storePath, 'parcels'], { encoding: 'utf8' });
      expect(parcels).toContain(`Feature Count: ${Object.values(TEST_PARCELS).flat().length}`);
      expect(parcels).toMatch(/China Geodetic Coordinate System 2000|CGCS2000/);
    }),
  );
});
