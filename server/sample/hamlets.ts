/**
 * Hamlets (自然寨): where the homesteads are. Each village has a few, each a small tree of lanes grown by a gentle
 * random walk on low ground, tied to the nearest main road by an access lane. Homesteads line both sides of every
 * lane, front rows with a second row near the core; garden plots pad the edge of the hamlet.
 *
 * Lanes form trees hanging off one main road (never loops), so a lane never cuts a tessellation group in two: a
 * cell that crosses a lane simply loses the small piece beyond it.
 */
import { distance, type Point, pointInRing } from './geometry.ts';
import type { Random } from './prng.ts';
import type { MainRoad } from './roads.ts';
import type { SeedPoint } from './seeds.ts';
import { SegmentSet } from './spatial-index.ts';
import type { Terrain } from './terrain.ts';
import type { VillageRegion } from './villages.ts';

export interface Lane {
  line: Point[];
  halfWidth: number;
  /** Streets carry the hamlet's houses; an access lane links the hamlet to a main road across the fields. */
  kind: 'street' | 'access';
  hamlet: number;
}

export interface Hamlet {
  village: number;
  centre: Point;
  /** Nominal radius of the built-up core (m). */
  radius: number;
}

export interface HamletLayout {
  hamlets: Hamlet[];
  lanes: Lane[];
  seeds: SeedPoint[];
}

/** Mean homestead frontage along a lane (m): 13.5–17.5 m plots. */
const STATION_SPACING = [13.5, 17.5] as const;
const LANE_STEP = 18;

export function layoutHamlets(
  random: Random,
  villages: readonly VillageRegion[],
  mainRoads: readonly MainRoad[],
  terrain: Terrain,
  homesteadTarget: number,
): HamletLayout {
  const mainRoadSegments = new SegmentSet(150);
  mainRoads.forEach((road, index) => {
    mainRoadSegments.addPolyline(road.line, index);
  });
  const totalArea = villages.reduce((sum, village) => sum + village.area, 0);
  const hamlets: Hamlet[] = [];
  const lanes: Lane[] = [];
  const seeds: SeedPoint[] = [];
  const builtLanes = new SegmentSet(100);

  for (const village of villages) {
    const villageRandom = random.fork(`hamlets-${village.index}`);
    const villageHomesteads = (homesteadTarget * village.area) / totalArea;
    const hamletCount = Math.max(
      1,
      Math.min(4, Math.round(villageHomesteads / 115) + villageRandom.int(-1, 1)),
    );
    const villageEdges = new SegmentSet(100);
    villageEdges.addPolyline(village.ring, 0, true);
    const villageRadius = Math.sqrt(village.area / Math.PI);
    const villageCentres: Point[] = [];
    for (let hamletOfVillage = 0; hamletOfVillage < hamletCount; hamletOfVillage++) {
      const hamletRandom = villageRandom.fork(`hamlet-${hamletOfVillage}`);
      const houseTarget = (villageHomesteads / hamletCount) * hamletRandom.range(0.75, 1.25);
      const centre = chooseHamletCentre(
        hamletRandom,
        village,
        villageEdges,
        villageRadius,
        villageCentres,
        mainRoadSegments,
        builtLanes,
        terrain,
      );
      villageCentres.push(centre);
      const hamletIndex = hamlets.length;
      const radius = Math.max(60, Math.min(260, Math.sqrt(houseTarget) * 17));
      hamlets.push({ village: village.index, centre, radius });
      const built = buildHamlet(hamletRandom, {
        hamletIndex,
        village,
        villageEdges,
        centre,
        radius,
        houseTarget,
        mainRoads,
        mainRoadSegments,
        builtLanes,
        isVillageSeat: hamletOfVillage === 0,
      });
      for (const lane of built.lanes) {
        lanes.push(lane);
        builtLanes.addPolyline(lane.line, hamletIndex);
      }
      seeds.push(...built.seeds);
    }
  }
  return { hamlets, lanes, seeds };
}

function chooseHamletCentre(
  random: Random,
  village: VillageRegion,
  villageEdges: SegmentSet,
  villageRadius: number,
  taken: readonly Point[],
  mainRoadSegments: SegmentSet,
  builtLanes: SegmentSet,
  terrain: Terrain,
): Point {
  const minBorder = Math.min(160, 0.35 * villageRadius);
  const minSpacing = Math.min(480, 1.1 * villageRadius);
  const xs = village.ring.map((point) => point[0]);
  const ys = village.ring.map((point) => point[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  let best: Point = village.centroid;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let candidateIndex = 0; candidateIndex < 80; candidateIndex++) {
    const candidate: Point = [random.range(minX, maxX), random.range(minY, maxY)];
    if (!pointInRing(candidate, village.ring)) continue;
    let score = -2.5 * terrain.elevation(candidate) + random.range(0, 0.3);
    const border = villageEdges.distanceWithin(candidate, minBorder);
    if (Number.isFinite(border)) score -= 2 * (1 - border / minBorder);
    for (const other of taken) {
      const apart = distance(other, candidate);
      if (apart < minSpacing) score -= 3 * (1 - apart / minSpacing);
    }
    const road = mainRoadSegments.distanceWithin(candidate, 900);
    // Hamlets grew near the old roads, but not on them: best 120–600 m away.
    if (road < 120) score -= 2 * (1 - road / 120);
    else if (road > 600) score -= Number.isFinite(road) ? 0.4 : 0.8;
    if (builtLanes.distanceWithin(candidate, 200) < 200) score -= 2;
    if (score > bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  return best;
}

interface HamletContext {
  hamletIndex: number;
  village: VillageRegion;
  villageEdges: SegmentSet;
  centre: Point;
  radius: number;
  houseTarget: number;
  mainRoads: readonly MainRoad[];
  mainRoadSegments: SegmentSet;
  builtLanes: SegmentSet;
  isVillageSeat: boolean;
}

function buildHamlet(random: Random, context: HamletContext): { lanes: Lane[]; seeds: SeedPoint[] } {
  const { centre, village, villageEdges, mainRoadSegments, builtLanes } = context;
  const ownStreets = new SegmentSet(60);
  const streetHalfWidth = random.pick([2, 2.25, 2.5]);
  const blocked = (point: Point, step: number, parentClearance: boolean): boolean => {
    if (!pointInRing(point, village.ring)) return true;
    if (villageEdges.distanceWithin(point, 28) < 28) return true;
    if (mainRoadSegments.distanceWithin(point, 40) < 40) return true;
    if (builtLanes.distanceWithin(point, 50) < 50) return true;
    return parentClearance && step > 2 && ownStreets.distanceWithin(point, 30) < 30;
  };

  const spineLength = Math.max(120, Math.min(620, context.houseTarget * 3.6));
  const heading = random.range(0, 2 * Math.PI);
  const forward = growLane(random, centre, heading, spineLength / 2, (point, step) =>
    blocked(point, step, false),
  );
  const backward = growLane(random, centre, heading + Math.PI, spineLength / 2, (point, step) =>
    blocked(point, step, false),
  );
  const spine = [...backward.reverse(), ...forward.slice(1)];
  const streets: Point[][] = [];
  if (spine.length >= 2) streets.push(spine);
  ownStreets.addPolyline(spine);

  const seeds: SeedPoint[] = [];
  let houses = 0;
  const houseSeeds = (line: Point[], kind: 'street' | 'access') => {
    const placed = placeAlongLane(random, line, streetHalfWidth, context, kind);
    houses += placed.filter((seed) => seed.kind === 'homestead').length;
    seeds.push(...placed);
  };
  if (spine.length >= 2) houseSeeds(spine, 'street');

  // Branches until the hamlet holds roughly its share of households.
  for (let branch = 0; branch < 7 && houses < context.houseTarget && spine.length > 4; branch++) {
    const at = random.int(1, spine.length - 2);
    const before = spine[at - 1] as Point;
    const after = spine[at + 1] as Point;
    const tangent = Math.atan2(after[1] - before[1], after[0] - before[0]);
    const side = random.chance(0.5) ? 1 : -1;
    const branchHeading = tangent + side * random.range(Math.PI / 3, (5 * Math.PI) / 9);
    const line = growLane(random, spine[at] as Point, branchHeading, random.range(80, 220), (point, step) =>
      blocked(point, step, true),
    );
    if (line.length < 4) continue;
    streets.push(line);
    ownStreets.addPolyline(line);
    houseSeeds(line, 'street');
  }

  const lanes: Lane[] = streets.map((line) => ({
    line,
    halfWidth: streetHalfWidth,
    kind: 'street',
    hamlet: context.hamletIndex,
  }));
  const access = accessLane(random, spine.length >= 2 ? spine : [centre, centre], context);
  if (access) {
    lanes.push({ line: access, halfWidth: 2.5, kind: 'access', hamlet: context.hamletIndex });
    houseSeeds(access, 'access');
  }
  for (const street of streets) seeds.push(...tipGardens(random, street, streetHalfWidth, street !== spine));
  return { lanes, seeds };
}

function growLane(
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
function accessLane(random: Random, spine: readonly Point[], context: HamletContext): Point[] | null {
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
function placeAlongLane(
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
      } else if (random.chance(0.35)) {
        seeds.push({ point: at(front + 3, random.range(-3, 3)), kind: 'garden', exclusion: 10 });
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
        const padding = secondRow ? front + 42 : front + 27;
        seeds.push({ point: at(padding, random.range(-4, 4)), kind: 'garden', exclusion: 11 });
      }
    }
  }
  return seeds;
}

/** Garden plots around a dead end, so the last houses do not sprawl past the end of the lane. */
function tipGardens(
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
