/**
 * Homestead seeds along a lane: front rows both sides, a second row near the hamlet's core, vegetable plots where
 * there is no house, and garden plots behind and around dead ends so house plots keep a plausible depth.
 */
import { distance, type Point } from './geometry.ts';
import type { HamletContext } from './hamlets.ts';
import type { Random } from './prng.ts';
import type { SeedPoint } from './seeds.ts';

/** Homestead frontage along a lane (m): 13.5–17.5 m plots. */
const STATION_SPACING = [13.5, 17.5] as const;

function houseProbability(distanceFromCentre: number, radius: number): number {
  const relative = distanceFromCentre / radius;
  if (relative < 0.6) return 0.9;
  if (relative < 1.25) return 0.9 - ((relative - 0.6) / 0.65) * 0.6;
  return 0.12;
}

/**
 * Homesteads both sides of a lane: a front row facing it, a second row behind near the core, and garden plots
 * behind those so the house plots keep a plausible depth (15–25 m) instead of running out into the fields.
 */
export function placeAlongLane(
  random: Random,
  line: readonly Point[],
  halfWidth: number,
  context: HamletContext,
  kind: 'street' | 'access',
): SeedPoint[] {
  const seeds: SeedPoint[] = [];
  const cumulative = [0];
  for (let index = 1; index < line.length; index++) {
    cumulative.push(
      (cumulative[index - 1] as number) + distance(line[index - 1] as Point, line[index] as Point),
    );
  }
  const total = cumulative[cumulative.length - 1] as number;
  let seatPlaced = !context.isVillageSeat || kind === 'access';
  let stationIndex = 0;
  for (
    let along = random.range(4, 10);
    along < total - 3;
    along += random.range(...STATION_SPACING), stationIndex++
  ) {
    const { point, tangent } = pointAlong(line, cumulative, along);
    const fromCentre = distance(point, context.centre);
    // The access lane only carries houses where it leaves the hamlet; further out it runs between fields.
    if (kind === 'access' && fromCentre > context.radius * 1.3) continue;
    const normal: Point = [-tangent[1], tangent[0]];
    for (const side of [1, -1]) {
      const at = (offset: number, shift = 0): Point => [
        point[0] + normal[0] * side * offset + tangent[0] * shift,
        point[1] + normal[1] * side * offset + tangent[1] * shift,
      ];
      if (!seatPlaced && side === 1 && fromCentre < context.radius * 0.35) {
        // The village seat's hamlet holds the committee office / school: collective construction land.
        seeds.push({ point: at(halfWidth + 17), kind: 'collective', exclusion: 17 });
        seatPlaced = true;
        continue;
      }
      const front = halfWidth + random.range(8.5, 10.5);
      const probability = houseProbability(fromCentre, context.radius);
      if (random.chance(probability)) {
        seeds.push({ point: at(front, random.range(-1.5, 1.5)), kind: 'homestead', exclusion: 6.5 });
      } else {
        // No house here: a vegetable plot still fronts the lane, so no field cell reaches across it. Its wider
        // exclusion merges neighbouring empty stations into one plot.
        seeds.push({ point: at(front + 3, random.range(-3, 3)), kind: 'garden', exclusion: 16 });
      }
      const secondRow = fromCentre < context.radius * 0.75 && random.chance(0.6);
      if (secondRow) {
        const back = front + random.range(17, 21);
        const secondKind = random.chance(0.85) ? 'homestead' : 'garden';
        seeds.push({
          point: at(back, random.range(-2, 2)),
          kind: secondKind,
          exclusion: secondKind === 'homestead' ? 6.5 : 10,
        });
      }
      if (stationIndex % 3 === 0) {
        const padding = secondRow ? front + 38 : front + 24;
        seeds.push({ point: at(padding, random.range(-4, 4)), kind: 'garden', exclusion: 11 });
      }
    }
  }
  return seeds;
}

/** Garden plots around a dead end, so the last houses do not sprawl past the end of the lane. */
export function tipGardens(
  random: Random,
  line: readonly Point[],
  halfWidth: number,
  onlyEnd: boolean,
): SeedPoint[] {
  const seeds: SeedPoint[] = [];
  const ends: [Point, Point][] = [[line[line.length - 1] as Point, line[line.length - 2] as Point]];
  if (!onlyEnd) ends.push([line[0] as Point, line[1] as Point]);
  for (const [tip, before] of ends) {
    const heading = Math.atan2(tip[1] - before[1], tip[0] - before[0]);
    for (const turn of [-1, 0, 1]) {
      const angle = heading + (turn * Math.PI) / 3 + random.range(-0.2, 0.2);
      const reach = halfWidth + random.range(20, 28);
      seeds.push({
        point: [tip[0] + reach * Math.cos(angle), tip[1] + reach * Math.sin(angle)],
        kind: 'garden',
        exclusion: 11,
      });
    }
  }
  return seeds;
}

function pointAlong(
  line: readonly Point[],
  cumulative: readonly number[],
  along: number,
): { point: Point; tangent: Point } {
  let segment = 0;
  while (segment < line.length - 2 && (cumulative[segment + 1] as number) < along) segment++;
  const start = line[segment] as Point;
  const end = line[segment + 1] as Point;
  const length = (cumulative[segment + 1] as number) - (cumulative[segment] as number) || 1;
  const fraction = (along - (cumulative[segment] as number)) / length;
  const tangent: Point = [(end[0] - start[0]) / length, (end[1] - start[1]) / length];
  return {
    point: [start[0] + (end[0] - start[0]) * fraction, start[1] + (end[1] - start[1]) * fraction],
    tangent,
  };
}
