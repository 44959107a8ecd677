/**
 * What a large delivery's area worker prepares for the write (`writeGeometries`) must be exactly what the writing
 * thread would compute itself: the same hulls (`convexHullOf` over the same parcels in the same order) and the
 * same blob bytes (`encodeGeometryBlob`), for the parcels the plan holds (`planGroups`).
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { AreaGeometry } from '../../server/domain/areas.ts';
import { convexHullOf } from '../../server/import/convex-hull.ts';
import { type FlatGeometry, flattenGeometries } from '../../server/import/flat-geometries.ts';
import { planGroups } from '../../server/import/prepare-import.ts';
import type { ImportCandidate } from '../../server/import/source.ts';
import { writeGeometries } from '../../server/import/write-geometries.ts';
import {
  encodeFlatGeometryBlobs,
  encodeGeometryBlob,
  GeometryBlobWriter,
} from '../../server/store/geopackage/geometry-blob.ts';

const D = 0.0002;
const at = (x: number, y: number): Position => [106.65 + x * D, 26.62 + y * D];
const square = (x: number, y: number, size = 1): Position[] => [
  at(x, y),
  at(x + size, y),
  at(x + size, y + size),
  at(x, y + size),
  at(x, y),
];
const polygon = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings });
const asMulti = (geometry: AreaGeometry): MultiPolygon =>
  geometry.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [geometry.coordinates] } : geometry;

const GEOMETRIES: (AreaGeometry | null)[] = [
  polygon(square(0, 0)),
  null,
  polygon(square(4, 0, 3), [...square(5, 1)].reverse()),
  { type: 'MultiPolygon', coordinates: [[square(0, 6)], [square(9, 9)]] },
  polygon(square(2, 2)),
  polygon(square(7, 3, 2)),
];

function candidate(index: number, code: string | null, village: string | null): ImportCandidate {
  const none = { code: null, raw: null };
  return {
    index,
    code,
    holder: null,
    village,
    group: null,
    landClass: none,
    buildingArea: null,
    structure: none,
    surveyArea: null,
    idNumber: null,
    phone: null,
    cadre: false,
    signing: none,
    clearance: none,
    geometry: GEOMETRIES[index] ?? null,
  };
}

describe('planGroups', () => {
  it('numbers the villages as written (trimmed) in order of appearance; −1 without geometry or code', () => {
    const { groups, keys } = planGroups([
      candidate(0, 'P1', ' 石门村'),
      candidate(1, 'P2', '石门村'),
      candidate(2, 'P3', '龙井村'),
      candidate(3, null, '龙井村'),
      candidate(4, 'P5', '石门村 '),
      candidate(5, 'P6', null),
    ]);
    expect([...groups]).toEqual([0, -1, 1, -1, 0, 2]);
    expect([...keys]).toEqual([
      ['石门村', 0],
      ['龙井村', 1],
      ['', 2],
    ]);
  });
});

describe('writeGeometries', () => {
  const flat = flattenGeometries(GEOMETRIES, true);
  const at = (position: number): FlatGeometry => ({ type: 'FlatGeometry', flat, position });

  it('outlines each group and the whole plan as convexHullOf does, leaving out what the plan leaves out', () => {
    const prepared = writeGeometries(flat, {
      groups: Int32Array.from([1, -1, 0, -1, 1, 0]),
      groupCount: 2,
      blobSrsId: null,
    });
    expect(prepared.groupOutlines).toEqual([convexHullOf([at(2), at(5)]), convexHullOf([at(0), at(4)])]);
    expect(prepared.outline).toEqual(convexHullOf([at(0), at(2), at(4), at(5)]));
    // Not the hull with the parcel left out (its far part would stretch it).
    expect(prepared.outline).not.toEqual(convexHullOf([at(0), at(2), at(3), at(4), at(5)]));
    expect(prepared.blobs).toBeNull();
  });

  it('encodes every geometry’s blob as encodeGeometryBlob does its MultiPolygon; none for a missing one', () => {
    const blobs = encodeFlatGeometryBlobs(flat, 4490);
    GEOMETRIES.forEach((geometry, position) => {
      const blob = blobs.bytes.subarray(blobs.offsets[position], blobs.offsets[position + 1]);
      expect([...blob]).toEqual(geometry ? [...encodeGeometryBlob(asMulti(geometry), 4490)] : []);
    });
    expect(
      writeGeometries(flat, { groups: new Int32Array(GEOMETRIES.length), groupCount: 1, blobSrsId: 4490 })
        .blobs,
    ).toEqual(blobs);
  });
});

describe('GeometryBlobWriter with blobs encoded ahead', () => {
  const flat = flattenGeometries(GEOMETRIES, true);
  const encoded = encodeFlatGeometryBlobs(flat, 4490);

  it('hands on the encoded blob of a geometry of that layer, in that SRS', () => {
    const writer = new GeometryBlobWriter(encoded);
    const blob = writer.encode({ type: 'FlatGeometry', flat, position: 2 }, 4490);
    expect(blob.buffer).toBe(encoded.bytes.buffer);
    expect([...blob]).toEqual([...encodeGeometryBlob(asMulti(GEOMETRIES[2] as AreaGeometry), 4490)]);
  });

  it('encodes anything else itself: another layer, another SRS, GeoJSON', () => {
    const writer = new GeometryBlobWriter(encoded);
    const other = flattenGeometries(GEOMETRIES, true);
    const geometry = GEOMETRIES[0] as Polygon;
    for (const [blob, srsId] of [
      [writer.encode({ type: 'FlatGeometry', flat: other, position: 0 }, 4490), 4490],
      [writer.encode({ type: 'FlatGeometry', flat, position: 0 }, 4326), 4326],
      [writer.encode(asMulti(geometry), 4490), 4490],
    ] as const) {
      expect(blob.buffer).not.toBe(encoded.bytes.buffer);
      expect([...blob]).toEqual([...encodeGeometryBlob(asMulti(geometry), srsId)]);
    }
  });
});
