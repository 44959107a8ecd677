/**
 * The two reported areas of every parcel of a delivery (DESIGN.md, "Areas": ellipsoidal and Gauss-Krüger plane,
 * both from the area engine), position by position, 0 where a parcel has no geometry. The same computation runs on
 * the caller's thread or, for a large delivery, in a worker thread (`areas-in-worker.ts`) while the caller checks
 * overlaps: on two cores the areas of 100k parcels then cost no time of their own.
 */
import { type AreaGeometry, ellipsoidArea, type GaussKrugerZone, planeArea } from '../domain/areas.ts';
import { type FlatGeometries, geometryAt } from './flat-geometries.ts';

export interface ParcelAreas {
  /** ㎡ on the ellipsoid, by position. */
  ellipsoid: Float64Array;
  /** ㎡ in the zone's Gauss-Krüger plane, by position. */
  plane: Float64Array;
}

export function parcelAreas(
  geometries: readonly (AreaGeometry | null)[],
  zone: GaussKrugerZone,
): ParcelAreas {
  const areas: ParcelAreas = {
    ellipsoid: new Float64Array(geometries.length),
    plane: new Float64Array(geometries.length),
  };
  geometries.forEach((geometry, position) => {
    if (!geometry) return;
    areas.ellipsoid[position] = ellipsoidArea(geometry);
    areas.plane[position] = planeArea(geometry, zone);
  });
  return areas;
}

/** The same areas of geometries handed over flat: each is rebuilt exactly and measured by the same functions. */
export function flatParcelAreas(flat: FlatGeometries, zone: GaussKrugerZone): ParcelAreas {
  const count = flat.geometryParts.length - 1;
  const geometries: (AreaGeometry | null)[] = [];
  for (let position = 0; position < count; position++) geometries.push(geometryAt(flat, position));
  return parcelAreas(geometries, zone);
}
