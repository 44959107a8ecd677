/**
 * Interior rings: about 1.5 % of the larger field, forest and collective parcels get a hole — a pond, a grave plot
 * or a patch of public land left out of the registration. Each hole sits around a point well inside the parcel
 * and stays at least a few metres off its boundary, so it is strictly inside even after rounding to 1 cm.
 */
import { distanceToRing, type Point, pointInRing, type Ring, signedArea } from './geometry.ts';
import type { Random } from './prng.ts';
import type { RawParcel } from './tessellate.ts';

const HOLE_SHARE = 0.015;
/** Minimum distance kept between a hole and its parcel's outer ring (m). */
const HOLE_MARGIN = 4;

export function addPonds(random: Random, parcels: RawParcel[]): void {
  const eligible = parcels.filter(
    (parcel) =>
      parcel.holes.length === 0 &&
      parcel.area >= 2500 &&
      parcel.seed.kind !== 'homestead' &&
      parcel.seed.kind !== 'garden',
  );
  const wanted =
    Math.round(parcels.length * HOLE_SHARE) - parcels.filter((parcel) => parcel.holes.length > 0).length;
  random.shuffle(eligible);
  let added = 0;
  for (const parcel of eligible) {
    if (added >= wanted) break;
    const centre = parcel.seed.point;
    if (!pointInRing(centre, parcel.outer)) continue;
    const clearance = distanceToRing(centre, parcel.outer);
    const radius = Math.min(
      clearance - HOLE_MARGIN,
      Math.sqrt((parcel.area * random.range(0.03, 0.1)) / Math.PI),
    );
    if (radius < 5) continue;
    const vertexCount = random.int(7, 10);
    const phase = random.range(0, 2 * Math.PI);
    const hole: Point[] = [];
    // Clockwise (RFC 7946 holes): angles decrease.
    for (let index = 0; index < vertexCount; index++) {
      const angle = phase - (index / vertexCount) * 2 * Math.PI;
      const reach = radius * random.range(0.72, 1);
      hole.push([centre[0] + reach * Math.cos(angle), centre[1] + reach * Math.sin(angle)]);
    }
    parcel.holes.push(hole as Ring);
    parcel.area += signedArea(hole);
    added++;
  }
}
