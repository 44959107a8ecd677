/**
 * Polygons and multipolygons as four flat arrays, to share many of them with a worker thread (in shared memory)
 * without the structured clone of a million small coordinate arrays, and to hold a 100k-parcel delivery from
 * reading to writing without an array per vertex (`FlatGeometry`).
 *
 *   geometryParts[g] … geometryParts[g + 1]   the parts of geometry g (none for a missing geometry)
 *   partRings[p] … partRings[p + 1]           the rings of part p
 *   ringPoints[r] … ringPoints[r + 1]         the points of ring r, as (x, y) pairs in `coordinates`
 *
 * Rings keep their positions exactly as given (closing vertex included), so a geometry read back is the same
 * geometry, number for number, minus any Z or M value.
 */
import type { Position } from 'geojson';
import type { AreaGeometry } from '../domain/areas.ts';

export interface FlatGeometries {
  geometryParts: Uint32Array;
  partRings: Uint32Array;
  ringPoints: Uint32Array;
  coordinates: Float64Array;
}

/**
 * Geometry `position` of `flat`: how the GeoPackage reader hands a parcel's geometry on. As GeoJSON, 750k vertices
 * of a 100k-parcel delivery are 3 million small objects that live from reading to writing, and the garbage
 * collector's copying and marking of them cost more than all the checks. Plain data, so a plan crosses a worker
 * boundary as it is (the arrays are in shared memory). `geometryAt` turns it into GeoJSON where one is needed.
 */
export interface FlatGeometry {
  type: 'FlatGeometry';
  flat: FlatGeometries;
  position: number;
}

/** A parcel's geometry on its way through an import: GeoJSON, or one of a layer's flat geometries. */
export type ImportGeometry = AreaGeometry | FlatGeometry;

/** The geometry as GeoJSON (made from the flat arrays for a `FlatGeometry`: a Polygon when it has one part). */
export function asGeoJson(geometry: ImportGeometry): AreaGeometry {
  if (geometry.type !== 'FlatGeometry') return geometry;
  return (
    geometryAt(geometry.flat, geometry.position) ?? {
      type: 'MultiPolygon',
      coordinates: [] as Position[][][],
    }
  );
}

/** Calls `visit` with every point of every part's outer ring (closing vertex included), in order. */
export function outerRingPoints(geometry: ImportGeometry, visit: (x: number, y: number) => void): void {
  if (geometry.type === 'FlatGeometry') {
    const { flat, position } = geometry;
    const endPart = flat.geometryParts[position + 1] as number;
    for (let part = flat.geometryParts[position] as number; part < endPart; part++) {
      const shell = flat.partRings[part] as number;
      if (shell === flat.partRings[part + 1]) continue;
      const endPoint = flat.ringPoints[shell + 1] as number;
      for (let point = flat.ringPoints[shell] as number; point < endPoint; point++) {
        visit(flat.coordinates[2 * point] as number, flat.coordinates[2 * point + 1] as number);
      }
    }
    return;
  }
  for (const polygon of polygonsOf(geometry)) {
    for (const position of polygon[0] ?? []) visit(position[0] as number, position[1] as number);
  }
}

function sharedUint32(length: number): Uint32Array {
  return new Uint32Array(new SharedArrayBuffer(length * Uint32Array.BYTES_PER_ELEMENT));
}

/**
 * Collects geometries one at a time, part by part, ring by ring, point by point (a WKB decoder's order) into
 * arrays that grow by doubling; `finish` copies them once into shared memory.
 */
export class FlatGeometriesBuilder {
  private geometryParts = new Uint32Array(1024);
  private partRings = new Uint32Array(1024);
  private ringPoints = new Uint32Array(1024);
  private coordinates = new Float64Array(8192);
  private geometries = 0;
  private parts = 0;
  private rings = 0;
  private points = 0;

  /** Geometries so far: the position the next `endGeometry` closes. */
  get count(): number {
    return this.geometries;
  }

  point(x: number, y: number): void {
    if (2 * this.points + 2 > this.coordinates.length) this.coordinates = grown(this.coordinates);
    this.coordinates[2 * this.points] = x;
    this.coordinates[2 * this.points + 1] = y;
    this.points++;
  }

  endRing(): void {
    if (this.rings + 2 > this.ringPoints.length) this.ringPoints = grown(this.ringPoints);
    this.ringPoints[++this.rings] = this.points;
  }

  endPart(): void {
    if (this.parts + 2 > this.partRings.length) this.partRings = grown(this.partRings);
    this.partRings[++this.parts] = this.rings;
  }

  /** Closes geometry `count` with the parts ended since the last one (none: a missing geometry). */
  endGeometry(): void {
    if (this.geometries + 2 > this.geometryParts.length) this.geometryParts = grown(this.geometryParts);
    this.geometryParts[++this.geometries] = this.parts;
  }

  /** Drops what was added since the last `endGeometry` (a geometry that turned out unreadable). */
  abandonGeometry(): void {
    this.parts = this.geometryParts[this.geometries] as number;
    this.rings = this.partRings[this.parts] as number;
    this.points = this.ringPoints[this.rings] as number;
  }

  finish(): FlatGeometries {
    const flat: FlatGeometries = {
      geometryParts: sharedUint32(this.geometries + 1),
      partRings: sharedUint32(this.parts + 1),
      ringPoints: sharedUint32(this.rings + 1),
      coordinates: new Float64Array(new SharedArrayBuffer(this.points * 2 * Float64Array.BYTES_PER_ELEMENT)),
    };
    flat.geometryParts.set(this.geometryParts.subarray(0, this.geometries + 1));
    flat.partRings.set(this.partRings.subarray(0, this.parts + 1));
    flat.ringPoints.set(this.ringPoints.subarray(0, this.rings + 1));
    flat.coordinates.set(this.coordinates.subarray(0, this.points * 2));
    return flat;
  }
}

function grown<Array extends Uint32Array | Float64Array>(array: Array): Array {
  const larger = new (array.constructor as new (length: number) => Array)(array.length * 2);
  larger.set(array);
  return larger;
}

/**
 * The flat arrays of `geometries`, position by position. Geometries that are already positions 0, 1, 2, … of one
 * flat layer (a GeoPackage as read, `FlatGeometry`) are that layer's arrays as they are; anything else is copied.
 * `shared`: in shared memory, so that a worker thread can read them as they are.
 */
export function flattenGeometries(
  geometries: readonly (ImportGeometry | null)[],
  shared = false,
): FlatGeometries {
  const own = flatLayerOf(geometries);
  if (own && (!shared || own.coordinates.buffer instanceof SharedArrayBuffer)) return own;
  const Buffer = shared ? SharedArrayBuffer : ArrayBuffer;
  const polygonsByPosition = geometries.map((geometry) =>
    geometry ? polygonsOf(asGeoJson(geometry)) : null,
  );
  let parts = 0;
  let rings = 0;
  let points = 0;
  for (const polygons of polygonsByPosition) {
    if (!polygons) continue;
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
  polygonsByPosition.forEach((polygons, index) => {
    for (const polygon of polygons ?? []) {
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
    flat.geometryParts[index + 1] = part;
  });
  return flat;
}

function polygonsOf(geometry: AreaGeometry): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/**
 * The one flat layer whose geometries 0 … n − 1 `geometries` are, position for position (a missing geometry where
 * the layer has none), or null.
 */
function flatLayerOf(geometries: readonly (ImportGeometry | null)[]): FlatGeometries | null {
  let flat: FlatGeometries | null = null;
  for (const geometry of geometries) {
    if (geometry?.type !== 'FlatGeometry') continue;
    flat = geometry.flat;
    break;
  }
  if (!flat || flat.geometryParts.length !== geometries.length + 1) return null;
  for (let position = 0; position < geometries.length; position++) {
    const geometry = geometries[position];
    if (geometry) {
      if (geometry.type !== 'FlatGeometry' || geometry.flat !== flat || geometry.position !== position)
        return null;
    } else if (flat.geometryParts[position] !== flat.geometryParts[position + 1]) return null;
  }
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
