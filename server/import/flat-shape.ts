/**
 * The overlap check's cheap exact test (`spatial-checks.ts`), on a parcel's rings as one flat array of numbers: a
 * 100k-parcel tessellation puts every parcel's vertices and edge midpoints through point-in-polygon tests against
 * each neighbour, and on arrays of small coordinate arrays (plus a new array per midpoint) that cost more in
 * memory traffic and garbage collection than in arithmetic.
 *
 * The arithmetic is `pointInRing`'s, `pointInPolygonRings`' and `segmentContact`'s (geometry-repair.ts), operation
 * for operation, so every decision is the same to the last bit.
 */
import { type FlatGeometries, flattenGeometries, type ImportGeometry } from './flat-geometries.ts';

export interface FlatShape {
  /** The flat geometries this shape is one of (rings with their closing vertex, which the tests leave out). */
  flat: FlatGeometries;
  /** This shape's parts: firstPart … endPart − 1 of `flat`. */
  firstPart: number;
  endPart: number;
  /** [minX, minY, maxX, maxY] over every ring's vertices. */
  bounds: [number, number, number, number];
}

/** How many points ring `ring` has without its last (the closing vertex, which `prepare` drops too). */
function openCount(flat: FlatGeometries, ring: number): number {
  return Math.max(0, (flat.ringPoints[ring + 1] as number) - (flat.ringPoints[ring] as number) - 1);
}

/** Each geometry as a shape over the flat arrays of all of them (made here when not given). */
export function flatShapes(
  geometries: readonly (ImportGeometry | null)[],
  flat: FlatGeometries = flattenGeometries(geometries),
): (FlatShape | null)[] {
  const coordinates = flat.coordinates;
  return geometries.map((geometry, index) => {
    if (!geometry) return null;
    const firstPart = flat.geometryParts[index] as number;
    const endPart = flat.geometryParts[index + 1] as number;
    let minX = Number.POSITIVE_INFINITY;
    let minY = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    const endRing = flat.partRings[endPart] as number;
    for (let ring = flat.partRings[firstPart] as number; ring < endRing; ring++) {
      const start = flat.ringPoints[ring] as number;
      const count = openCount(flat, ring);
      for (let point = start; point < start + count; point++) {
        const x = coordinates[2 * point] as number;
        const y = coordinates[2 * point + 1] as number;
        if (x < minX) minX = x;
        if (y < minY) minY = y;
        if (x > maxX) maxX = x;
        if (y > maxY) maxY = y;
      }
    }
    return { flat, firstPart, endPart, bounds: [minX, minY, maxX, maxY] };
  });
}

/** `pointInRing(point, ring, tolerance)`: 1 inside, 0 within `tolerance` of an edge, −1 outside. */
function pointInFlatRing(x: number, y: number, shape: FlatShape, ring: number, tolerance: number): number {
  const coordinates = shape.flat.coordinates;
  const start = shape.flat.ringPoints[ring] as number;
  const count = openCount(shape.flat, ring);
  let inside = false;
  for (let index = 0, previous = count - 1; index < count; previous = index++) {
    const ax = coordinates[2 * (start + index)] as number;
    const ay = coordinates[2 * (start + index) + 1] as number;
    const bx = coordinates[2 * (start + previous)] as number;
    const by = coordinates[2 * (start + previous) + 1] as number;
    // An edge wholly above or wholly below the point can neither hold it nor cross its ray: most edges, skipped
    // on two comparisons (the tests below would reach the same decision on this edge).
    if ((ay > y && by > y) || (ay < y && by < y)) continue;
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
  const shell = shape.flat.partRings[part] as number;
  const end = shape.flat.partRings[part + 1] as number;
  if (shell >= end) return -1;
  const inShell = pointInFlatRing(x, y, shape, shell, tolerance);
  if (inShell <= 0) return inShell;
  for (let hole = shell + 1; hole < end; hole++) {
    const inHole = pointInFlatRing(x, y, shape, hole, tolerance);
    if (inHole >= 0) return inHole === 0 ? 0 : -1;
  }
  return 1;
}

/** Within `target`'s parts' area, farther than `tolerance` from their rings (the caller has checked the bounds). */
function insideParts(x: number, y: number, target: FlatShape, tolerance: number): boolean {
  for (let part = target.firstPart; part < target.endPart; part++) {
    if (pointInFlatPart(x, y, target, part, tolerance) > 0) return true;
  }
  return false;
}

/**
 * Where a point lies against bounds, one bit per side it is beyond (Cohen–Sutherland): 0 within them. Two points
 * beyond the same side have their midpoint beyond it too (a rounded mean of two numbers lies between them).
 */
function outcode(x: number, y: number, minX: number, minY: number, maxX: number, maxY: number): number {
  return (x < minX ? 1 : x > maxX ? 2 : 0) | (y < minY ? 4 : y > maxY ? 8 : 0);
}

/**
 * Some vertex or edge midpoint of `source` lies strictly inside `target` (farther than `tolerance` from its rings).
 * Only a point within `target`'s bounds is tested against its rings: for neighbours, a few points of each.
 */
export function boundaryEntersInterior(source: FlatShape, target: FlatShape, tolerance: number): boolean {
  const coordinates = source.flat.coordinates;
  const [minX, minY, maxX, maxY] = target.bounds;
  const endRing = source.flat.partRings[source.endPart] as number;
  for (let ring = source.flat.partRings[source.firstPart] as number; ring < endRing; ring++) {
    const start = source.flat.ringPoints[ring] as number;
    const count = openCount(source.flat, ring);
    if (count === 0) continue;
    let ax = coordinates[2 * start] as number;
    let ay = coordinates[2 * start + 1] as number;
    let aCode = outcode(ax, ay, minX, minY, maxX, maxY);
    for (let index = 0; index < count; index++) {
      const next = index + 1 === count ? 0 : index + 1;
      const bx = coordinates[2 * (start + next)] as number;
      const by = coordinates[2 * (start + next) + 1] as number;
      const bCode = outcode(bx, by, minX, minY, maxX, maxY);
      if (aCode === 0 && insideParts(ax, ay, target, tolerance)) return true;
      if ((aCode & bCode) === 0) {
        const mx = (ax + bx) / 2;
        const my = (ay + by) / 2;
        if (outcode(mx, my, minX, minY, maxX, maxY) === 0 && insideParts(mx, my, target, tolerance))
          return true;
      }
      ax = bx;
      ay = by;
      aCode = bCode;
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
  const a = first.flat.coordinates;
  const c = second.flat.coordinates;
  const firstEnd = first.flat.partRings[first.endPart] as number;
  const secondStart = second.flat.partRings[second.firstPart] as number;
  const secondEnd = second.flat.partRings[second.endPart] as number;
  for (let ring = first.flat.partRings[first.firstPart] as number; ring < firstEnd; ring++) {
    const start = first.flat.ringPoints[ring] as number;
    const count = openCount(first.flat, ring);
    for (let index = 0; index < count; index++) {
      const next = index + 1 === count ? 0 : index + 1;
      const ax = a[2 * (start + index)] as number;
      const ay = a[2 * (start + index) + 1] as number;
      const bx = a[2 * (start + next)] as number;
      const by = a[2 * (start + next) + 1] as number;
      if (Math.max(ax, bx) < minX || Math.min(ax, bx) > maxX) continue;
      if (Math.max(ay, by) < minY || Math.min(ay, by) > maxY) continue;
      for (let otherRing = secondStart; otherRing < secondEnd; otherRing++) {
        const otherStart = second.flat.ringPoints[otherRing] as number;
        const otherCount = openCount(second.flat, otherRing);
        for (let other = 0; other < otherCount; other++) {
          const otherNext = other + 1 === otherCount ? 0 : other + 1;
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
