/**
 * Hamlets (自然寨): where the homesteads are. Each village has a few, each a small tree of lanes grown by a gentle
 * random walk on low ground, tied to the nearest main road by an access lane. Homesteads line both sides of every
 * lane, front rows with a second row near the core; garden plots pad the edge of the hamlet.
 *
 * Lanes form trees hanging off one main road (never loops), so a lane never cuts a tessellation group in two: a
 * cell that crosses a lane simply loses the small piece beyond it.
 */
import { distance, type Point, pointInRing } from './geometry.ts';
import { accessLane, growLane } from './hamlet-lanes.ts';
import { placeAlongLane, tipGardens } from './homesteads.ts';
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

export interface HamletContext {
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
