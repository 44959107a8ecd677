/**
 * A rough terrain for the park, used only to decide land use: central Guizhou is karst country, with cone hills
 * (峰丛) under forest, orchards on their lower slopes, and fields and hamlets in the valleys. The park's edges
 * climb into hills too (red lines are usually drawn along the flat ground), so forest gathers there.
 */
import type { Point, Ring } from './geometry.ts';
import { signedArea } from './geometry.ts';
import { fractalNoise } from './noise.ts';
import type { Random } from './prng.ts';
import { SegmentSet } from './spatial-index.ts';

export interface Terrain {
  /** Roughly 0 on valley floors to 1 and above on hilltops. */
  elevation(point: Point): number;
  /** Unit vector across the slope at a point (along the contour), or null on flat ground. */
  contourDirection(point: Point): Point | null;
}

/** Within this distance of the red line the ground rises towards the surrounding hills. */
const EDGE_RISE_DISTANCE = 650;

export function createTerrain(random: Random, boundary: Ring): Terrain {
  const area = signedArea(boundary);
  const edges = new SegmentSet(200);
  edges.addPolyline(boundary, 0, true);
  const hillCount = Math.max(2, Math.round(area / 1.4e6));
  const hills: { centre: Point; radius: number; height: number }[] = [];
  const xs = boundary.map((point) => point[0]);
  const ys = boundary.map((point) => point[1]);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  for (let index = 0; index < hillCount; index++) {
    hills.push({
      centre: [random.range(minX, maxX), random.range(minY, maxY)],
      radius: random.range(140, 300),
      height: random.range(0.5, 0.95),
    });
  }
  const noiseSeed = random.int(0, 2 ** 30);

  const elevation = (point: Point): number => {
    const edgeDistance = edges.distanceWithin(point, EDGE_RISE_DISTANCE);
    const edgeRise = Number.isFinite(edgeDistance) ? (1 - edgeDistance / EDGE_RISE_DISTANCE) ** 1.6 : 0;
    let hillRise = 0;
    for (const hill of hills) {
      const distanceSquared = (point[0] - hill.centre[0]) ** 2 + (point[1] - hill.centre[1]) ** 2;
      if (distanceSquared < 9 * hill.radius * hill.radius) {
        hillRise += hill.height * Math.exp(-distanceSquared / (2 * hill.radius * hill.radius));
      }
    }
    const roughness = fractalNoise(point[0], point[1], 900, noiseSeed) - 0.5;
    return 0.7 * edgeRise + hillRise + 0.45 * roughness;
  };

  const contourDirection = (point: Point): Point | null => {
    const step = 40;
    const gradientX = elevation([point[0] + step, point[1]]) - elevation([point[0] - step, point[1]]);
    const gradientY = elevation([point[0], point[1] + step]) - elevation([point[0], point[1] - step]);
    const length = Math.hypot(gradientX, gradientY);
    if (length < 0.02) return null;
    return [-gradientY / length, gradientX / length];
  };

  return { elevation, contourDirection };
}
