/**
 * Local metres ↔ longitude/latitude around the park's centre.
 *
 * The park is at most a few tens of kilometres across, so a linear mapping with the ellipsoid's radii of curvature
 * at the centre (CGCS2000, which equals WGS84 to well below survey accuracy) keeps distances right to ~0.1 %:
 * plenty for drawing a synthetic park. Reported areas are a separate matter (server/domain, GeographicLib).
 */
import type { Point } from './geometry.ts';

/** CGCS2000 ellipsoid (GB/T 18522 / EPSG:1043): a = 6378137 m, 1/f = 298.257222101. */
const SEMI_MAJOR_AXIS = 6378137;
const FLATTENING = 1 / 298.257222101;
const ECCENTRICITY_SQUARED = FLATTENING * (2 - FLATTENING);
const RADIANS_PER_DEGREE = Math.PI / 180;

/** Metres per degree of longitude and of latitude at a latitude (prime-vertical and meridional radii). */
export function metresPerDegree(latitude: number): { longitude: number; latitude: number } {
  const sine = Math.sin(latitude * RADIANS_PER_DEGREE);
  const denominator = 1 - ECCENTRICITY_SQUARED * sine * sine;
  const primeVertical = SEMI_MAJOR_AXIS / Math.sqrt(denominator);
  const meridional = (SEMI_MAJOR_AXIS * (1 - ECCENTRICITY_SQUARED)) / (denominator * Math.sqrt(denominator));
  return {
    longitude: primeVertical * Math.cos(latitude * RADIANS_PER_DEGREE) * RADIANS_PER_DEGREE,
    latitude: meridional * RADIANS_PER_DEGREE,
  };
}

export class LocalProjection {
  private readonly scale: { longitude: number; latitude: number };

  constructor(
    readonly originLongitude: number,
    readonly originLatitude: number,
  ) {
    this.scale = metresPerDegree(originLatitude);
  }

  toLonLat(point: Point): Point {
    return [
      this.originLongitude + point[0] / this.scale.longitude,
      this.originLatitude + point[1] / this.scale.latitude,
    ];
  }
}

/** Seven decimals of a degree ≈ 1 cm: finer than any survey, small enough to keep the files lean. */
export function roundCoordinate(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/**
 * Plane area (㎡) of a polygon given in longitude/latitude (rings closed or open, outer first): each ring is
 * projected to metres with the ellipsoid's scale at the polygon's mean latitude, then the shoelace formula; holes
 * subtract. This is how the sample's `surveyArea` is derived before survey noise is added.
 */
export function planeAreaOfLonLatPolygon(rings: readonly (readonly Point[])[]): number {
  const outer = rings[0];
  if (!outer || outer.length === 0) return 0;
  let latitudeSum = 0;
  for (const [, latitude] of outer) latitudeSum += latitude;
  const meanLatitude = latitudeSum / outer.length;
  const scale = metresPerDegree(meanLatitude);
  const [originLongitude, originLatitude] = outer[0] as Point;
  let total = 0;
  for (const ring of rings) {
    let twiceArea = 0;
    for (let index = 0; index < ring.length; index++) {
      const current = ring[index] as Point;
      const next = ring[(index + 1) % ring.length] as Point;
      const x1 = (current[0] - originLongitude) * scale.longitude;
      const y1 = (current[1] - originLatitude) * scale.latitude;
      const x2 = (next[0] - originLongitude) * scale.longitude;
      const y2 = (next[1] - originLatitude) * scale.latitude;
      twiceArea += x1 * y2 - x2 * y1;
    }
    // Rings follow RFC 7946 (outer counter-clockwise, holes clockwise), so the signed sum already subtracts holes.
    total += twiceArea / 2;
  }
  return total;
}
