/**
 * The convex hull of many parcels (a new village's or a new park's outline until a real boundary is delivered).
 * Andrew's monotone chain over the outer-ring vertices: O(n log n) on plain numbers, where turf's `convex` (a
 * concave-hull library run with infinite concavity) spends seconds on 100k parcels.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

function cross(origin: Position, first: Position, second: Position): number {
  return (
    ((first[0] as number) - (origin[0] as number)) * ((second[1] as number) - (origin[1] as number)) -
    ((first[1] as number) - (origin[1] as number)) * ((second[0] as number) - (origin[0] as number))
  );
}

/** Counter-clockwise hull polygon (RFC 7946 orientation), or null with fewer than three non-collinear points. */
export function convexHullOf(geometries: Iterable<Polygon | MultiPolygon>): Polygon | null {
  const points: Position[] = [];
  for (const geometry of geometries) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of polygons) for (const position of polygon[0] ?? []) points.push(position);
  }
  points.sort((first, second) =>
    first[0] === second[0]
      ? (first[1] as number) - (second[1] as number)
      : (first[0] as number) - (second[0] as number),
  );
  const lower: Position[] = [];
  for (const point of points) {
    while (
      lower.length >= 2 &&
      cross(lower[lower.length - 2] as Position, lower[lower.length - 1] as Position, point) <= 0
    )
      lower.pop();
    lower.push(point);
  }
  const upper: Position[] = [];
  for (let index = points.length - 1; index >= 0; index--) {
    const point = points[index] as Position;
    while (
      upper.length >= 2 &&
      cross(upper[upper.length - 2] as Position, upper[upper.length - 1] as Position, point) <= 0
    )
      upper.pop();
    upper.push(point);
  }
  const ring = [...lower.slice(0, -1), ...upper.slice(0, -1)];
  if (ring.length < 3) return null;
  return {
    type: 'Polygon',
    coordinates: [
      [
        ...ring.map((point) => [point[0] as number, point[1] as number]),
        [ring[0]?.[0] as number, ring[0]?.[1] as number],
      ],
    ],
  };
}
