/**
 * Lanes of a hamlet: streets grown by a damped random walk (they bend gently, never zig-zag), and the access lane
 * that ties the hamlet to the nearest main road across the fields.
 */
import { distance, type Point } from './geometry.ts';
import type { HamletContext } from './hamlets.ts';
import type { Random } from './prng.ts';

/** Step of the random walk (m). */
const LANE_STEP = 18;

export function growLane(
  random: Random,
  start: Point,
  heading: number,
  length: number,
  isBlocked: (point: Point, step: number) => boolean,
): Point[] {
  const points: Point[] = [start];
  let direction = heading;
  let turn = 0;
  const steps = Math.round(length / LANE_STEP);
  for (let step = 1; step <= steps; step++) {
    // A damped random turn: lanes bend gently (radius ≥ ~80 m), never zig-zag.
    turn = 0.6 * turn + random.range(-0.09, 0.09);
    direction += turn;
    const last = points[points.length - 1] as Point;
    const next: Point = [
      last[0] + LANE_STEP * Math.cos(direction),
      last[1] + LANE_STEP * Math.sin(direction),
    ];
    if (isBlocked(next, step)) break;
    points.push(next);
  }
  return points;
}

/** The lane from the hamlet to the nearest main road (or, when that is very far, to a neighbouring hamlet's lane). */
export function accessLane(random: Random, spine: readonly Point[], context: HamletContext): Point[] | null {
  let bestFrom: Point | null = null;
  let bestTo: Point | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let index = 0; index < spine.length; index += 2) {
    const from = spine[index] as Point;
    const nearestRoad = context.mainRoadSegments.nearestExpanding(from, 4000);
    if (nearestRoad && nearestRoad.distance < bestDistance) {
      bestDistance = nearestRoad.distance;
      bestFrom = from;
      bestTo = nearestRoad.point;
    }
  }
  if (bestDistance > 1500) {
    for (let index = 0; index < spine.length; index += 2) {
      const from = spine[index] as Point;
      const nearestLane = context.builtLanes.nearestExpanding(from, Math.min(bestDistance, 2500));
      if (nearestLane && nearestLane.distance < bestDistance) {
        bestDistance = nearestLane.distance;
        bestFrom = from;
        bestTo = nearestLane.point;
      }
    }
  }
  if (!bestFrom || !bestTo || bestDistance < 30) return null;
  const from = bestFrom;
  const to = bestTo;
  const length = distance(from, to);
  const steps = Math.max(2, Math.round(length / 20));
  const normal: Point = [-(to[1] - from[1]) / length, (to[0] - from[0]) / length];
  const amplitude = random.range(-0.05, 0.05) * length;
  const secondAmplitude = random.range(-0.02, 0.02) * length;
  const line: Point[] = [];
  for (let step = 0; step <= steps; step++) {
    const t = step / steps;
    const offset = amplitude * Math.sin(Math.PI * t) + secondAmplitude * Math.sin(2 * Math.PI * t);
    line.push([
      from[0] + (to[0] - from[0]) * t + normal[0] * offset,
      from[1] + (to[1] - from[1]) * t + normal[1] * offset,
    ]);
  }
  return line;
}
