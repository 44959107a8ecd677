/**
 * The convex hull of many parcels (a new village's or a new park's outline until a real boundary is delivered).
 * Andrew's monotone chain over the outer-ring vertices: O(n log n) on plain numbers, where turf's `convex` (a
 * concave-hull library run with infinite concavity) spends seconds on 100k parcels.
 *
 * Before the sort, the Akl–Toussaint heuristic (S. G. Akl, G. T. Toussaint, "A fast convex hull algorithm",
 * Information Processing Letters 7(5), 1978) drops every vertex well inside the polygon of the extreme vertices in
 * eight directions (`extremePoints`): none of them can be a corner of the hull, and in a park's tessellation they
 * are nearly all of the ~700k vertices (the four axis extremes alone leave the corners of a rectangular park, half
 * of it, to the sort). A vertex within a rounding margin of the polygon is kept, so the chain sees every point it
 * could have kept before and the hull is the same, vertex for vertex.
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

/**
 * The extreme points in eight directions, counter-clockwise from the west: westmost, south-westmost (least x + y),
 * southmost, south-eastmost (greatest x − y), eastmost, north-eastmost, northmost, north-westmost. Each is a point
 * of the hull, and in this order they go round it.
 */
function extremePoints(xs: Float64Array, ys: Float64Array): number[] {
  const extremes = [0, 0, 0, 0, 0, 0, 0, 0];
  let west = xs[0] as number;
  let southWest = -(xs[0] as number) - (ys[0] as number);
  let south = ys[0] as number;
  let southEast = (xs[0] as number) - (ys[0] as number);
  let east = xs[0] as number;
  let northEast = (xs[0] as number) + (ys[0] as number);
  let north = ys[0] as number;
  let northWest = (ys[0] as number) - (xs[0] as number);
  for (let index = 1; index < xs.length; index++) {
    const x = xs[index] as number;
    const y = ys[index] as number;
    if (x < west) {
      west = x;
      extremes[0] = index;
    }
    if (-x - y > southWest) {
      southWest = -x - y;
      extremes[1] = index;
    }
    if (y < south) {
      south = y;
      extremes[2] = index;
    }
    if (x - y > southEast) {
      southEast = x - y;
      extremes[3] = index;
    }
    if (x > east) {
      east = x;
      extremes[4] = index;
    }
    if (x + y > northEast) {
      northEast = x + y;
      extremes[5] = index;
    }
    if (y > north) {
      north = y;
      extremes[6] = index;
    }
    if (y - x > northWest) {
      northWest = y - x;
      extremes[7] = index;
    }
  }
  return extremes;
}

/**
 * Indices of the points that may be hull corners: all but those well inside the polygon of the extreme points. In a
 * park's tessellation that polygon covers nearly all of the hull, and the chain sorts a few percent of the points.
 */
function hullCandidates(xs: Float64Array, ys: Float64Array): number[] {
  const count = xs.length;
  const everyPoint = () => Array.from({ length: count }, (_, index) => index);
  if (count < 8) return everyPoint();
  const extremes = extremePoints(xs, ys);
  const [west, , south, , east, , north] = extremes as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
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
  // The polygon's edges, counter-clockwise, without the empty ones (one point extreme in two directions).
  const corners = extremes.filter(
    (point, position) =>
      xs[point] !== xs[extremes[(position + 1) % 8] as number] ||
      ys[point] !== ys[extremes[(position + 1) % 8] as number],
  );
  if (corners.length < 3) return everyPoint();
  // Each edge as its start and direction: the cross product of `cross(xs, ys, from, to, point)` on plain numbers.
  const edges = corners.length;
  const startX = new Float64Array(edges);
  const startY = new Float64Array(edges);
  const alongX = new Float64Array(edges);
  const alongY = new Float64Array(edges);
  corners.forEach((from, edge) => {
    const to = corners[(edge + 1) % edges] as number;
    startX[edge] = xs[from] as number;
    startY[edge] = ys[from] as number;
    alongX[edge] = (xs[to] as number) - (xs[from] as number);
    alongY[edge] = (ys[to] as number) - (ys[from] as number);
  });
  // Inside means left of every edge by more than the margin; a point on or near the polygon is kept.
  const kept: number[] = [];
  for (let index = 0; index < count; index++) {
    const x = xs[index] as number;
    const y = ys[index] as number;
    for (let edge = 0; edge < edges; edge++) {
      const left =
        (alongX[edge] as number) * (y - (startY[edge] as number)) -
        (alongY[edge] as number) * (x - (startX[edge] as number));
      if (left <= margin) {
        kept.push(index);
        break;
      }
    }
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
