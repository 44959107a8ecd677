/**
 * Villages (村) that tile the park exactly: a relaxed Voronoi partition whose shared edges are bent into gentle
 * meanders (village lines follow streams and field ridges, not survey lines), then clipped to the red line.
 *
 * Every shared edge is bent once, from a generator keyed on the edge itself, and both neighbours use those very
 * points (one reversed): the borders match bit for bit, so there are no gaps or overlaps between villages.
 */
import { featureCollection, point as turfPoint, voronoi } from '@turf/turf';
import { meander } from './boundary.ts';
import { clipRing, prepareClipTarget } from './clip.ts';
import {
  bboxOf,
  counterClockwise,
  isRingSimple,
  type Point,
  pointInRing,
  type Ring,
  ringCentroid,
  signedArea,
  vertex,
} from './geometry.ts';
import type { Random } from './prng.ts';

export interface VillageRegion {
  /** 0-based position in code order (V01 is 0). */
  index: number;
  ring: Ring;
  area: number;
  centroid: Point;
}

export interface VillagePartition {
  villages: VillageRegion[];
  /** The bent shared edges as polylines; ditches are drawn along them so parcels never straddle a village line. */
  borders: Point[][];
}

export function partitionVillages(random: Random, boundary: Ring, villageCount: number): VillagePartition {
  for (let attempt = 0; attempt < 40; attempt++) {
    const partition = attemptPartition(random.fork(`villages-${attempt}`), boundary, villageCount);
    if (partition) return partition;
  }
  throw new Error('could not partition the park into villages');
}

function samplePointsInside(random: Random, ring: Ring, count: number): Point[] {
  const bbox = bboxOf(ring);
  const points: Point[] = [];
  while (points.length < count) {
    const candidate: Point = [random.range(bbox.minX, bbox.maxX), random.range(bbox.minY, bbox.maxY)];
    if (pointInRing(candidate, ring)) points.push(candidate);
  }
  return points;
}

/** Lloyd relaxation on a point sample: villages of similar size with no thin slivers. */
function relaxedSeeds(random: Random, boundary: Ring, count: number): Point[] {
  const samples = samplePointsInside(random, boundary, Math.max(3000, count * 160));
  let seeds = samplePointsInside(random, boundary, count);
  for (let iteration = 0; iteration < 12; iteration++) {
    const sums = seeds.map(() => ({ x: 0, y: 0, count: 0 }));
    for (const sample of samples) {
      let best = 0;
      let bestDistance = Number.POSITIVE_INFINITY;
      for (let index = 0; index < seeds.length; index++) {
        const seed = seeds[index] as Point;
        const distanceSquared = (seed[0] - sample[0]) ** 2 + (seed[1] - sample[1]) ** 2;
        if (distanceSquared < bestDistance) {
          bestDistance = distanceSquared;
          best = index;
        }
      }
      const sum = sums[best];
      if (sum) {
        sum.x += sample[0];
        sum.y += sample[1];
        sum.count++;
      }
    }
    seeds = seeds.map((seed, index) => {
      const sum = sums[index];
      return sum && sum.count > 0 ? ([sum.x / sum.count, sum.y / sum.count] as Point) : seed;
    });
  }
  return seeds;
}

function edgeKey(start: Point, end: Point): { key: string; forward: boolean } {
  const forward = start[0] < end[0] || (start[0] === end[0] && start[1] < end[1]);
  const [low, high] = forward ? [start, end] : [end, start];
  return { key: `${low[0]},${low[1]};${high[0]},${high[1]}`, forward };
}

function attemptPartition(random: Random, boundary: Ring, villageCount: number): VillagePartition | null {
  const seeds = relaxedSeeds(random, boundary, villageCount);
  const bbox = bboxOf(boundary);
  const margin = Math.max(bbox.maxX - bbox.minX, bbox.maxY - bbox.minY) * 0.2;
  const cells = voronoi(featureCollection(seeds.map((seed) => turfPoint([seed[0], seed[1]]))), {
    bbox: [bbox.minX - margin, bbox.minY - margin, bbox.maxX + margin, bbox.maxY + margin],
  }).features.map((feature) => {
    const coordinates = feature.geometry.coordinates[0] ?? [];
    return counterClockwise(
      coordinates.slice(0, -1).map((position): Point => [position[0] ?? 0, position[1] ?? 0]),
    );
  });

  const edgeUse = new Map<string, number>();
  for (const cell of cells) {
    for (let index = 0; index < cell.length; index++) {
      const { key } = edgeKey(cell[index] as Point, vertex(cell, index + 1));
      edgeUse.set(key, (edgeUse.get(key) ?? 0) + 1);
    }
  }
  const bends = new Map<string, Point[]>();
  const borders: Point[][] = [];
  for (const cell of cells) {
    for (let index = 0; index < cell.length; index++) {
      const start = cell[index] as Point;
      const end = vertex(cell, index + 1);
      const { key, forward } = edgeKey(start, end);
      if (edgeUse.get(key) !== 2 || bends.has(key)) continue;
      const [low, high] = forward ? [start, end] : [end, start];
      const interior = meander(random.fork(`border ${key}`), low, high, 0.06, 20);
      bends.set(key, interior);
      borders.push([low, ...interior, high]);
    }
  }

  const parkTarget = prepareClipTarget(boundary, 100);
  const regions: { ring: Ring; centroid: Point; area: number }[] = [];
  for (const cell of cells) {
    const bent: Point[] = [];
    for (let index = 0; index < cell.length; index++) {
      const start = cell[index] as Point;
      const end = vertex(cell, index + 1);
      bent.push(start);
      const { key, forward } = edgeKey(start, end);
      const interior = bends.get(key);
      if (interior) bent.push(...(forward ? interior : [...interior].reverse()));
    }
    if (!isRingSimple(bent)) return null;
    const clipped = clipRing(bent, parkTarget, 'inside');
    // A village must be one piece: a detached sliver would need a union with a neighbour, so redraw instead.
    if (clipped?.outers.length !== 1 || clipped.holes.length > 0) return null;
    const ring = clipped.outers[0] as Ring;
    regions.push({ ring, centroid: ringCentroid(ring), area: signedArea(ring) });
  }

  // Code order: north to south in bands, west to east within a band, so V01 sits in the north-west.
  const bandCount = Math.max(1, Math.round(Math.sqrt(villageCount)));
  const bandHeight = (bbox.maxY - bbox.minY) / bandCount;
  const band = (region: { centroid: Point }) =>
    Math.min(bandCount - 1, Math.floor((bbox.maxY - region.centroid[1]) / bandHeight));
  regions.sort((first, second) => band(first) - band(second) || first.centroid[0] - second.centroid[0]);
  return {
    villages: regions.map((region, index) => ({ index, ...region })),
    borders: borders.filter((border) => {
      const borderBbox = bboxOf(border);
      return (
        borderBbox.maxX >= bbox.minX &&
        borderBbox.minX <= bbox.maxX &&
        borderBbox.maxY >= bbox.minY &&
        borderBbox.minY <= bbox.maxY
      );
    }),
  };
}
