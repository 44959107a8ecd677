import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { ellipsoidArea, gaussKrugerZoneFor, planeArea } from '../../server/domain/areas.ts';
import { startAreaWorker } from '../../server/import/areas-in-worker.ts';
import { flattenGeometries, geometryAt } from '../../server/import/flat-geometries.ts';
import { parcelAreas } from '../../server/import/parcel-areas.ts';
import { square } from '../support/geometry.ts';

function withHole(): Polygon {
  const outer = square(106.5, 26.4, 0.001);
  const hole = square(106.5002, 26.4002, 0.0003).coordinates[0] as number[][];
  return { type: 'Polygon', coordinates: [outer.coordinates[0] as number[][], [...hole].reverse()] };
}

function twoParts(): MultiPolygon {
  return {
    type: 'MultiPolygon',
    coordinates: [square(106.51, 26.41, 0.0004).coordinates, withHole().coordinates],
  };
}

/** A ring with a Z value per vertex and no closing vertex: kept as given, Z dropped. */
function unclosedWithZ(): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [106.52, 26.42, 1200],
        [106.5204, 26.42, 1201],
        [106.5204, 26.4203, 1199],
      ],
    ],
  };
}

describe('flat geometries', () => {
  it('give back each geometry number for number (Z dropped), and null where one was missing', () => {
    const geometries = [square(106.5, 26.4, 0.0005), null, withHole(), twoParts(), unclosedWithZ()];
    const flat = flattenGeometries(geometries);
    expect(geometryAt(flat, 0)).toEqual(geometries[0]);
    expect(geometryAt(flat, 1)).toBeNull();
    expect(geometryAt(flat, 2)).toEqual(geometries[2]);
    expect(geometryAt(flat, 3)).toEqual(geometries[3]);
    expect(geometryAt(flat, 4)?.coordinates).toEqual([
      [
        [106.52, 26.42],
        [106.5204, 26.42],
        [106.5204, 26.4203],
      ],
    ]);
  });
});

describe('parcel areas by position', () => {
  it('are shared out between a worker and this thread, and are the same as measured here alone', async () => {
    const many = Array.from({ length: 3000 }, (_, index) =>
      index % 97 === 0
        ? null
        : square(106.5 + (index % 60) * 0.0005, 26.4 + Math.floor(index / 60) * 0.0005, 0.0004),
    );
    const zone = gaussKrugerZoneFor(106.5);
    const worker = startAreaWorker();
    await worker.ready;
    const areas = await worker.measure(flattenGeometries(many, true), zone).finish();
    const here = parcelAreas(many, zone);
    expect([...areas.ellipsoid]).toEqual([...here.ellipsoid]);
    expect([...areas.plane]).toEqual([...here.plane]);
  });

  const zone = gaussKrugerZoneFor(106.5);
  const geometries = [square(106.5, 26.4, 0.0005), null, withHole(), twoParts(), unclosedWithZ()];

  it('are the area engine’s, 0 where there is no geometry, the same from flat geometries', () => {
    const areas = parcelAreas(geometries, zone);
    geometries.forEach((geometry, position) => {
      expect(areas.ellipsoid[position]).toBe(geometry ? ellipsoidArea(geometry) : 0);
      expect(areas.plane[position]).toBe(geometry ? planeArea(geometry, zone) : 0);
    });
    const flat = flattenGeometries(geometries);
    const fromFlat = parcelAreas(
      geometries.map((_, position) => geometryAt(flat, position)),
      zone,
    );
    expect([...fromFlat.ellipsoid]).toEqual([...areas.ellipsoid]);
    expect([...fromFlat.plane]).toEqual([...areas.plane]);
  });

  it('are the same, bit for bit, measured in a worker thread', async () => {
    const worker = startAreaWorker();
    await worker.ready;
    const measuring = worker.measure(flattenGeometries(geometries, true), zone);
    // Time for the worker to claim and measure the whole (single) chunk before this thread would take it.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const areas = await measuring.finish();
    const here = parcelAreas(geometries, zone);
    expect(areas.measuredInWorker).toBe(geometries.length);
    expect([...areas.ellipsoid]).toEqual([...here.ellipsoid]);
    expect([...areas.plane]).toEqual([...here.plane]);
  });
});
