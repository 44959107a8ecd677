/**
 * The repair's clean check (`repairGeometry`'s fast path) for a single-ring polygon in flat arrays, the shape of
 * nearly every parcel: a 100k-parcel GeoPackage delivery is checked without making each geometry GeoJSON first
 * (a quarter of a second of arrays made for the check and thrown away).
 *
 * The arithmetic is `isCleanRing`'s and `ringContacts`' (geometry-repair.ts), operation for operation and in the
 * same order (segments swept by their west end, the same skips), so every decision is the same to the last bit.
 * Anything else (holes, several parts) is checked on GeoJSON as before.
 */
import type { FlatGeometries } from './flat-geometries.ts';
import { COLLINEAR_TOLERANCE, SPIKE_SINE } from './repair-tolerances.ts';

/**
 * Whether geometry `position` of `flat` is one part of one ring that `repairGeometry` finds clean; null when it is
 * not a single ring (the caller checks it as GeoJSON).
 */
export function singleRingIsClean(flat: FlatGeometries, position: number): boolean | null {
  const firstPart = flat.geometryParts[position] as number;
  if ((flat.geometryParts[position + 1] as number) - firstPart !== 1) return null;
  const ring = flat.partRings[firstPart] as number;
  if ((flat.partRings[firstPart + 1] as number) - ring !== 1) return null;
  const start = flat.ringPoints[ring] as number;
  const length = (flat.ringPoints[ring + 1] as number) - start;
  const xy = flat.coordinates;
  return isCleanRing(xy, start, length) && !selfContact(xy, start, length - 1);
}

const x = (xy: Float64Array, start: number, index: number): number => xy[2 * (start + index)] as number;
const y = (xy: Float64Array, start: number, index: number): number => xy[2 * (start + index) + 1] as number;

/** `isCleanRing`: closed, longitude/latitude, no consecutive repeat, no spike, not collinear. */
function isCleanRing(xy: Float64Array, start: number, length: number): boolean {
  if (length < 4) return false;
  const count = length - 1;
  if (x(xy, start, 0) !== x(xy, start, count) || y(xy, start, 0) !== y(xy, start, count)) return false;
  for (let index = 0; index < length; index++) {
    const longitude = x(xy, start, index);
    const latitude = y(xy, start, index);
    if (!Number.isFinite(longitude) || !Number.isFinite(latitude)) return false;
    if (Math.abs(longitude) > 180 || Math.abs(latitude) > 90) return false;
  }
  for (let index = 0; index < count; index++) {
    const previous = (index - 1 + count) % count;
    if (x(xy, start, previous) === x(xy, start, index) && y(xy, start, previous) === y(xy, start, index)) {
      return false;
    }
  }
  for (let index = 0; index < count; index++) if (spikeAt(xy, start, count, index)) return false;
  return !isZeroArea(xy, start, count);
}

/** `spikeAt` on the open ring of `count` points. */
function spikeAt(xy: Float64Array, start: number, count: number, index: number): boolean {
  const previous = (index - 1 + count) % count;
  const next = (index + 1) % count;
  const inX = x(xy, start, index) - x(xy, start, previous);
  const inY = y(xy, start, index) - y(xy, start, previous);
  const outX = x(xy, start, next) - x(xy, start, index);
  const outY = y(xy, start, next) - y(xy, start, index);
  const dot = inX * outX + inY * outY;
  if (dot >= 0) return false;
  const cross = inX * outY - inY * outX;
  return Math.abs(cross) <= SPIKE_SINE * Math.hypot(inX, inY) * Math.hypot(outX, outY);
}

/** `isZeroArea` on the open ring of `count` points. */
function isZeroArea(xy: Float64Array, start: number, count: number): boolean {
  const originX = x(xy, start, 0);
  const originY = y(xy, start, 0);
  let farthest = 0;
  let farthestSquared = 0;
  for (let index = 0; index < count; index++) {
    const squared = (x(xy, start, index) - originX) ** 2 + (y(xy, start, index) - originY) ** 2;
    if (squared > farthestSquared) {
      farthest = index;
      farthestSquared = squared;
    }
  }
  if (farthestSquared === 0) return true;
  const directionX = x(xy, start, farthest) - originX;
  const directionY = y(xy, start, farthest) - originY;
  for (let index = 0; index < count; index++) {
    const deviation =
      directionX * (y(xy, start, index) - originY) - directionY * (x(xy, start, index) - originX);
    if (!(Math.abs(deviation) <= COLLINEAR_TOLERANCE * farthestSquared)) return false;
  }
  return true;
}

/** `orientation`'s sign. */
function orientation(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const value = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return value > 0 ? 1 : value < 0 ? -1 : 0;
}

function withinBox(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return Math.min(ax, bx) <= px && px <= Math.max(ax, bx) && Math.min(ay, by) <= py && py <= Math.max(ay, by);
}

/** `segmentContact(a, b, c, d) !== 'none'`. */
function segmentsMeet(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): boolean {
  const o1 = orientation(ax, ay, bx, by, cx, cy);
  const o2 = orientation(ax, ay, bx, by, dx, dy);
  const o3 = orientation(cx, cy, dx, dy, ax, ay);
  const o4 = orientation(cx, cy, dx, dy, bx, by);
  if (o1 === 0 && o2 === 0) {
    const horizontal = Math.abs(bx - ax) >= Math.abs(by - ay);
    const low = horizontal
      ? Math.max(Math.min(ax, bx), Math.min(cx, dx))
      : Math.max(Math.min(ay, by), Math.min(cy, dy));
    const high = horizontal
      ? Math.min(Math.max(ax, bx), Math.max(cx, dx))
      : Math.min(Math.max(ay, by), Math.max(cy, dy));
    return high >= low;
  }
  if (o1 * o2 < 0 && o3 * o4 < 0) return true;
  return (
    (o1 === 0 && withinBox(ax, ay, bx, by, cx, cy)) ||
    (o2 === 0 && withinBox(ax, ay, bx, by, dx, dy)) ||
    (o3 === 0 && withinBox(cx, cy, dx, dy, ax, ay)) ||
    (o4 === 0 && withinBox(cx, cy, dx, dy, bx, by))
  );
}

// One ring's edge bounds and sweep order, reused from ring to ring (a 100k-parcel delivery checks 100k rings).
let minX = new Float64Array(64);
let maxX = new Float64Array(64);
let minY = new Float64Array(64);
let maxY = new Float64Array(64);
const order: number[] = [];
const byWestEnd = (first: number, second: number): number =>
  (minX[first] as number) - (minX[second] as number);

/**
 * `ringContacts` of one ring reports it self-intersecting: two edges that are not neighbours meet. The edges are
 * swept by their west end as there (a stable sort of the same keys), with the same early stops and skips.
 */
function selfContact(xy: Float64Array, start: number, count: number): boolean {
  if (minX.length < count) {
    minX = new Float64Array(2 * count);
    maxX = new Float64Array(2 * count);
    minY = new Float64Array(2 * count);
    maxY = new Float64Array(2 * count);
  }
  order.length = count;
  for (let edge = 0; edge < count; edge++) {
    const next = (edge + 1) % count;
    minX[edge] = Math.min(x(xy, start, edge), x(xy, start, next));
    maxX[edge] = Math.max(x(xy, start, edge), x(xy, start, next));
    minY[edge] = Math.min(y(xy, start, edge), y(xy, start, next));
    maxY[edge] = Math.max(y(xy, start, edge), y(xy, start, next));
    order[edge] = edge;
  }
  order.sort(byWestEnd);
  for (let index = 0; index < count; index++) {
    const first = order[index] as number;
    for (let other = index + 1; other < count; other++) {
      const second = order[other] as number;
      if ((minX[second] as number) > (maxX[first] as number)) break;
      if (
        (minY[second] as number) > (maxY[first] as number) ||
        (maxY[second] as number) < (minY[first] as number)
      )
        continue;
      const gap = Math.abs(first - second);
      if (gap === 1 || gap === count - 1) continue;
      const firstNext = (first + 1) % count;
      const secondNext = (second + 1) % count;
      if (
        segmentsMeet(
          x(xy, start, first),
          y(xy, start, first),
          x(xy, start, firstNext),
          y(xy, start, firstNext),
          x(xy, start, second),
          y(xy, start, second),
          x(xy, start, secondNext),
          y(xy, start, secondNext),
        )
      )
        return true;
    }
  }
  return false;
}
