/**
 * Export, then import: what the command centre hands the surveyor comes back as the same parcels. Each export of
 * the test park (Shapefile in both encodings and both coordinate systems, GeoPackage, GeoJSON) is imported into a
 * new park through the same pipeline as `npm run import -- --new-store`, and every parcel's code, attributes and
 * areas are compared with the original.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ParcelSummary } from '../../server/domain/parcel.ts';
import type { User } from '../../server/domain/users.ts';
import { createParkFromImport } from '../../server/import/new-park.ts';
import { prepareImport } from '../../server/import/prepare-import.ts';
import type { ParcelStore } from '../../server/store/parcel-store.ts';
import { withSignedInApp } from '../support/api-session.ts';

const CLI: User = { id: 0, username: 'cli:test', displayName: 'test', role: 'hq', villages: [] };
const folder = mkdtempSync(join(tmpdir(), 'import-round-trip-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const EXPORTS = [
  { name: 'Shapefile, GBK, lon/lat', query: 'format=shapefile&encoding=gbk', file: 'parcels.shp.zip' },
  { name: 'Shapefile, UTF-8, lon/lat', query: 'format=shapefile&encoding=utf-8', file: 'parcels-utf8.zip' },
  {
    name: 'Shapefile, GBK, Gauss-Krüger zone',
    query: 'format=shapefile&encoding=gbk&crs=gauss-kruger',
    file: 'parcels-gk.zip',
    // Plane metres there and back through proj4: a few nanometres on a parcel of some 40 m.
    relativeTolerance: 1e-9,
  },
  { name: 'GeoPackage', query: 'format=gpkg', file: 'parcels.gpkg' },
  { name: 'GeoJSON', query: 'format=geojson', file: 'parcels.geojson' },
] as const;

function comparable(parcel: ParcelSummary) {
  return {
    holder: parcel.holder,
    group: parcel.group,
    landClass: parcel.landClass,
    buildingArea: parcel.buildingArea,
    structure: parcel.structure,
    cadre: parcel.cadre,
    signing: parcel.signing,
    clearance: parcel.clearance,
  };
}

function villageName(store: ParcelStore, code: string): string | undefined {
  return store.villages().find((village) => village.code === code)?.name;
}

describe('export, then import into a new park', () => {
  for (const format of EXPORTS) {
    it(`gives back the same parcels, codes and areas: ${format.name}`, async () => {
      await withSignedInApp(async ({ store, session }) => {
        const response = await session.request(`/api/export?${format.query}`);
        expect(response.status).toBe(200);
        const path = join(folder, format.file);
        writeFileSync(path, new Uint8Array(await response.arrayBuffer()));

        const prepared = await prepareImport({ path, fileName: format.file, sha256: '' }, null, {});
        expect(prepared.mappingErrors).toEqual([]);
        expect(prepared.report.counts.errors).toBe(0);
        expect(prepared.plan).not.toBeNull();
        const storePath = join(folder, `${format.file}.gpkg`);
        const created = createParkFromImport(
          storePath,
          prepared.plan as NonNullable<typeof prepared.plan>,
          '回读园区',
          CLI,
        );
        try {
          const imported = new Map(created.store.parcels().map((parcel) => [parcel.code, parcel]));
          expect(created.store.park.zone.epsg).toBe(store.park.zone.epsg);
          expect([...imported.keys()].sort()).toEqual(
            store
              .parcels()
              .map((parcel) => parcel.code)
              .sort(),
          );
          const tolerance = 'relativeTolerance' in format ? format.relativeTolerance : 1e-12;
          for (const original of store.parcels()) {
            const copy = imported.get(original.code) as ParcelSummary;
            expect(comparable(copy)).toEqual(comparable(original));
            expect(villageName(created.store, copy.village)).toBe(villageName(store, original.village));
            expect(
              Math.abs(copy.ellipsoidArea - original.ellipsoidArea) / original.ellipsoidArea,
            ).toBeLessThan(tolerance);
            expect(Math.abs(copy.planeArea - original.planeArea) / original.planeArea).toBeLessThan(
              tolerance,
            );
          }
        } finally {
          created.store.close();
        }
      });
    });
  }
});

const GDAL = (() => {
  try {
    execFileSync('ogrinfo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!GDAL)(
  `the report's plane totals against GDAL${GDAL ? '' : ' (skipped: GDAL not installed)'}`,
  () => {
    it('equal the sum of ST_Area that GDAL computes in the file’s own Gauss-Krüger zone', async () => {
      await withSignedInApp(async ({ session }) => {
        const response = await session.request('/api/export?format=shapefile&encoding=gbk&crs=gauss-kruger');
        const path = join(folder, 'gdal-check.zip');
        writeFileSync(path, new Uint8Array(await response.arrayBuffer()));
        const prepared = await prepareImport({ path, fileName: 'gdal-check.zip', sha256: '' }, null, {});
        const layer = prepared.source.layerName;
        const output = execFileSync(
          'ogrinfo',
          [
            '-ro',
            '-q',
            '-dialect',
            'SQLite',
            '-sql',
            `SELECT SUM(ST_Area(geometry)) AS plane FROM "${layer}"`,
            `/vsizip/${path}`,
          ],
          { encoding: 'utf8' },
        );
        const gdalPlane = Number(/plane \(Real\) = ([\d.]+)/.exec(output)?.[1]);
        expect(gdalPlane).toBeGreaterThan(0);
        expect(prepared.zone.epsg).toBe(prepared.source.crs.epsg);
        // The report rounds to 0.01 m²; the sums agree to that.
        expect(Math.abs(prepared.report.total.planeArea.squareMetres - gdalPlane)).toBeLessThan(0.01);
      });
    });
  },
);
