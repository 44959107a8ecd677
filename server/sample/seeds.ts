/**
 * Seed points: one per future parcel. Hamlets, fields and roadside plots propose candidates; this module keeps
 * those that fall inside a village and off every road, lane and ditch, then thins them so no two seeds sit closer
 * than either one's exclusion radius (which would make a sliver parcel).
 */
import { type ClipTarget, pointInTarget } from './clip.ts';
import type { Point } from './geometry.ts';
import type { Obstacle } from './roads.ts';
import { GridIndex, pointBbox } from './spatial-index.ts';

export type SeedKind = 'homestead' | 'garden' | 'collective' | 'farmland' | 'orchard' | 'forest';

export interface SeedPoint {
  point: Point;
  kind: SeedKind;
  /** No other seed may come closer than the larger of the two radii (m). */
  exclusion: number;
}

export interface PlacedSeed extends SeedPoint {
  village: number;
}

/** Largest exclusion radius in use; bounds the neighbour search. */
export const MAX_EXCLUSION = 36;

export interface SeedFilter {
  villages: readonly ClipTarget[];
  villageIndex: GridIndex<number>;
  obstacles: readonly (Obstacle & { target: ClipTarget })[];
  obstacleIndex: GridIndex<number>;
}

/** The village holding the point, or -1 when it lies outside the park or on a road, lane or ditch. */
export function locateSeed(point: Point, filter: SeedFilter): number {
  let village = -1;
  for (const candidate of filter.villageIndex.query(pointBbox(point, 0))) {
    const target = filter.villages[candidate];
    if (target && pointInTarget(point, target)) {
      village = candidate;
      break;
    }
  }
  if (village === -1) return -1;
  for (const candidate of filter.obstacleIndex.query(pointBbox(point, 0))) {
    const obstacle = filter.obstacles[candidate];
    if (obstacle && pointInTarget(point, obstacle.target)) return -1;
  }
  return village;
}

/**
 * Keeps candidates in the given order (most important first: homesteads before gardens before fields), dropping any
 * that fall outside the villages, on an obstacle, or too near a seed already kept.
 */
export function placeSeeds(candidates: readonly SeedPoint[], filter: SeedFilter): PlacedSeed[] {
  const placed: PlacedSeed[] = [];
  const grid = new GridIndex<number>(MAX_EXCLUSION);
  for (const candidate of candidates) {
    const exclusion = Math.min(candidate.exclusion, MAX_EXCLUSION);
    let tooClose = false;
    grid.forEachCandidate(pointBbox(candidate.point, MAX_EXCLUSION), (index) => {
      if (tooClose) return;
      const other = placed[index] as PlacedSeed;
      const limit = Math.max(exclusion, other.exclusion);
      const dx = other.point[0] - candidate.point[0];
      const dy = other.point[1] - candidate.point[1];
      if (dx * dx + dy * dy < limit * limit) tooClose = true;
    });
    if (tooClose) continue;
    const village = locateSeed(candidate.point, filter);
    if (village === -1) continue;
    grid.insertPoint(placed.length, candidate.point);
    placed.push({ ...candidate, exclusion, village });
  }
  return placed;
}
