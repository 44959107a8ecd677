/**
 * Which village a clicked point falls in, by the even-odd ray-casting test on the village polygons (holes
 * included). Done in JavaScript rather than with `queryRenderedFeatures` so it is exact and testable without a map.
 */
import type { Position } from 'geojson';
import type { VillageCollection } from '../api/client.ts';
import type { AreaGeometry } from '../api/types.ts';

function ringContains(ring: readonly Position[], longitude: number, latitude: number): boolean {
  let inside = false;
  for (let index = 0, previous = ring.length - 1; index < ring.length; previous = index++) {
    const [x1, y1] = ring[index] as [number, number];
    const [x2, y2] = ring[previous] as [number, number];
    const crosses =
      y1 > latitude !== y2 > latitude && longitude < ((x2 - x1) * (latitude - y1)) / (y2 - y1) + x1;
    if (crosses) inside = !inside;
  }
  return inside;
}

export function geometryContains(geometry: AreaGeometry, [longitude, latitude]: [number, number]): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.some((polygon) => {
    const [outer, ...holes] = polygon;
    return (
      outer !== undefined &&
      ringContains(outer, longitude, latitude) &&
      !holes.some((hole) => ringContains(hole, longitude, latitude))
    );
  });
}

/** The code of the village containing `point`, or null outside every village. */
export function villageAt(villages: VillageCollection, point: [number, number]): string | null {
  const village = villages.features.find((feature) => geometryContains(feature.geometry, point));
  return village ? village.properties.code : null;
}

/** `[west, south, east, north]` around the given villages, or null when none of them is known. */
export function villagesBounds(
  villages: VillageCollection,
  codes: readonly string[],
): [number, number, number, number] | null {
  let bounds: [number, number, number, number] | null = null;
  for (const feature of villages.features) {
    if (!codes.includes(feature.properties.code)) continue;
    const polygons =
      feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    for (const polygon of polygons) {
      for (const [longitude, latitude] of polygon[0] ?? []) {
        const [x, y] = [longitude as number, latitude as number];
        bounds = bounds
          ? [Math.min(bounds[0], x), Math.min(bounds[1], y), Math.max(bounds[2], x), Math.max(bounds[3], y)]
          : [x, y, x, y];
      }
    }
  }
  return bounds;
}
