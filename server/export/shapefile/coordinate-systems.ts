/**
 * The coordinate systems a Shapefile export can be written in, their `.prj` text (ESRI WKT 1, which is what ArcGIS
 * writes and what GDAL identifies back to an EPSG code) and the projection of stored longitude-latitude into them.
 *
 * - `lonlat`: EPSG:4490 (CGCS2000 geographic). The store keeps EPSG:4490/4326 coordinates, equal at survey
 *   accuracy (DESIGN.md, "Coordinate systems"), so they are written unchanged.
 * - `gauss-kruger`: the park's CGCS2000 3-degree Gauss-Krüger zone, EPSG:4534–4554 (no zone number on X, false
 *   easting 500 000 m), projected with the zone's PROJ definition from `server/domain/areas.ts`, the one place it
 *   is defined. With `zonePrefixedX` the X carries the zone number in front (EPSG:4513–4533, false easting
 *   `zone × 1 000 000 + 500 000`), as many surveyors' files do; the importer's fixtures are written that way.
 */
import proj4, { type Converter } from 'proj4';
import type { GaussKrugerZone } from '../../domain/areas.ts';

export type ShapefileCrs =
  | { kind: 'lonlat' }
  | { kind: 'gauss-kruger'; zone: GaussKrugerZone; zonePrefixedX?: boolean };

export type Project = (longitude: number, latitude: number) => [number, number];

const FIRST_PREFIXED_ZONE_EPSG = 4513;
const FIRST_ZONE_CENTRAL_MERIDIAN = 75;
const METRES_PER_ZONE_PREFIX = 1_000_000;

/** The 3-degree zone number (25–45): the central meridian divided by 3. */
export function zoneNumber(zone: GaussKrugerZone): number {
  return zone.centralMeridian / 3;
}

/** The EPSG code of the coordinates as written: 4490, 4534–4554, or 4513–4533 with the zone prefix. */
export function epsgOf(crs: ShapefileCrs): number {
  if (crs.kind === 'lonlat') return 4490;
  if (!crs.zonePrefixedX) return crs.zone.epsg;
  return FIRST_PREFIXED_ZONE_EPSG + (crs.zone.centralMeridian - FIRST_ZONE_CENTRAL_MERIDIAN) / 3;
}

// ESRI's names and parameters, as `gdalsrsinfo -o wkt_esri EPSG:4490` (and 4545, 4524) prints them.
const CGCS2000_GEOGRAPHIC =
  'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",' +
  'SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

/** The `.prj` content: ESRI WKT 1 on one line, no trailing newline (as ArcGIS writes it). */
export function prjOf(crs: ShapefileCrs): string {
  if (crs.kind === 'lonlat') return CGCS2000_GEOGRAPHIC;
  const { centralMeridian } = crs.zone;
  const name = crs.zonePrefixedX
    ? `CGCS2000_3_Degree_GK_Zone_${zoneNumber(crs.zone)}`
    : `CGCS2000_3_Degree_GK_CM_${centralMeridian}E`;
  const falseEasting = falseEastingOf(crs);
  return (
    `PROJCS["${name}",${CGCS2000_GEOGRAPHIC},PROJECTION["Gauss_Kruger"],` +
    `PARAMETER["False_Easting",${falseEasting.toFixed(1)}],PARAMETER["False_Northing",0.0],` +
    `PARAMETER["Central_Meridian",${centralMeridian.toFixed(1)}],PARAMETER["Scale_Factor",1.0],` +
    'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
  );
}

function falseEastingOf(crs: ShapefileCrs & { kind: 'gauss-kruger' }): number {
  const prefix = crs.zonePrefixedX ? zoneNumber(crs.zone) * METRES_PER_ZONE_PREFIX : 0;
  return prefix + 500_000;
}

const converters = new Map<string, Converter>();

function converterFor(zone: GaussKrugerZone): Converter {
  let converter = converters.get(zone.proj4);
  if (!converter) {
    converter = proj4('EPSG:4326', zone.proj4);
    converters.set(zone.proj4, converter);
  }
  return converter;
}

/** Longitude-latitude → the coordinates written to the `.shp` (X east, Y north, whatever the CRS). */
export function projectionFor(crs: ShapefileCrs): Project {
  if (crs.kind === 'lonlat') return (longitude, latitude) => [longitude, latitude];
  const converter = converterFor(crs.zone);
  // The zone's definition has x_0 = 500 000; the prefixed variant only moves the false easting.
  const prefix = crs.zonePrefixedX ? zoneNumber(crs.zone) * METRES_PER_ZONE_PREFIX : 0;
  return (longitude, latitude) => {
    const [x, y] = converter.forward([longitude, latitude]);
    return [(x as number) + prefix, y as number];
  };
}
