/**
 * Planar geometry in local metres (x east, y north). The generator does all its shape work here and converts to
 * longitude/latitude only at the end (see projection.ts): metres make widths, spacings and areas direct.
 *
 * Rings are kept open (the last point is not a copy of the first) and counter-clockwise unless stated.
 */

export type Point = readonly [number, number];
export type Ring = Point[];

export interface Bbox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** The point at `index`, wrapping around the ring; avoids `undefined` checks in tight loops. */
export function vertex(points: readonly Point[], index: number): Point {
  const count = points.length;
  return points[((index % count) + count) % count] as Point;
}

/** Twice the signed area of triangle a-b-c: positive when c lies left of a→b. */
export function orient(a: Point, b: Point, c: Point): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

/** Shoelace area, positive for counter-clockwise rings. */
export function signedArea(ring: readonly Point[]): number {
  let twiceArea = 0;
  for (let index = 0; index < ring.length; index++) {
    const current = ring[index] as Point;
    const next = vertex(ring, index + 1);
    twiceArea += current[0] * next[1] - next[0] * current[1];
  }
  return twiceArea / 2;
}

export function counterClockwise(ring: Ring): Ring {
  return signedArea(ring) < 0 ? [...ring].reverse() : ring;
}

export function bboxOf(points: readonly Point[]): Bbox {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const [x, y] of points) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY };
}

export function expandBbox(bbox: Bbox, margin: number): Bbox {
  return {
    minX: bbox.minX - margin,
    minY: bbox.minY - margin,
    maxX: bbox.maxX + margin,
    maxY: bbox.maxY + margin,
  };
}

export function bboxesOverlap(first: Bbox, second: Bbox): boolean {
  return (
    first.minX <= second.maxX &&
    second.minX <= first.maxX &&
    first.minY <= second.maxY &&
    second.minY <= first.maxY
  );
}

/** Even-odd ray casting. */
export function pointInRing(point: Point, ring: readonly Point[]): boolean {
  const [x, y] = point;
  let inside = false;
  for (let index = 0, previous = ring.length - 1; index < ring.length; previous = index++) {
    const [xi, yi] = ring[index] as Point;
    const [xj, yj] = ring[previous] as Point;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export interface SegmentProjection {
  point: Point;
  /** Position along the segment, 0 at its start and 1 at its end. */
  fraction: number;
  distance: number;
}

export function projectOnSegment(point: Point, start: Point, end: Point): SegmentProjection {
  const dx = end[0] - start[0];
  const dy = end[1] - start[1];
  const lengthSquared = dx * dx + dy * dy;
  let fraction =
    lengthSquared === 0 ? 0 : ((point[0] - start[0]) * dx + (point[1] - start[1]) * dy) / lengthSquared;
  fraction = Math.max(0, Math.min(1, fraction));
  const projected: Point = [start[0] + fraction * dx, start[1] + fraction * dy];
  return {
    point: projected,
    fraction,
    distance: Math.hypot(point[0] - projected[0], point[1] - projected[1]),
  };
}

export function distance(first: Point, second: Point): number {
  return Math.hypot(first[0] - second[0], first[1] - second[1]);
}

export function polylineLength(line: readonly Point[]): number {
  let length = 0;
  for (let index = 0; index + 1 < line.length; index++)
    length += distance(line[index] as Point, line[index + 1] as Point);
  return length;
}

/** Points every `spacing` metres along the line (the last gap absorbs the remainder), both ends kept. */
export function resamplePolyline(line: readonly Point[], spacing: number): Point[] {
  const total = polylineLength(line);
  const steps = Math.max(1, Math.round(total / spacing));
  const step = total / steps;
  const result: Point[] = [line[0] as Point];
  let segmentIndex = 0;
  let segmentStart = 0;
  for (let stepIndex = 1; stepIndex < steps; stepIndex++) {
    const target = stepIndex * step;
    while (segmentIndex + 1 < line.length - 1) {
      const length = distance(line[segmentIndex] as Point, line[segmentIndex + 1] as Point);
      if (segmentStart + length >= target) break;
      segmentStart += length;
      segmentIndex++;
    }
    const start = line[segmentIndex] as Point;
    const end = line[segmentIndex + 1] as Point;
    const length = distance(start, end);
    const fraction = length === 0 ? 0 : (target - segmentStart) / length;
    result.push([start[0] + (end[0] - start[0]) * fraction, start[1] + (end[1] - start[1]) * fraction]);
  }
  result.push(line[line.length - 1] as Point);
  return result;
}

/** A smooth curve through the control points (uniform Catmull–Rom), resampled every `spacing` metres. */
export function catmullRom(controls: readonly Point[], spacing: number): Point[] {
  const dense: Point[] = [];
  const samplesPerSpan = 24;
  for (let index = 0; index + 1 < controls.length; index++) {
    const p0 = vertex(controls, Math.max(0, index - 1));
    const p1 = controls[index] as Point;
    const p2 = controls[index + 1] as Point;
    const p3 = controls[Math.min(controls.length - 1, index + 2)] as Point;
    for (let sample = 0; sample < samplesPerSpan; sample++) {
      const t = sample / samplesPerSpan;
      const t2 = t * t;
      const t3 = t2 * t;
      const blend = (a: number, b: number, c: number, d: number) =>
        0.5 * (2 * b + (-a + c) * t + (2 * a - 5 * b + 4 * c - d) * t2 + (-a + 3 * b - 3 * c + d) * t3);
      dense.push([blend(p0[0], p1[0], p2[0], p3[0]), blend(p0[1], p1[1], p2[1], p3[1])]);
    }
  }
  dense.push(controls[controls.length - 1] as Point);
  return resamplePolyline(dense, spacing);
}

/**
 * The polygon covering `halfWidth` metres either side of a polyline (a road or a ditch), with mitred joins and
 * square ends pushed out by `extendStart`/`extendEnd`. Only valid for gentle curves (radius much larger than the
 * half width), which is how roads are drawn here.
 */
export function bufferPolyline(
  line: readonly Point[],
  halfWidth: number,
  extendStart = 0,
  extendEnd = 0,
): Ring {
  const count = line.length;
  const directions: Point[] = [];
  for (let index = 0; index + 1 < count; index++) {
    const start = line[index] as Point;
    const end = line[index + 1] as Point;
    const length = distance(start, end) || 1;
    directions.push([(end[0] - start[0]) / length, (end[1] - start[1]) / length]);
  }
  const left: Point[] = [];
  const right: Point[] = [];
  for (let index = 0; index < count; index++) {
    const before = directions[Math.max(0, index - 1)] as Point;
    const after = directions[Math.min(directions.length - 1, index)] as Point;
    let normalX = -(before[1] + after[1]);
    let normalY = before[0] + after[0];
    const normalLength = Math.hypot(normalX, normalY) || 1;
    normalX /= normalLength;
    normalY /= normalLength;
    // Mitre: the offset grows as the join sharpens; capped so a kink cannot throw a spike.
    const cosine = Math.max(0.5, normalX * -after[1] + normalY * after[0]);
    const offset = halfWidth / cosine;
    let [x, y] = line[index] as Point;
    if (index === 0) {
      x -= after[0] * extendStart;
      y -= after[1] * extendStart;
    }
    if (index === count - 1) {
      x += before[0] * extendEnd;
      y += before[1] * extendEnd;
    }
    left.push([x + normalX * offset, y + normalY * offset]);
    right.push([x - normalX * offset, y - normalY * offset]);
  }
  return counterClockwise([...right, ...left.reverse()]);
}

function segmentsCross(a: Point, b: Point, c: Point, d: Point): boolean {
  const abc = orient(a, b, c);
  const abd = orient(a, b, d);
  const cda = orient(c, d, a);
  const cdb = orient(c, d, b);
  return ((abc > 0 && abd < 0) || (abc < 0 && abd > 0)) && ((cda > 0 && cdb < 0) || (cda < 0 && cdb > 0));
}

/** True when no two non-adjacent edges cross or touch; O(n²), meant for checks, not hot paths. */
export function isRingSimple(ring: readonly Point[]): boolean {
  const count = ring.length;
  if (count < 3) return false;
  for (let first = 0; first < count; first++) {
    const a = ring[first] as Point;
    const b = vertex(ring, first + 1);
    if (a[0] === b[0] && a[1] === b[1]) return false;
    for (let second = first + 2; second < count; second++) {
      if (first === 0 && second === count - 1) continue;
      const c = ring[second] as Point;
      const d = vertex(ring, second + 1);
      if (Math.max(a[0], b[0]) < Math.min(c[0], d[0]) || Math.max(c[0], d[0]) < Math.min(a[0], b[0]))
        continue;
      if (Math.max(a[1], b[1]) < Math.min(c[1], d[1]) || Math.max(c[1], d[1]) < Math.min(a[1], b[1]))
        continue;
      if (segmentsCross(a, b, c, d)) return false;
      if ((c[0] === a[0] && c[1] === a[1]) || (d[0] === b[0] && d[1] === b[1])) return false;
    }
  }
  return true;
}

/** Area-weighted centroid of a simple ring. */
export function ringCentroid(ring: readonly Point[]): Point {
  let twiceArea = 0;
  let x = 0;
  let y = 0;
  const [originX, originY] = ring[0] as Point;
  for (let index = 0; index < ring.length; index++) {
    const current = ring[index] as Point;
    const next = vertex(ring, index + 1);
    const ax = current[0] - originX;
    const ay = current[1] - originY;
    const bx = next[0] - originX;
    const by = next[1] - originY;
    const crossProduct = ax * by - bx * ay;
    twiceArea += crossProduct;
    x += (ax + bx) * crossProduct;
    y += (ay + by) * crossProduct;
  }
  if (twiceArea === 0) return ring[0] as Point;
  return [originX + x / (3 * twiceArea), originY + y / (3 * twiceArea)];
}

/** Shortest distance from a point to the edges of a ring. */
export function distanceToRing(point: Point, ring: readonly Point[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (let index = 0; index < ring.length; index++) {
    const projection = projectOnSegment(point, ring[index] as Point, vertex(ring, index + 1));
    if (projection.distance < best) best = projection.distance;
  }
  return best;
}
