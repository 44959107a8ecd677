/**
 * Seeds → parcel polygons. Seeds are grouped by village and by which side of each main road they lie on; each
 * group gets its own Voronoi diagram, whose cells are clipped to the village and then cut off every road, lane
 * and ditch they touch. Keeping only the piece that holds the seed guarantees that parcels never overlap: cells
 * of one diagram are disjoint, and different groups are separated by a main road or a village line.
 */
import { featureCollection, point as turfPoint, voronoi } from '@turf/turf';
import { type ClipResult, type ClipTarget, clipRing } from './clip.ts';
import {
  bboxesOverlap,
  bboxOf,
  counterClockwise,
  expandBbox,
  type Point,
  pointInRing,
  type Ring,
  signedArea,
} from './geometry.ts';
import { type MainRoad, type Obstacle, sideOfRoad } from './roads.ts';
import type { PlacedSeed } from './seeds.ts';
import type { GridIndex } from './spatial-index.ts';

export interface RawParcel {
  seed: PlacedSeed;
  /** Counter-clockwise outer ring (open). */
  outer: Ring;
  /** Clockwise holes (open). */
  holes: Ring[];
  /** Net area in local square metres. */
  area: number;
}

export interface TessellationInput {
  seeds: readonly PlacedSeed[];
  villageTargets: readonly ClipTarget[];
  obstacles: readonly (Obstacle & { target: ClipTarget })[];
  obstacleIndex: GridIndex<number>;
  mainRoads: readonly MainRoad[];
}

/** Parcels smaller than this are slivers left by clipping, not land anyone registers (㎡). */
export const MINIMUM_PARCEL_AREA = 30;

export function tessellate(input: TessellationInput): RawParcel[] {
  const groups = new Map<number, number[]>();
  input.seeds.forEach((seed, index) => {
    let key = seed.village;
    for (const road of input.mainRoads) key = key * 2 + sideOfRoad(road, seed.point);
    const group = groups.get(key);
    if (group) group.push(index);
    else groups.set(key, [index]);
  });

  const parcels: RawParcel[] = [];
  for (const key of [...groups.keys()].sort((first, second) => first - second)) {
    const members = groups.get(key) ?? [];
    const firstSeed = input.seeds[members[0] as number] as PlacedSeed;
    const villageTarget = input.villageTargets[firstSeed.village] as ClipTarget;
    const extent = expandBbox(villageTarget.bbox, 40);
    const cells = voronoi(
      featureCollection(members.map((index) => turfPoint([...(input.seeds[index] as PlacedSeed).point]))),
      { bbox: [extent.minX, extent.minY, extent.maxX, extent.maxY] },
    ).features;
    members.forEach((seedIndex, position) => {
      const seed = input.seeds[seedIndex] as PlacedSeed;
      const coordinates = cells[position]?.geometry.coordinates[0] ?? [];
      const cell = counterClockwise(
        coordinates.slice(0, -1).map((position): Point => [position[0] ?? 0, position[1] ?? 0]),
      );
      const parcel = carveParcel(cell, seed, villageTarget, input);
      if (parcel) parcels.push(parcel);
    });
  }
  return parcels;
}

/** The piece of a clip result that holds the seed (or, failing that, the largest). */
function pieceWithSeed(result: ClipResult, seed: Point): Ring | null {
  let best: Ring | null = null;
  let bestArea = 0;
  for (const outer of result.outers) {
    if (pointInRing(seed, outer)) return outer;
    const area = signedArea(outer);
    if (area > bestArea) {
      bestArea = area;
      best = outer;
    }
  }
  return best;
}

function carveParcel(
  cell: Ring,
  seed: PlacedSeed,
  villageTarget: ClipTarget,
  input: TessellationInput,
): RawParcel | null {
  const inVillage = clipRing(cell, villageTarget, 'inside');
  let outer = inVillage ? pieceWithSeed(inVillage, seed.point) : null;
  if (!outer) return null;
  const holes: Ring[] = [];
  const obstacleIds = input.obstacleIndex.query(bboxOf(outer)).sort((first, second) => first - second);
  for (const obstacleId of obstacleIds) {
    const obstacle = input.obstacles[obstacleId];
    if (!obstacle || !bboxesOverlap(bboxOf(outer), obstacle.target.bbox)) continue;
    const result = clipRing(outer, obstacle.target, 'outside');
    if (!result) return null;
    outer = pieceWithSeed(result, seed.point);
    if (!outer) return null;
    holes.push(...result.holes);
  }
  // A hole is an obstacle lying wholly inside the cell (rare: a short lane inside a big forest parcel). Keep it
  // only if it is still strictly inside after the later cuts.
  const keptHoles = holes.filter((hole) => hole.every((point) => pointInRing(point, outer as Ring)));
  let area = signedArea(outer);
  for (const hole of keptHoles) area += signedArea(hole);
  if (area < MINIMUM_PARCEL_AREA) return null;
  return { seed, outer, holes: keptHoles, area };
}
