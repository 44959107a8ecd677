/**
 * The two reported areas of every parcel of a delivery (DESIGN.md, "Areas": ellipsoidal and Gauss-Krüger plane,
 * both from the area engine), position by position, 0 where a parcel has no geometry. The same computation runs on
 * the caller's thread or, for a large delivery, shared with a worker thread (`areas-in-worker.ts`) that starts on
 * them while the caller checks overlaps: on two cores the areas of 100k parcels then cost little time of their own.
 */
import { type AreaGeometry, ellipsoidArea, type GaussKrugerZone, planeArea } from '../domain/areas.ts';
import { asGeoJson, type ImportGeometry } from './flat-geometries.ts';

export interface ParcelAreas {
  /** ㎡ on the ellipsoid, by position. */
  ellipsoid: Float64Array;
  /** ㎡ in the zone's Gauss-Krüger plane, by position. */
  plane: Float64Array;
}

/**
 * Measures positions `from` … `to` − 1 into `areas`; `geometryAt` gives the geometry at a position. A geometry the
 * area engine refuses (a coordinate that is not a finite number: geometries are measured as read, before the
 * repair drops such rings) gets NaN for both areas instead of ending the measurement.
 */
export function measureParcels(
  geometryAt: (position: number) => AreaGeometry | null,
  from: number,
  to: number,
  zone: GaussKrugerZone,
  areas: ParcelAreas,
): void {
  for (let position = from; position < to; position++) {
    const geometry = geometryAt(position);
    try {
      areas.ellipsoid[position] = geometry ? ellipsoidArea(geometry) : 0;
      areas.plane[position] = geometry ? planeArea(geometry, zone) : 0;
    } catch {
      areas.ellipsoid[position] = Number.NaN;
      areas.plane[position] = Number.NaN;
    }
  }
}

export function parcelAreas(
  geometries: readonly (ImportGeometry | null)[],
  zone: GaussKrugerZone,
): ParcelAreas {
  const areas: ParcelAreas = {
    ellipsoid: new Float64Array(geometries.length),
    plane: new Float64Array(geometries.length),
  };
  const geometryAt = (position: number): AreaGeometry | null => {
    const geometry = geometries[position];
    return geometry ? asGeoJson(geometry) : null;
  };
  measureParcels(geometryAt, 0, geometries.length, zone, areas);
  return areas;
}
