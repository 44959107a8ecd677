/**
 * The area engine: the only source of reported areas (DESIGN.md, "Areas").
 *
 * - Ellipsoidal area: GeographicLib's geodesic polygon area on the WGS84 ellipsoid (C. F. F. Karney, "Algorithms for
 *   geodesics", J. Geodesy 87, 2013), through `geodesic-area.ts`, which returns the library's own numbers faster.
 *   PostGIS `ST_Area(geography)` uses the same algorithm on the same ellipsoid, so the two agree to ~1e-9. CGCS2000's flattening differs from WGS84's by 1e-11 relative; at survey accuracy the
 *   data is treated as WGS84, as PostGIS does for EPSG:4490.
 * - Plane area: vertices projected into the CGCS2000 3-degree Gauss-Krüger zone whose central meridian is nearest
 *   (EPSG:4534–4554, no zone prefix on X), then the shoelace formula: what `ST_Area(ST_Transform(geom, 45xx))` and
 *   Chinese cadastral surveys (GB/T 21010, TD/T 1001) report.
 *
 * `@turf/area` (a spherical approximation, ~0.18 % high at 26°N) is never used for reported numbers.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import proj4, { type Converter } from 'proj4';
import { ringGeodesicArea } from './geodesic-area.ts';

export type AreaGeometry = Polygon | MultiPolygon;

export interface GaussKrugerZone {
  /** EPSG code of the CGCS2000 3-degree GK zone without zone prefix (4534–4554). */
  epsg: number;
  /** Central meridian in degrees east (75–135). */
  centralMeridian: number;
  /** PROJ definition; proj4's `tmerc` is the exact Poder/Engsager algorithm, as in PROJ. */
  proj4: string;
}

const FIRST_ZONE_CENTRAL_MERIDIAN = 75;
const LAST_ZONE_CENTRAL_MERIDIAN = 135;
const FIRST_ZONE_EPSG = 4534;

/** The CGCS2000 3-degree zone whose central meridian is nearest to `longitude`. */
export function gaussKrugerZoneFor(longitude: number): GaussKrugerZone {
  const nearest = Math.round(longitude / 3) * 3;
  const centralMeridian = Math.min(
    LAST_ZONE_CENTRAL_MERIDIAN,
    Math.max(FIRST_ZONE_CENTRAL_MERIDIAN, nearest),
  );
  return {
    epsg: FIRST_ZONE_EPSG + (centralMeridian - FIRST_ZONE_CENTRAL_MERIDIAN) / 3,
    centralMeridian,
    proj4: gaussKrugerProj4(centralMeridian),
  };
}

/**
 * PROJ definition of a CGCS2000 Gauss-Krüger projection (3- or 6-degree: they differ only in the central meridian).
 * `falseEasting` is 500000 for the "CM" variants (EPSG:4502–4512, 4534–4554) and zone × 10^6 + 500000 for the
 * zone-prefixed ones (EPSG:4491–4501, 4513–4533), exactly as in the EPSG dataset.
 */
export function gaussKrugerProj4(centralMeridian: number, falseEasting = 500000): string {
  return `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian} +k=1 +x_0=${falseEasting} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
}

const converters = new Map<number, Converter>();

function converterFor(zone: GaussKrugerZone): Converter {
  let converter = converters.get(zone.epsg);
  if (!converter) {
    converter = proj4('EPSG:4326', zone.proj4);
    converters.set(zone.epsg, converter);
  }
  return converter;
}

/** proj4's degrees-to-radians factor (`constants/values.js`: 0.01745329251994329577, the same double). */
const PROJ4_D2R = 0.017453292519943295;
/** proj4's `PJD_NODATUM`: a datum without parameters, which proj4 never transforms to or from. */
const PROJ4_NO_DATUM = 5;

interface Proj4Projection {
  projName?: string;
  from_greenwich?: number;
  to_meter?: number;
  datum?: { datum_type: number };
  forward(point: { x: number; y: number; z: number }): { x: number; y: number };
}

type Project = (longitude: number, latitude: number, out: Float64Array, at: number) => void;

const projectors = new Map<number, Project>();

/**
 * `converterFor(zone).forward([longitude, latitude])` into `out[at]`, `out[at + 1]`, number for number: what proj4's
 * `transformInternal` does for this pair of systems (degrees to radians by its own factor, no prime meridian, no
 * datum shift — the zone's GRS80 has no datum parameters —, the projection's forward, metres) without its checks,
 * objects and arrays per vertex, a third of the plane area's time. Any other setting takes proj4's own path.
 */
function projectorFor(zone: GaussKrugerZone): Project {
  let project = projectors.get(zone.epsg);
  if (project) return project;
  const source = proj4.Proj('EPSG:4326') as unknown as Proj4Projection;
  const target = proj4.Proj(zone.proj4) as unknown as Proj4Projection;
  const direct =
    source.projName === 'longlat' &&
    !source.from_greenwich &&
    !target.from_greenwich &&
    target.projName !== 'longlat' &&
    (target.to_meter === undefined || target.to_meter === 1) &&
    target.datum?.datum_type === PROJ4_NO_DATUM;
  const converter = converterFor(zone);
  project = direct
    ? (longitude, latitude, out, at) => {
        // proj4's `checkSanity`.
        if (!Number.isFinite(longitude) || !Number.isFinite(latitude)) {
          throw new TypeError('coordinates must be finite numbers');
        }
        const point = target.forward({ x: longitude * PROJ4_D2R, y: latitude * PROJ4_D2R, z: 0 });
        out[at] = point.x;
        out[at + 1] = point.y;
      }
    : (longitude, latitude, out, at) => {
        const [x, y] = converter.forward([longitude, latitude]);
        out[at] = x as number;
        out[at + 1] = y as number;
      };
  projectors.set(zone.epsg, project);
  return project;
}

/** One ring's projected vertices, reused from ring to ring. */
let projected = new Float64Array(2 * 64);

function polygonsOf(geometry: AreaGeometry): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function ringEllipsoidArea(ring: Position[]): number {
  // A closed GeoJSON ring repeats its first vertex; GeographicLib closes the ring itself. The area is signed, so
  // the orientation does not matter once we take the absolute value.
  return Math.abs(ringGeodesicArea(ring, ringVertexCount(ring)));
}

function ringVertexCount(ring: Position[]): number {
  const first = ring[0];
  const last = ring[ring.length - 1];
  const closed = first && last && ring.length > 1 && first[0] === last[0] && first[1] === last[1];
  return closed ? ring.length - 1 : ring.length;
}

/** Area of each ring as |outer| − Σ|holes|, whatever the ring orientation of the source. */
function sumRings(geometry: AreaGeometry, ringArea: (ring: Position[]) => number): number {
  let total = 0;
  for (const polygon of polygonsOf(geometry)) {
    polygon.forEach((ring, index) => {
      total += index === 0 ? ringArea(ring) : -ringArea(ring);
    });
  }
  return total;
}

/** Ellipsoidal area in ㎡ of a lon/lat (EPSG:4326/4490) polygon or multipolygon. */
export function ellipsoidArea(geometry: AreaGeometry): number {
  return sumRings(geometry, ringEllipsoidArea);
}

/** Plane area in ㎡ in the given Gauss-Krüger zone (default: the zone nearest the geometry's first vertex). */
export function planeArea(geometry: AreaGeometry, zone: GaussKrugerZone = zoneOfGeometry(geometry)): number {
  const project = projectorFor(zone);
  return sumRings(geometry, (ring) => {
    const count = ringVertexCount(ring);
    if (projected.length < 2 * count) projected = new Float64Array(4 * count);
    for (let index = 0; index < count; index++) {
      project(ring[index]?.[0] as number, ring[index]?.[1] as number, projected, 2 * index);
    }
    return shoelaceArea(projected, count);
  });
}

/**
 * |Σ (x_i·y_{i+1} − x_{i+1}·y_i)| / 2, taken relative to the first vertex: GK coordinates are ~10^6 m, and products
 * of that size would lose the centimetres that a 100 ㎡ parcel's area depends on.
 */
function shoelaceArea(points: Float64Array, count: number): number {
  if (count === 0) return 0;
  const originX = points[0] as number;
  const originY = points[1] as number;
  let twiceArea = 0;
  for (let index = 0; index < count; index++) {
    const next = (index + 1) % count;
    const x1 = (points[2 * index] as number) - originX;
    const y1 = (points[2 * index + 1] as number) - originY;
    const x2 = (points[2 * next] as number) - originX;
    const y2 = (points[2 * next + 1] as number) - originY;
    twiceArea += x1 * y2 - x2 * y1;
  }
  return Math.abs(twiceArea / 2);
}

function zoneOfGeometry(geometry: AreaGeometry): GaussKrugerZone {
  const first = polygonsOf(geometry)[0]?.[0]?.[0];
  if (!first) throw new Error('planeArea: empty geometry');
  return gaussKrugerZoneFor(first[0] as number);
}

/** The zone a whole park is measured in: nearest to the centre of its extent, so all parcels share one zone. */
export function gaussKrugerZoneForExtent(west: number, east: number): GaussKrugerZone {
  return gaussKrugerZoneFor((west + east) / 2);
}
