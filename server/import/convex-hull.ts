/**
 * The convex hull of many parcels (a new village's or a new park's outline until a real boundary is delivered).
 * Andrew's monotone chain over the outer-ring vertices: O(n log n) on plain numbers, where turf's `convex` (a
 * concave-hull library run with infinite concavity) spends seconds on 100k parcels.
 *
 * Before the sort, the Akl–Toussaint heuristic (S. G. Akl, G. T. Toussaint, "A fast convex hull algorithm",
 * Information Processing Letters 7(5), 1978) drops every vertex well inside the quadrilateral of the westmost,
 * southmost, eastmost and northmost vertices: none of them can be a corner of the hull, and in a park's
 * tessellation they are nearly all of the ~700k vertices. A vertex within a rounding margin of the quadrilateral is
 * kept, so the chain sees every point it could have kept before and the hull is the same, vertex for vertex.
 */
import type { Polygon } from 'geojson';
import { type ImportGeometry, outerRingPoints } from './flat-geometries.ts';

/**
 * How far inside (cross product, relative to the extent times the coordinates' magnitude) a vertex must be to be
 * dropped: some 10^5 times the rounding of the cross products, and about a centimetre in degrees.
 */
const INSIDE_MARGIN = 1e-9;

function cross(xs: Float64Array, ys: Float64Array, origin: number, first: number, second: number): number {
  return (
    ((xs[first] as number) - (xs[origin] as number)) * ((ys[second] as number) - (ys[origin] as number)) -
    ((ys[first] as number) - (ys[origin] as number)) * ((xs[second] as number) - (xs[origin] as number))
  );
}

/** The outer-ring vertices of every geometry, as two coordinate arrays. */
function outerVertices(geometries: Iterable<ImportGeometry>): { xs: Float64Array; ys: Float64Array } {
  const list = [...geometries];
  let count = 0;
  const countPoint = (): void => {
    count++;
  };
  for (const geometry of list) outerRingPoints(geometry, countPoint);
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  let index = 0;
  const addPoint = (x: number, y: number): void => {
    xs[index] = x;
    ys[index] = y;
    index++;
  };
  for (const geometry of list) outerRingPoints(geometry, addPoint);
  return { xs, ys };
}

/** Indices of the points that may be hull corners: all but those well inside the extreme quadrilateral. */
function hullCandidates(xs: Float64Array, ys: Float64Array): number[] {
  const count = xs.length;
  if (count < 8) return Array.from({ length: count }, (_, index) => index);
  let west = 0;
  let south = 0;
  let east = 0;
  let north = 0;
  for (let index = 1; index < count; index++) {
    const x = xs[index] as number;
    const y = ys[index] as number;
    if (x < (xs[west] as number)) west = index;
    if (y < (ys[south] as number)) south = index;
    if (x > (xs[east] as number)) east = index;
    if (y > (ys[north] as number)) north = index;
  }
  const width = (xs[east] as number) - (xs[west] as number);
  const height = (ys[north] as number) - (ys[south] as number);
  const extent = Math.max(width, height);
  const magnitude = Math.max(
    Math.abs(xs[west] as number),
    Math.abs(xs[east] as number),
    Math.abs(ys[south] as number),
    Math.abs(ys[north] as number),
  );
  const margin = INSIDE_MARGIN * extent * (extent + magnitude);
  // Counter-clockwise: west → south → east → north; inside means left of all four edges by more than the margin.
  const corners = [west, south, east, north];
  const kept: number[] = [];
  for (let index = 0; index < count; index++) {
    let inside = true;
    for (let edge = 0; edge < 4 && inside; edge++) {
      const from = corners[edge] as number;
      const to = corners[(edge + 1) % 4] as number;
      if (cross(xs, ys, from, to, index) <= margin) inside = false;
    }
    if (!inside) kept.push(index);
  }
  return kept;
}

/** Counter-clockwise hull polygon (RFC 7946 orientation), or null with fewer than three non-collinear points. */
export function convexHullOf(geometries: Iterable<ImportGeometry>): Polygon | null {
  const { xs, ys } = outerVertices(geometries);
  const points = hullCandidates(xs, ys);
  points.sort((first, second) =>
    xs[first] === xs[second]
      ? (ys[first] as number) - (ys[second] as number)
      : (xs[first] as number) - (xs[second] as number),
  );
  const lower: number[] = [];
  for (const point of points) {
    while (
      lower.length >= 2 &&
      cross(xs, ys, lower[lower.length - 2] as number, lower[lower.length - 1] as number, point) <= 0
    )
      lower.pop();
    lower.push(point);
  }
  const upper: number[] = [];
  for (let index = points.length - 1; index >= 0; index--) {
    const point = points[index] as number;
    while (
      upper.length >= 2 &&
      cross(xs, ys, upper[upper.length - 2] as number, upper[upper.length - 1] as number, point) <= 0
    )
      upper.pop();
    upper.push(point);
  }
  const ring = [...lower.slice(0, -1), ...upper.slice(0, -1)];
  if (ring.length < 3) return null;
  const first = ring[0] as number;
  return {
    type: 'Polygon',
    coordinates: [
      [
        ...ring.map((point) => [xs[point] as number, ys[point] as number]),
        [xs[first] as number, ys[first] as number],
      ],
    ],
  };
}
