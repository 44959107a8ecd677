import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { AreaGeometry } from '../../server/domain/areas.ts';
import { convexHullOf } from '../../server/import/convex-hull.ts';
import {
  asGeoJson,
  FlatGeometriesBuilder,
  type FlatGeometry,
  flattenGeometries,
  type ImportGeometry,
} from '../../server/import/flat-geometries.ts';
import { repairGeometry } from '../../server/import/geometry-repair.ts';
import {
  boundsOf,
  decodeGeometryBlob,
  encodeGeometryBlob,
  GeometryBlobWriter,
  geometryBlobWkb,
} from '../../server/store/geopackage/geometry-blob.ts';
import { decodeWkbInto } from '../../server/store/geopackage/wkb.ts';
import { geoPackageBlob, polygonWkb } from '../support/import-fixtures.ts';

// Near the sample park; D ≈ 20 m.
const D = 0.0002;
const at = (x: number, y: number): [number, number] => [106.65 + x * D, 26.62 + y * D];
const closed = (...points: [number, number][]): [number, number][] => [
  ...points,
  points[0] as [number, number],
];
const square = (x: number, y: number, size = 1) =>
  closed(at(x, y), at(x + size, y), at(x + size, y + size), at(x, y + size));
const polygon = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings });
const multi = (...parts: Position[][][]): MultiPolygon => ({ type: 'MultiPolygon', coordinates: parts });

const GEOMETRIES: (AreaGeometry | null)[] = [
  polygon(square(0, 0)),
  null,
  polygon(square(0, 0, 4), [...square(1, 1, 2)].reverse()),
  multi([square(0, 0)], [square(3, 0)]),
  multi([square(0, 0, 2)], [square(1, 1, 2)]),
  polygon(closed(at(0, 0), at(2, 2), at(2, 0), at(0, 2))),
  polygon([at(0, 0), at(1, 0), at(1, 1), at(0, 1)]),
  multi([], [square(0, 0)]),
  // Single rings, checked on the flat arrays themselves: each of `isCleanRing`'s and `ringContacts`' refusals.
  polygon([...square(0, 0)].reverse()),
  polygon(closed(at(0, 0), at(1, 0), at(1, 0), at(1, 1), at(0, 1))),
  polygon([...square(0, 0), at(0, 0)]),
  polygon(closed(at(0, 0), at(2, 0), at(3, 0), at(2, 0.000001), at(2, 2), at(0, 2))),
  polygon(closed(at(0, 0), at(2, 0), at(2, 2), at(2, 3), at(2, 2.5), at(0, 2))),
  polygon(closed(at(0, 0), at(1, 1), at(2, 2))),
  polygon([at(0, 0), at(1, 0), at(0, 0)]),
  polygon(closed([500000, 3000000], [500020, 3000000], [500020, 3000020])),
  polygon(closed(at(0, 0), at(10, 0), at(5, 0.001))),
  polygon(closed(at(0, 0), at(4, 0), at(4, 4), at(2, 0), at(0, 4))),
  polygon(closed(at(0, 0), at(4, 0), at(4, 2), at(2, 2), at(2, 0), at(1, 0), at(1, 3), at(0, 3))),
  polygon([]),
];

/** The geometries as a GeoPackage reader hands them on: one flat layer, a `FlatGeometry` per position. */
function asFlatLayer(geometries: readonly (AreaGeometry | null)[]): (FlatGeometry | null)[] {
  const flat = flattenGeometries(geometries, true);
  return geometries.map((geometry, position) => (geometry ? { type: 'FlatGeometry', flat, position } : null));
}

describe('flat geometries (a GeoPackage delivery as read)', () => {
  it('decode a GeoPackage blob to the geometry the GeoJSON decoder gives, Z dropped, either byte order', () => {
    const blobs = [
      encodeGeometryBlob(polygon(square(0, 0, 4), [...square(1, 1, 2)].reverse()), 4490),
      encodeGeometryBlob(multi([square(0, 0)], [square(3, 0)]), 4490),
      geoPackageBlob(polygonWkb([square(0, 0)], { z: true, bigEndian: true }), 4490, 0, true),
      geoPackageBlob(polygonWkb([square(5, 5)]), 4490, 2),
    ];
    const builder = new FlatGeometriesBuilder();
    for (const blob of blobs) {
      const parts = decodeWkbInto(blob, geometryBlobWkb(blob).wkbOffset as number, builder);
      expect(parts).toBeGreaterThan(0);
      builder.endGeometry();
    }
    const flat = builder.finish();
    expect(flat.coordinates.buffer).toBeInstanceOf(SharedArrayBuffer);
    blobs.forEach((blob, position) => {
      expect(asGeoJson({ type: 'FlatGeometry', flat, position })).toEqual(decodeGeometryBlob(blob).geometry);
    });
  });

  it('count a polygon without rings as no geometry, as the GeoJSON decoder leaves it empty', () => {
    const builder = new FlatGeometriesBuilder();
    const blob = geoPackageBlob(polygonWkb([]), 4490, 0);
    expect(decodeWkbInto(blob, geometryBlobWkb(blob).wkbOffset as number, builder)).toBe(0);
    expect(decodeGeometryBlob(blob).geometry?.coordinates).toEqual([]);
  });

  it('are repaired as their GeoJSON is; a clean one is kept as the very same flat geometry', () => {
    const flatLayer = asFlatLayer(GEOMETRIES);
    flatLayer.forEach((geometry, position) => {
      const fromFlat = repairGeometry(geometry);
      const fromGeoJson = repairGeometry(GEOMETRIES[position] ?? null);
      if (geometry && fromFlat.geometry === geometry) {
        expect(fromFlat.problems).toEqual([]);
        expect(asGeoJson(geometry)).toEqual(fromGeoJson.geometry);
      } else expect(fromFlat).toEqual(fromGeoJson);
    });
    // Kept: the squares either way round, the holed square, the parts apart, the thin but real spur and the nearly
    // collinear but real triangle (not the empty part beside a square: the repair drops that part, so the geometry
    // to store is the repair's).
    expect(
      flatLayer.filter((geometry) => geometry && repairGeometry(geometry).geometry === geometry),
    ).toHaveLength(6);
  });

  it('are written as the blob of their GeoJSON as a MultiPolygon, bounds and hull alike', () => {
    const flatLayer = asFlatLayer(GEOMETRIES);
    const writer = new GeometryBlobWriter();
    flatLayer.forEach((geometry, position) => {
      const source = GEOMETRIES[position];
      if (!geometry || !source) return;
      const asMulti: MultiPolygon =
        source.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [source.coordinates] } : source;
      expect([...writer.encode(geometry, 4490)]).toEqual([...encodeGeometryBlob(asMulti, 4490)]);
      expect(boundsOf(geometry)).toEqual(boundsOf(source));
    });
    const present = flatLayer.filter((geometry): geometry is FlatGeometry => geometry !== null);
    expect(convexHullOf(present)).toEqual(
      convexHullOf(GEOMETRIES.filter((geometry): geometry is AreaGeometry => geometry !== null)),
    );
  });

  it('are handed on as the layer’s own arrays, and copied once anything else is among them', () => {
    const flatLayer = asFlatLayer(GEOMETRIES);
    const flat = (flatLayer[0] as FlatGeometry).flat;
    expect(flattenGeometries(flatLayer, true)).toBe(flat);
    const mixed: (ImportGeometry | null)[] = [...flatLayer];
    mixed[0] = polygon(square(9, 9));
    const copied = flattenGeometries(mixed);
    expect(copied).not.toBe(flat);
    expect(asGeoJson({ type: 'FlatGeometry', flat: copied, position: 0 })).toEqual(polygon(square(9, 9)));
    expect([...copied.coordinates.subarray(10)]).toEqual([...flat.coordinates.subarray(10)]);
  });
});
