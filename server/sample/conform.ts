/**
 * Making shared boundaries share vertices. Parcels clipped at the red line gain vertices in the middle of a village
 * edge, and villages gain vertices in the middle of a park edge. Each of those points lies on the other ring's edge
 * only to floating-point precision; rounded to 1 cm on their own they could poke out of it by a few millimetres
 * over a long edge (≈0.1 ㎡). Inserting the very same points into the other ring makes the edges coincide vertex
 * for vertex, so after rounding every parcel is still within its village and every village within the park.
 */
import { type ClipTarget, prepareClipTarget } from './clip.ts';
import { type Point, projectOnSegment, type Ring, vertex } from './geometry.ts';

/** Points closer than this to an edge (m) are taken to lie on it: clipping leaves them ~1e-12 m off. */
const ON_EDGE_TOLERANCE = 1e-6;

/** A copy of `ring` with every point of `points` that lies on one of its edges inserted into that edge. */
export function insertPointsOnEdges(
  ring: Ring,
  points: Iterable<Point>,
  target: ClipTarget = prepareClipTarget(ring),
): Ring {
  const insertions = new Map<number, { fraction: number; point: Point }[]>();
  const seen = new Set<string>();
  for (const point of points) {
    const box = {
      minX: point[0] - ON_EDGE_TOLERANCE,
      minY: point[1] - ON_EDGE_TOLERANCE,
      maxX: point[0] + ON_EDGE_TOLERANCE,
      maxY: point[1] + ON_EDGE_TOLERANCE,
    };
    for (const edge of target.edges.query(box)) {
      const start = ring[edge] as Point;
      const end = vertex(ring, edge + 1);
      if ((point[0] === start[0] && point[1] === start[1]) || (point[0] === end[0] && point[1] === end[1]))
        continue;
      const projection = projectOnSegment(point, start, end);
      if (projection.distance > ON_EDGE_TOLERANCE || projection.fraction <= 0 || projection.fraction >= 1)
        continue;
      const key = `${point[0]},${point[1]}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const list = insertions.get(edge);
      if (list) list.push({ fraction: projection.fraction, point });
      else insertions.set(edge, [{ fraction: projection.fraction, point }]);
    }
  }
  if (insertions.size === 0) return ring;
  const result: Point[] = [];
  ring.forEach((point, edge) => {
    result.push(point);
    const list = insertions.get(edge);
    if (list)
      for (const entry of list.sort((first, second) => first.fraction - second.fraction))
        result.push(entry.point);
  });
  return result;
}
