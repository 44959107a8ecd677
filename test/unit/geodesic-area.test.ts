import geographicLib from 'geographiclib-geodesic';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { edgeAreaTerm, ringGeodesicArea } from '../../server/domain/geodesic-area.ts';
import { generatePark } from '../../server/sample/generate-park.ts';
import { mulberry32 } from '../../server/sample/prng.ts';

const { Geodesic } = geographicLib;

/** The library's polygon area of a ring's first `count` vertices, as the area engine used to ask for it. */
function libraryRingArea(ring: readonly Position[], count: number): number {
  const polygon = Geodesic.WGS84.Polygon(false);
  for (let index = 0; index < count; index++) {
    polygon.AddPoint(ring[index]?.[1] as number, ring[index]?.[0] as number);
  }
  return polygon.Compute(false, true).area ?? Number.NaN;
}

function libraryEdgeAreaTerm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  return Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2, Geodesic.AREA | Geodesic.LONG_UNROLL).S12 as number;
}

/** The rings whose areas differ from the library's, as `[index, ours, library]` (every comparison is exact). */
function mismatches(rings: readonly (readonly Position[])[]): [number, number, number][] {
  const differing: [number, number, number][] = [];
  rings.forEach((ring, index) => {
    const ours = ringGeodesicArea(ring, ring.length);
    const library = libraryRingArea(ring, ring.length);
    if (!Object.is(ours, library)) differing.push([index, ours, library]);
  });
  return differing;
}

describe('ringGeodesicArea: GeographicLib’s polygon area, number for number', () => {
  it('gives the library’s double for every ring of a generated park', () => {
    const park = generatePark({ seed: 11, parcelTarget: 3000 });
    const rings = park.parcels.features.flatMap((feature) => {
      const geometry = feature.geometry;
      const polygons = (
        geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
      ) as Position[][][];
      // Without the closing vertex, as the area engine passes them.
      return polygons.flat().map((ring) => ring.slice(0, -1));
    });
    expect(rings.length).toBeGreaterThan(3000);
    expect(mismatches(rings)).toEqual([]);
  });

  it('gives the library’s S12 for random edges of every length, all over the ellipsoid', () => {
    const random = mulberry32(2013);
    const differing: number[][] = [];
    for (let index = 0; index < 20_000; index++) {
      const lat1 = random() * 180 - 90;
      const lon1 = random() * 360 - 180;
      // Lengths from millimetres to half the globe: 10^-8 … 10^2 degrees.
      const scale = 10 ** (random() * 10 - 8);
      const lat2 = Math.max(-90, Math.min(90, lat1 + (random() * 2 - 1) * scale));
      const lon2 = lon1 + (random() * 2 - 1) * scale;
      const ours = edgeAreaTerm(lat1, lon1, lat2, lon2);
      const library = libraryEdgeAreaTerm(lat1, lon1, lat2, lon2);
      if (!Object.is(ours, library)) differing.push([lat1, lon1, lat2, lon2, ours, library]);
    }
    expect(differing).toEqual([]);
  });

  it('gives the library’s S12 on each special path: meridians, the equator, poles, antipodes, really short lines', () => {
    const edges: [number, number, number, number][] = [
      [26.62, 106.65, 26.63, 106.65], // meridional: the library's path
      [26.63, 106.65, 26.62, 106.65],
      [0, 10, 0, 10.001], // equatorial: the library's path
      [0, 10, 0, 170],
      [-90, 0, -89.999, 30], // from a pole
      [89.9999, 12, 89.9999, 13],
      [0.5, 0, -0.5, 179.7], // nearly antipodal: the astroid start, the library's path
      [30, 0, -30.0001, 179.9999],
      [26.62, 106.65, 26.6200000001, 106.6500000001], // really short (≪ 0.2 m)
      [26.62, 106.65, 26.62, 106.65], // a repeated vertex
      [26.62, 179.9999, 26.6201, -179.9999], // across the antimeridian
      [-26.62, -0.0001, -26.6201, 0.0001], // across the prime meridian
      [1e-20, 20, 2e-20, 20.001], // AngRound's tiny latitudes
    ];
    for (const [lat1, lon1, lat2, lon2] of edges) {
      expect(edgeAreaTerm(lat1, lon1, lat2, lon2), `${[lat1, lon1, lat2, lon2]}`).toBe(
        libraryEdgeAreaTerm(lat1, lon1, lat2, lon2),
      );
    }
  });

  it('gives the library’s area for rings that cross meridians, enclose a pole, repeat or reverse', () => {
    const square: Position[] = [
      [106.65, 26.62],
      [106.6503, 26.62],
      [106.6503, 26.62018],
      [106.65, 26.62018],
    ];
    const rings: Position[][] = [
      square,
      [...square].reverse(), // clockwise: a negative signed area
      [square[0] as Position, square[0] as Position, ...square.slice(1)], // a repeated vertex
      square.slice(0, 2), // two vertices
      square.slice(0, 1), // one vertex
      [
        [179.9, 10],
        [-179.9, 10],
        [-179.9, 10.1],
        [179.9, 10.1],
      ], // across the antimeridian
      [
        [-0.01, 51.5],
        [0.01, 51.5],
        [0.01, 51.51],
        [-0.01, 51.51],
      ], // across the prime meridian
      [
        [0, 80],
        [120, 80],
        [-120, 80],
      ], // around the North Pole: an odd number of crossings
      [
        [0, -60],
        [90, -60],
        [180, -60],
        [-90, -60],
      ], // around the South Pole
    ];
    expect(mismatches(rings)).toEqual([]);
    expect(ringGeodesicArea(square, 4)).toBeGreaterThan(595);
    expect(ringGeodesicArea([...square].reverse(), 4)).toBeLessThan(-595);
  });
});
