/**
 * The overlap check's cheap exact test (`spatial-checks.ts`), on a parcel's rings as one flat array of numbers: a
 * 100k-parcel tessellation puts every parcel's vertices and edge midpoints through point-in-polygon tests against
 * each neighbour, and on arrays of small coordinate arrays (plus a new array per midpoint) that cost more in
 * memory traffic and garbage collection than in arithmetic.
 *
 * The arithmetic is `pointInRing`'s, `pointInPolygonRings`' and `segmentContact`'s (geometry-repair.ts), operation
 * for operation, so every decision is the same to the last bit.
 */
import type { AreaGeometry } from '../domain/areas.ts';

export interface FlatShape {
  geometry: AreaGeometry;
  /** (x, y) pairs of every ring, open (without the closing vertex), one ring after another; shared by many shapes. */
  coordinates: Float64Array;
  /** Ring r is points ringStarts[r] … ringStarts[r + 1] − 1; shared. */
  ringStarts: Uint32Array;
  /** Part p is rings partStarts[p] … partStarts[p + 1] − 1, its first ring the shell; shared. */
  partStarts: Uint32Array;
  /** This shape's parts: firstPart … endPart − 1. */
  firstPart: number;
  endPart: number;
  /** [minX, minY, maxX, maxY] over every ring's vertices. */
  bounds: [number, number, number, number];
}

/**
 * Each geometry as a shape over three arrays shared by all (a few allocations instead of three per parcel), each
 * ring without its last position (the closing vertex of a closed ring), as `prepare` in spatial-checks.
 */
export function flatShapes(geometries: readonly (AreaGeometry | null)[]): (FlatShape | null)[] {
  let parts = 0;
  let rings = 0;
  let points = 0;
  for (const geometry of geometries) {
    if (!geometry) continue;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    parts += polygons.length;
    for (const polygon of polygons) {
      rings += polygon.length;
      for (const ring of polygon) points += Math.max(0, ring.length - 1);
    }
  }
  const coordinates = new Float64Array(points * 2);
  const ringStarts = new Uint32Array(rings + 1);
  const partStarts = new Uint32Array(parts + 1);
  let partIndex = 0;
  let ringIndex = 0;
  let point = 0;
  return geometries.map((geometry) => {
    if (!geometry) return null;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    const firstPart = partIndex;
    let minX = Number.POSITIVE_INFINITY;
    let minY = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    for (const polygon of polygons) {
      for (const ring of polygon) {
        for (let index = 0; index < ring.length - 1; index++) {
          const x = ring[index]?.[0] as number;
          const y = ring[index]?.[1] as number;
          coordinates[2 * point] = x;
          coordinates[2 * point + 1] = y;
          point++;
          if (x < minX) minX = x;
          if (y < minY) minY = y;
          if (x > maxX) maxX = x;
          if (y > maxY) maxY = y;
        }
        ringStarts[++ringIndex] = point;
      }
      partStarts[++partIndex] = ringIndex;
    }
    return {
      geometry,
      coordinates,
      ringStarts,
      partStarts,
      firstPart,
      endPart: partIndex,
      bounds: [minX, minY, maxX, maxY],
    };
  });
}

/** `pointInRing(point, ring, tolerance)`: 1 inside, 0 within `tolerance` of an edge, −1 outside. */
function pointInFlatRing(x: number, y: number, shape: FlatShape, ring: number, tolerance: number): number {
  const coordinates = shape.coordinates;
  const start = shape.ringStarts[ring] as number;
  const count = (shape.ringStarts[ring + 1] as number) - start;
  let inside = false;
  for (let index = 0, previous = count - 1; index < count; previous = index++) {
    const ax = coordinates[2 * (start + index)] as number;
    const ay = coordinates[2 * (start + index) + 1] as number;
    const bx = coordinates[2 * (start + previous)] as number;
    const by = coordinates[2 * (start + previous) + 1] as number;
    if (Math.min(ax, bx) <= x && x <= Math.max(ax, bx) && Math.min(ay, by) <= y && y <= Math.max(ay, by)) {
      const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
      if (Math.abs(cross) <= tolerance * Math.hypot(bx - ax, by - ay)) return 0;
    }
    if (ay > y !== by > y) {
      const crossingX = ax + ((y - ay) * (bx - ax)) / (by - ay);
      if (x < crossingX) inside = !inside;
    }
  }
  return inside ? 1 : -1;
}

/** `pointInPolygonRings` over part `part`: 1 inside its area, 0 on a ring, −1 outside or in a hole. */
function pointInFlatPart(x: number, y: number, shape: FlatShape, part: number, tolerance: number): number {
  const shell = shape.partStarts[part] as number;
  const end = shape.partStarts[part + 1] as number;
  if (shell >= end) return -1;
  const inShell = pointInFlatRing(x, y, shape, shell, tolerance);
  if (inShell <= 0) return inShell;
  for (let hole = shell + 1; hole < end; hole++) {
    const inHole = pointInFlatRing(x, y, shape, hole, tolerance);
    if (inHole >= 0) return inHole === 0 ? 0 : -1;
  }
  return 1;
}

function strictlyInside(x: number, y: number, target: FlatShape, tolerance: number): boolean {
  const [minX, minY, maxX, maxY] = target.bounds;
  if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) return false;
  for (let part = target.firstPart; part < target.endPart; part++) {
    if (pointInFlatPart(x, y, target, part, tolerance) > 0) return true;
  }
  return false;
}

/** Some vertex or edge midpoint of `source` lies strictly inside `target` (farther than `tolerance` from its rings). */
export function boundaryEntersInterior(source: FlatShape, target: FlatShape, tolerance: number): boolean {
  const coordinates = source.coordinates;
  const endRing = source.partStarts[source.endPart] as number;
  for (let ring = source.partStarts[source.firstPart] as number; ring < endRing; ring++) {
    const start = source.ringStarts[ring] as number;
    const count = (source.ringStarts[ring + 1] as number) - start;
    for (let index = 0; index < count; index++) {
      const next = (index + 1) % count;
      const ax = coordinates[2 * (start + index)] as number;
      const ay = coordinates[2 * (start + index) + 1] as number;
      const bx = coordinates[2 * (start + next)] as number;
      const by = coordinates[2 * (start + next) + 1] as number;
      if (strictlyInside(ax, ay, target, tolerance)) return true;
      if (strictlyInside((ax + bx) / 2, (ay + by) / 2, target, tolerance)) return true;
    }
  }
  return false;
}

/** Sign of `orientation(a, b, c)` in geometry-repair.ts. */
function orientation(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const value = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return value > 0 ? 1 : value < 0 ? -1 : 0;
}

/** An edge of `first` and an edge of `second` whose interiors cross at one point (`segmentContact` = 'cross'). */
export function edgesCross(first: FlatShape, second: FlatShape): boolean {
  const [minX, minY, maxX, maxY] = second.bounds;
  const a = first.coordinates;
  const c = second.coordinates;
  const firstEnd = first.partStarts[first.endPart] as number;
  const secondStart = second.partStarts[second.firstPart] as number;
  const secondEnd = second.partStarts[second.endPart] as number;
  for (let ring = first.partStarts[first.firstPart] as number; ring < firstEnd; ring++) {
    const start = first.ringStarts[ring] as number;
    const count = (first.ringStarts[ring + 1] as number) - start;
    for (let index = 0; index < count; index++) {
      const next = (index + 1) % count;
      const ax = a[2 * (start + index)] as number;
      const ay = a[2 * (start + index) + 1] as number;
      const bx = a[2 * (start + next)] as number;
      const by = a[2 * (start + next) + 1] as number;
      if (Math.max(ax, bx) < minX || Math.min(ax, bx) > maxX) continue;
      if (Math.max(ay, by) < minY || Math.min(ay, by) > maxY) continue;
      for (let otherRing = secondStart; otherRing < secondEnd; otherRing++) {
        const otherStart = second.ringStarts[otherRing] as number;
        const otherCount = (second.ringStarts[otherRing + 1] as number) - otherStart;
        for (let other = 0; other < otherCount; other++) {
          const otherNext = (other + 1) % otherCount;
          const cx = c[2 * (otherStart + other)] as number;
          const cy = c[2 * (otherStart + other) + 1] as number;
          const dx = c[2 * (otherStart + otherNext)] as number;
          const dy = c[2 * (otherStart + otherNext) + 1] as number;
          if (
            orientation(ax, ay, bx, by, cx, cy) * orientation(ax, ay, bx, by, dx, dy) < 0 &&
            orientation(cx, cy, dx, dy, ax, ay) * orientation(cx, cy, dx, dy, bx, by) < 0
          )
            return true;
        }
      }
    }
  }
  return false;
}
