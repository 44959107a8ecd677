/**
 * A large delivery's areas are measured by a worker from the geometries as read, before they are repaired
 * (`prepareImport`): a geometry the repair changes must be measured again, so the report says exactly what the
 * plain `validateImport` says for the same candidates. A delivery above `PARALLEL_AREAS_FROM_RECORDS`, with
 * geometries each repair step changes among clean ones, checks that, area for area and finding for finding.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { afterAll, describe, expect, it } from 'vitest';
import { convexHullOf } from '../../server/import/convex-hull.ts';
import { applyMapping } from '../../server/import/mapping.ts';
import {
  keptAsRead,
  PARALLEL_AREAS_FROM_RECORDS,
  prepareImport,
  reportZone,
  villageOutline,
} from '../../server/import/prepare-import.ts';
import { readSurveyFile } from '../../server/import/read/read-survey-file.ts';
import { validateImport } from '../../server/import/validate.ts';
import { encodeGeometryBlob } from '../../server/store/geopackage/geometry-blob.ts';
import { temporaryFolder, writeGeoPackage } from '../support/import-fixtures.ts';

const folder = temporaryFolder('import-parallel-');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const STEP = 0.0003;

/** A square parcel at grid cell (column, row) near 106.65°E 26.62°N, closed, counter-clockwise. */
function cell(column: number, row: number): Position[] {
  const x = 106.6 + column * STEP;
  const y = 26.6 + row * STEP;
  return [
    [x, y],
    [x + STEP, y],
    [x + STEP, y + STEP],
    [x, y + STEP],
    [x, y],
  ];
}

function geometryFor(index: number, ring: Position[]): Polygon | MultiPolygon {
  const [[x0, y0], [x1], , [, y3]] = ring as [[number, number], [number], unknown, [number, number]];
  switch (index % 997) {
    case 1: // a repeated vertex: repaired (vertex dropped)
      return {
        type: 'Polygon',
        coordinates: [[ring[0], ring[1], ring[1], ring[2], ring[3], ring[0]] as Position[]],
      };
    case 2: // not closed: repaired (closed)
      return { type: 'Polygon', coordinates: [ring.slice(0, 4)] };
    case 3: // a bow-tie: repaired into two triangles
      return { type: 'Polygon', coordinates: [[ring[0], ring[2], ring[1], ring[3], ring[0]] as Position[]] };
    case 4: // a single-part MultiPolygon: kept as read, as a Polygon
      return { type: 'MultiPolygon', coordinates: [[ring]] };
    case 5: // a spike: repaired
      return {
        type: 'Polygon',
        coordinates: [
          [ring[0], ring[1], [x1 + STEP * 2, y0], ring[1], ring[2], ring[3], ring[0]] as Position[],
        ],
      };
    case 6: // a hole inside: kept as read
      return {
        type: 'Polygon',
        coordinates: [
          ring,
          [
            [x0 + STEP / 4, y0 + STEP / 4],
            [x0 + STEP / 4, y3 - STEP / 4],
            [x1 - STEP / 4, y3 - STEP / 4],
            [x1 - STEP / 4, y0 + STEP / 4],
            [x0 + STEP / 4, y0 + STEP / 4],
          ],
        ],
      };
    case 7: // a Z value: repaired (dropped)
      return { type: 'Polygon', coordinates: [ring.map(([x, y]) => [x as number, y as number, 1200])] };
    case 8: // overlapping its neighbour by half: an overlap finding
      return {
        type: 'Polygon',
        coordinates: [ring.map(([x, y]) => [(x as number) + STEP / 2, y as number])],
      };
    default:
      return { type: 'Polygon', coordinates: [ring] };
  }
}

describe('areas of a large delivery measured from the geometries as read', () => {
  const count = PARALLEL_AREAS_FROM_RECORDS + 300;
  const path = join(folder, 'survey.geojson');
  const columns = 100;
  writeFileSync(
    path,
    JSON.stringify({
      type: 'FeatureCollection',
      features: Array.from({ length: count }, (_, index) => ({
        type: 'Feature',
        properties: {
          ZDDM: `P${String(index).padStart(6, '0')}`,
          QLR: `户主${index}`,
          CUN: `村${index % 3}`,
          DLMC: '宅基地',
          ZDMJ: index % 11 === 0 ? null : 90,
        },
        geometry:
          index % 1499 === 9 ? null : geometryFor(index, cell(index % columns, Math.floor(index / columns))),
      })),
    }),
  );

  it('reports every area and finding as the validation on this thread alone does', async () => {
    const prepared = await prepareImport({ path, fileName: 'survey.geojson', sha256: '' }, null, {});
    const layer = await readSurveyFile(path, {});
    const candidates = applyMapping(layer, prepared.mapping);
    const alone = validateImport(candidates, {
      villages: [],
      parkBoundary: null,
      zone: reportZone(layer),
      existing: [],
      mode: 'replace',
    });
    const report = prepared.report;
    expect(prepared.source.records).toBe(count);
    expect(report.counts.repaired).toBeGreaterThan(20);
    expect(report.findings.some((finding) => finding.kind === 'overlap')).toBe(true);
    expect(report.findings.some((finding) => finding.kind === 'empty-geometry')).toBe(true);
    expect([...report.areas]).toEqual([...alone.areas]);
    // Bit for bit: toEqual treats numbers with Object.is, which tells every double apart.
    for (const [index, areas] of report.areas) {
      const expected = alone.areas.get(index);
      expect(Object.is(areas.ellipsoid, expected?.ellipsoid) && Object.is(areas.plane, expected?.plane)).toBe(
        true,
      );
    }
    expect(report.findings).toEqual(alone.findings);
    expect(report.total).toEqual(alone.total);
    expect(report.villages).toEqual(alone.villages);
    expect(report.overlapSlivers).toEqual(alone.overlapSlivers);
    expect([...report.repairedGeometries]).toEqual([...alone.repairedGeometries]);
    // The worker outlined the geometries as read, which the repair changed: the plan's are computed here.
    expect(prepared.plan?.precomputed).toBeUndefined();
  }, 60_000);
});

describe('outlines and blobs of a large delivery prepared by the area worker', () => {
  it('are those of the plan’s own parcels, when the repair kept every geometry as read', async () => {
    const count = PARALLEL_AREAS_FROM_RECORDS + 10;
    const path = writeGeoPackage(join(folder, 'clean.gpkg'), [
      {
        name: 'parcels',
        geometryType: 'MULTIPOLYGON',
        srsId: 4490,
        columns: 'ZDDM TEXT, QLR TEXT, CUN TEXT',
        rows: Array.from({ length: count }, (_, index) => ({
          geometry: encodeGeometryBlob(
            { type: 'MultiPolygon', coordinates: [[cell(index % 100, Math.floor(index / 100))]] },
            4490,
          ),
          // A parcel without a code is left out of the plan (and the report has an error then: none here).
          values: [`P${index}`, `户主${index}`, `村${Math.floor(index / 1000)}`],
        })),
      },
    ]);
    const file = { path, fileName: 'clean.gpkg', sha256: '' };
    const prepared = await prepareImport(file, null, { encodeGeometryBlobs: true });
    const plan = prepared.plan;
    const precomputed = plan?.precomputed;
    expect(plan?.parcels).toHaveLength(count);
    expect(precomputed?.outline).toEqual(convexHullOf(plan?.parcels.map((parcel) => parcel.geometry) ?? []));
    expect(precomputed?.blobs?.offsets).toHaveLength(count + 1);
    expect(plan?.newVillages).toHaveLength(6);
    for (const village of plan?.newVillages ?? []) {
      const parcels = plan?.parcels.filter((parcel) => parcel.village === village.code) ?? [];
      expect(parcels.length).toBeGreaterThan(0);
      expect(village.geometry).toEqual(villageOutline(parcels.map((parcel) => parcel.geometry)));
    }
    // Without the blobs for a plan that waits for a confirmation.
    const waiting = await prepareImport(file, null, {});
    expect(waiting.plan?.precomputed?.outline).toEqual(precomputed?.outline);
    expect(waiting.plan?.precomputed?.blobs).toBeNull();
    // Two imports of 5k parcels: some 30 s on a busy machine.
  }, 120_000);

  it('come without blobs for GeoJSON geometries, which the writer encodes itself', async () => {
    const count = PARALLEL_AREAS_FROM_RECORDS + 10;
    const path = join(folder, 'clean.geojson');
    writeFileSync(
      path,
      JSON.stringify({
        type: 'FeatureCollection',
        features: Array.from({ length: count }, (_, index) => ({
          type: 'Feature',
          properties: { ZDDM: `P${index}`, QLR: `户主${index}`, CUN: '村' },
          geometry: { type: 'Polygon', coordinates: [cell(index % 100, Math.floor(index / 100))] },
        })),
      }),
    );
    const prepared = await prepareImport({ path, fileName: 'clean.geojson', sha256: '' }, null, {
      encodeGeometryBlobs: true,
    });
    const plan = prepared.plan;
    expect(plan?.precomputed?.outline).toEqual(
      convexHullOf(plan?.parcels.map((parcel) => parcel.geometry) ?? []),
    );
    expect(plan?.precomputed?.blobs).toBeNull();
  }, 120_000);
});

describe('areas of a large GeoPackage delivery with coordinates that are not numbers', () => {
  it('measures what the repair keeps, and refuses nothing the validation alone accepts', async () => {
    const count = PARALLEL_AREAS_FROM_RECORDS + 10;
    const path = writeGeoPackage(join(folder, 'survey.gpkg'), [
      {
        name: 'parcels',
        geometryType: 'MULTIPOLYGON',
        srsId: 4490,
        columns: 'ZDDM TEXT, QLR TEXT, CUN TEXT',
        rows: Array.from({ length: count }, (_, index) => {
          const ring = cell(index % 100, Math.floor(index / 100));
          const broken = ring.map((position, vertex) =>
            vertex === 1 ? [Number.NaN, position[1] as number] : position,
          );
          const geometry: MultiPolygon =
            index % 1000 === 7
              ? { type: 'MultiPolygon', coordinates: [[broken], [cell(150, index % 100)]] }
              : index % 1000 === 8
                ? { type: 'MultiPolygon', coordinates: [[broken]] }
                : { type: 'MultiPolygon', coordinates: [[ring]] };
          return {
            geometry: encodeGeometryBlob(geometry, 4490),
            values: [`P${index}`, `户主${index}`, '村'],
          };
        }),
      },
    ]);
    const prepared = await prepareImport({ path, fileName: 'survey.gpkg', sha256: '' }, null, {});
    const layer = await readSurveyFile(path, {});
    const alone = validateImport(applyMapping(layer, prepared.mapping), {
      villages: [],
      parkBoundary: null,
      zone: reportZone(layer),
      existing: [],
      mode: 'replace',
    });
    expect(prepared.source.records).toBe(count);
    expect(prepared.report.findings.filter((finding) => finding.field === 'geometry').length).toBeGreaterThan(
      5,
    );
    expect([...prepared.report.areas]).toEqual([...alone.areas]);
    expect(prepared.report.findings).toEqual(alone.findings);
    expect(prepared.report.total).toEqual(alone.total);
  }, 60_000);
});

describe('keptAsRead', () => {
  const ring = cell(0, 0);
  const hole = cell(5, 5);
  const polygon: Polygon = { type: 'Polygon', coordinates: [ring, hole] };

  it('holds for the very same rings, a single-part MultiPolygon read as a Polygon included', () => {
    expect(keptAsRead(polygon, { type: 'Polygon', coordinates: [ring, hole] })).toBe(true);
    expect(
      keptAsRead({ type: 'MultiPolygon', coordinates: [[ring]] }, { type: 'Polygon', coordinates: [ring] }),
    ).toBe(true);
    expect(keptAsRead(null, null)).toBe(true);
  });

  it('fails for equal but new rings, another ring count, a dropped geometry or part', () => {
    expect(keptAsRead(polygon, { type: 'Polygon', coordinates: [ring.slice(), hole] })).toBe(false);
    expect(keptAsRead(polygon, { type: 'Polygon', coordinates: [ring] })).toBe(false);
    expect(keptAsRead(polygon, null)).toBe(false);
    expect(keptAsRead(null, polygon)).toBe(false);
    expect(
      keptAsRead(
        { type: 'MultiPolygon', coordinates: [[ring], [hole]] },
        { type: 'Polygon', coordinates: [ring] },
      ),
    ).toBe(false);
  });
});
