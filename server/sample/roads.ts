/**
 * Main roads: a few gently curving through-roads (8–12 m) that cross the whole park and run on past the red line.
 * Parcels never cover a road surface, and because each main road cuts the park in two, parcels are tessellated
 * separately on each side (see tessellate.ts), which is what keeps their edges flush with the road.
 */
import { bufferPolyline, catmullRom, type Point, type Ring, signedArea } from './geometry.ts';
import type { Random } from './prng.ts';

export interface MainRoad {
  /** Centreline, from beyond the red line on one side to beyond it on the other. */
  line: Point[];
  halfWidth: number;
  surface: Ring;
  /** Unit vector along the road's general direction; the centreline is monotone along it. */
  axis: Point;
  /** Left-hand unit normal of `axis`. */
  normal: Point;
  /** Each centreline point's position along `axis` (strictly increasing) and across it. */
  along: number[];
  across: number[];
}

export function generateMainRoads(random: Random, boundary: Ring, count: number): MainRoad[] {
  const typicalRadius = Math.sqrt(signedArea(boundary) / Math.PI);
  const baseAngle = random.range(0, Math.PI);
  const roads: MainRoad[] = [];
  for (let index = 0; index < count; index++) {
    const angle = baseAngle + ((index + random.range(-0.2, 0.2)) * Math.PI) / count;
    const axis: Point = [Math.cos(angle), Math.sin(angle)];
    const normal: Point = [-axis[1], axis[0]];
    const alongValues = boundary.map((point) => point[0] * axis[0] + point[1] * axis[1]);
    const acrossValues = boundary.map((point) => point[0] * normal[0] + point[1] * normal[1]);
    const alongMin = Math.min(...alongValues) - 400;
    const alongMax = Math.max(...alongValues) + 400;
    const acrossMin = Math.min(...acrossValues);
    const acrossMax = Math.max(...acrossValues);
    // Keep each road well inside the park's width so it really crosses it, not just clips a corner.
    const offset = acrossMin + (acrossMax - acrossMin) * random.range(0.28, 0.72);
    const controlCount = 7;
    const controls: Point[] = [];
    for (let control = 0; control < controlCount; control++) {
      const along = alongMin + ((alongMax - alongMin) * control) / (controlCount - 1);
      const across = offset + random.range(-1, 1) * 0.06 * typicalRadius;
      controls.push([along * axis[0] + across * normal[0], along * axis[1] + across * normal[1]]);
    }
    const line = catmullRom(controls, 30);
    const along = line.map((point) => point[0] * axis[0] + point[1] * axis[1]);
    const across = line.map((point) => point[0] * normal[0] + point[1] * normal[1]);
    for (let position = 1; position < along.length; position++) {
      if ((along[position] as number) <= (along[position - 1] as number)) {
        throw new Error('main road centreline is not monotone along its axis');
      }
    }
    // The first road is the trunk road (12 m); the others are 8–10 m.
    const halfWidth = index === 0 ? 6 : random.pick([4, 4.5, 5]);
    roads.push({ line, halfWidth, surface: bufferPolyline(line, halfWidth), axis, normal, along, across });
  }
  return roads;
}

/** Which side of the road's centreline a point lies on: 1 left of the axis direction, 0 right. */
export function sideOfRoad(road: MainRoad, point: Point): 0 | 1 {
  const along = point[0] * road.axis[0] + point[1] * road.axis[1];
  const across = point[0] * road.normal[0] + point[1] * road.normal[1];
  let low = 0;
  let high = road.along.length - 1;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if ((road.along[middle] as number) <= along) low = middle;
    else high = middle;
  }
  const startAlong = road.along[low] as number;
  const endAlong = road.along[high] as number;
  const fraction = Math.max(0, Math.min(1, (along - startAlong) / (endAlong - startAlong)));
  const roadAcross =
    (road.across[low] as number) + fraction * ((road.across[high] as number) - (road.across[low] as number));
  return across > roadAcross ? 1 : 0;
}

export interface Obstacle {
  /** Stable position in the obstacle list; clips are applied in this order. */
  index: number;
  kind: 'mainRoad' | 'lane' | 'ditch';
  surface: Ring;
}
