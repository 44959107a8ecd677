/**
 * Polygons and multipolygons as four flat arrays, to share many of them with a worker thread (in shared memory)
 * without the structured clone of a million small coordinate arrays.
 *
 *   geometryParts[g] … geometryParts[g + 1]   the parts of geometry g (none for a missing geometry)
 *   partRings[p] … partRings[p + 1]           the rings of part p
 *   ringPoints[r] … ringPoints[r + 1]         the points of ring r, as (x, y) pairs in `coordinates`
 *
 * Rings keep their positions exactly as given (closing vertex included), so a geometry read back is the same
 * geometry, number for number, minus any Z or M value.
 */
import type { AreaGeometry } from '../domain/areas.ts';

export interface FlatGeometries {
  geometryParts: Uint32Array;
  partRings: Uint32Array;
  ringPoints: Uint32Array;
  coordinates: Float64Array;
}

/** `shared`: in shared memory, so that a worker thread can read them as they are. */
export function flattenGeometries(
  geometries: readonly (AreaGeometry | null)[],
  shared = false,
): FlatGeometries {
  const Buffer = shared ? SharedArrayBuffer : ArrayBuffer;
  let parts = 0;
  let rings = 0;
  let points = 0;
  for (const geometry of geometries) {
    if (!geometry) continue;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    parts += polygons.length;
    for (const polygon of polygons) {
      rings += polygon.length;
      for (const ring of polygon) points += ring.length;
    }
  }
  const flat: FlatGeometries = {
    geometryParts: new Uint32Array(new Buffer((geometries.length + 1) * 4)),
    partRings: new Uint32Array(new Buffer((parts + 1) * 4)),
    ringPoints: new Uint32Array(new Buffer((rings + 1) * 4)),
    coordinates: new Float64Array(new Buffer(points * 2 * 8)),
  };
  let part = 0;
  let ring = 0;
  let point = 0;
  geometries.forEach((geometry, index) => {
    if (geometry) {
      const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
      for (const polygon of polygons) {
        for (const positions of polygon) {
          for (const position of positions) {
            flat.coordinates[2 * point] = position[0] as number;
            flat.coordinates[2 * point + 1] = position[1] as number;
            point++;
          }
          flat.ringPoints[++ring] = point;
        }
        flat.partRings[++part] = ring;
      }
    }
    flat.geometryParts[index + 1] = part;
  });
  return flat;
}

/** Geometry `index` back as GeoJSON (a MultiPolygon when it had several parts), or null when it was missing. */
export function geometryAt(flat: FlatGeometries, index: number): AreaGeometry | null {
  const firstPart = flat.geometryParts[index] as number;
  const endPart = flat.geometryParts[index + 1] as number;
  if (firstPart === endPart) return null;
  const polygons: [number, number][][][] = [];
  for (let part = firstPart; part < endPart; part++) {
    const rings: [number, number][][] = [];
    for (let ring = flat.partRings[part] as number; ring < (flat.partRings[part + 1] as number); ring++) {
      const positions: [number, number][] = [];
      for (
        let point = flat.ringPoints[ring] as number;
        point < (flat.ringPoints[ring + 1] as number);
        point++
      ) {
        positions.push([flat.coordinates[2 * point] as number, flat.coordinates[2 * point + 1] as number]);
      }
      rings.push(positions);
    }
    polygons.push(rings);
  }
  return polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0] as [number, number][][] }
    : { type: 'MultiPolygon', coordinates: polygons };
}
