/**
 * The park's geometry, start to finish, in local metres: red line → villages → roads → terrain → hamlets → seeds
 * → parcels. Attributes and history are added afterwards (attributes.ts, history.ts).
 */
import { generateParkBoundary } from './boundary.ts';
import { type ClipTarget, prepareClipTarget } from './clip.ts';
import { bboxOf, bufferPolyline, type Point, type Ring } from './geometry.ts';
import { type Hamlet, type Lane, layoutHamlets } from './hamlets.ts';
import { LandUse } from './land-use.ts';
import type { Random } from './prng.ts';
import { generateMainRoads, type MainRoad, type Obstacle } from './roads.ts';
import { type PlacedSeed, placeSeeds, type SeedFilter, type SeedKind, type SeedPoint } from './seeds.ts';
import { GridIndex } from './spatial-index.ts';
import { createTerrain } from './terrain.ts';
import { type RawParcel, tessellate } from './tessellate.ts';
import { partitionVillages, type VillageRegion } from './villages.ts';

/** The default sample: about 17 km² holding about 8,000 parcels. */
export const REFERENCE_PARCELS = 8000;
export const REFERENCE_AREA = 17e6;
/** Share of parcels that are homesteads: rural parks in Guizhou are roughly a third houses by count. */
const HOMESTEAD_SHARE = 0.3;
/** Half-width of the strip kept clear along village lines (a ridge path or ditch, 2 m wide). */
const DITCH_HALF_WIDTH = 1;

export interface ParkLayout {
  boundary: Ring;
  villages: VillageRegion[];
  borders: Point[][];
  mainRoads: MainRoad[];
  lanes: Lane[];
  hamlets: Hamlet[];
  parcels: RawParcel[];
}

const SEED_PRIORITY: Record<SeedKind, number> = {
  collective: 0,
  homestead: 1,
  garden: 2,
  farmland: 3,
  orchard: 3,
  forest: 3,
};

export function layoutPark(random: Random, parcelTarget: number): ParkLayout {
  const scale = parcelTarget / REFERENCE_PARCELS;
  const boundary = generateParkBoundary(random.fork('boundary'), REFERENCE_AREA * scale);
  const villageCount = Math.max(7, Math.min(99, Math.round(parcelTarget / 1150)));
  const { villages, borders } = partitionVillages(random.fork('villages'), boundary, villageCount);
  const roadCount = Math.max(2, Math.min(14, Math.round(3 * Math.sqrt(scale))));
  const mainRoads = generateMainRoads(random.fork('roads'), boundary, roadCount);
  const terrain = createTerrain(random.fork('terrain'), boundary);
  const {
    hamlets,
    lanes,
    seeds: hamletSeeds,
  } = layoutHamlets(random.fork('hamlets'), villages, mainRoads, terrain, HOMESTEAD_SHARE * parcelTarget);

  const obstacles: (Obstacle & { target: ClipTarget })[] = [];
  const addObstacle = (kind: Obstacle['kind'], surface: Ring) => {
    obstacles.push({ index: obstacles.length, kind, surface, target: prepareClipTarget(surface, 40) });
  };
  for (const road of mainRoads) addObstacle('mainRoad', road.surface);
  for (const lane of lanes) addObstacle('lane', bufferPolyline(lane.line, lane.halfWidth));
  for (const border of borders) addObstacle('ditch', bufferPolyline(border, DITCH_HALF_WIDTH, 3, 3));
  const obstacleIndex = new GridIndex<number>(200);
  for (const obstacle of obstacles) obstacleIndex.insert(obstacle.index, obstacle.target.bbox);
  const villageTargets = villages.map((village) => prepareClipTarget(village.ring, 40));
  const villageIndex = new GridIndex<number>(200);
  villageTargets.forEach((target, index) => {
    villageIndex.insert(index, target.bbox);
  });
  const filter: SeedFilter = { villages: villageTargets, villageIndex, obstacles, obstacleIndex };

  const landUse = new LandUse(random.fork('land-use'), {
    villages,
    mainRoads,
    lanes,
    hamletCentres: hamlets,
    terrain,
    bbox: bboxOf(boundary),
  });
  const fixedSeeds: SeedPoint[] = [
    ...hamletSeeds,
    ...landUse.roadsideCollectiveSeeds(random.fork('collective')),
  ];
  fixedSeeds.sort((first, second) => SEED_PRIORITY[first.kind] - SEED_PRIORITY[second.kind]);

  // Calibrate the field spacing so the park ends up with the requested number of parcels: count the seeds the
  // current spacing yields and stretch or shrink it by the square root of the ratio.
  let spacingScale = 1;
  let seeds: PlacedSeed[] = [];
  const expectedLoss = 1.01;
  for (let iteration = 0; iteration < 4; iteration++) {
    const candidates = [
      ...fixedSeeds,
      ...landUse.laneSideSeeds(random.fork('lane-sides'), spacingScale),
      ...landUse.fieldSeeds(random.fork('fields'), spacingScale),
    ];
    seeds = placeSeeds(candidates, filter);
    const fixedCount = seeds.filter((seed) => SEED_PRIORITY[seed.kind] < 3).length;
    const wanted = parcelTarget * expectedLoss - fixedCount;
    const fieldCount = seeds.length - fixedCount;
    if (Math.abs(fieldCount - wanted) < 0.004 * parcelTarget || wanted <= 0) break;
    spacingScale *= Math.sqrt(fieldCount / wanted);
  }

  const parcels = tessellate({ seeds, villageTargets, obstacles, obstacleIndex, mainRoads });
  return { boundary, villages, borders, mainRoads, lanes, hamlets, parcels };
}
