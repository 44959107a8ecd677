/**
 * Which coordinate systems a survey delivery may be in, how to recognise them, and how to bring them to lon/lat.
 *
 * Supported (EPSG dataset, checked against PROJ's `projinfo`):
 * - 4326 WGS 84 and 4490 CGCS2000 geographic: kept as they are (the same at survey accuracy, DESIGN.md).
 * - CGCS2000 Gauss-Krüger, GRS80 ellipsoid (= CGCS2000's), scale 1, latitude of origin 0, false northing 0:
 *   - 4491–4501 "CGCS2000 / Gauss-Kruger zone 13–23": 6-degree, CM = 6·zone − 3, false easting zone·10^6 + 500000;
 *   - 4502–4512 "CGCS2000 / Gauss-Kruger CM 75E–135E": 6-degree, false easting 500000;
 *   - 4513–4533 "CGCS2000 / 3-degree Gauss-Kruger zone 25–45": CM = 3·zone, false easting zone·10^6 + 500000;
 *   - 4534–4554 "CGCS2000 / 3-degree Gauss-Kruger CM 75E–135E": false easting 500000.
 * Anything else (Beijing 1954, Xi'an 1980, UTM, local grids) is refused by name: converting between datums needs
 * parameters we do not have, and a guessed datum would move every parcel by up to a hundred metres.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import proj4 from 'proj4';
import { gaussKrugerProj4 } from '../domain/areas.ts';
import type { BilingualMessage } from '../domain/transitions.ts';
import {
  childNode,
  childNodes,
  nodeAuthority,
  nodeName,
  parseWktTree,
  type WktNode,
} from './read/wkt-tree.ts';
import { type CrsSource, type SourceCrs, SourceError } from './source.ts';

export interface CrsDefinition {
  epsg: number;
  /** The EPSG dataset's name, e.g. `CGCS2000 / 3-degree Gauss-Kruger zone 36`. */
  name: string;
  kind: 'geographic' | 'gauss-kruger';
  /** Degrees east; null for geographic systems. */
  centralMeridian: number | null;
  falseEasting: number | null;
  zoneWidth: 3 | 6 | null;
  /** The zone number carried in X (4491–4501, 4513–4533), else null. */
  zonePrefix: number | null;
}

const PREFIX_UNIT = 1_000_000;
const NO_PREFIX_FALSE_EASTING = 500_000;
const CGCS2000_SEMI_MAJOR_AXIS = 6378137;
const CGCS2000_INVERSE_FLATTENING = 298.257222101;
const WGS84_INVERSE_FLATTENING = 298.257223563;

/** The definition behind a supported EPSG code, or undefined for any other code. */
export function crsDefinition(epsg: number): CrsDefinition | undefined {
  if (epsg === 4326) return geographic(4326, 'WGS 84');
  if (epsg === 4490) return geographic(4490, 'China Geodetic Coordinate System 2000');
  if (epsg >= 4491 && epsg <= 4501) return gaussKruger(epsg, 6, 13 + (epsg - 4491));
  if (epsg >= 4502 && epsg <= 4512) return gaussKruger(epsg, 6, null, 75 + 6 * (epsg - 4502));
  if (epsg >= 4513 && epsg <= 4533) return gaussKruger(epsg, 3, 25 + (epsg - 4513));
  if (epsg >= 4534 && epsg <= 4554) return gaussKruger(epsg, 3, null, 75 + 3 * (epsg - 4534));
  return undefined;
}

function geographic(epsg: number, name: string): CrsDefinition {
  return {
    epsg,
    name,
    kind: 'geographic',
    centralMeridian: null,
    falseEasting: null,
    zoneWidth: null,
    zonePrefix: null,
  };
}

function gaussKruger(
  epsg: number,
  zoneWidth: 3 | 6,
  zonePrefix: number | null,
  centralMeridianWithoutZone = 0,
): CrsDefinition {
  const centralMeridian =
    zonePrefix === null ? centralMeridianWithoutZone : zoneWidth === 3 ? 3 * zonePrefix : 6 * zonePrefix - 3;
  const family = zoneWidth === 3 ? 'CGCS2000 / 3-degree Gauss-Kruger' : 'CGCS2000 / Gauss-Kruger';
  return {
    epsg,
    name: zonePrefix === null ? `${family} CM ${centralMeridian}E` : `${family} zone ${zonePrefix}`,
    kind: 'gauss-kruger',
    centralMeridian,
    falseEasting:
      zonePrefix === null ? NO_PREFIX_FALSE_EASTING : zonePrefix * PREFIX_UNIT + NO_PREFIX_FALSE_EASTING,
    zoneWidth,
    zonePrefix,
  };
}

/** The supported Gauss-Krüger code for a central meridian and false easting, or undefined. */
function gaussKrugerEpsg(centralMeridian: number, falseEasting: number): number | undefined {
  if (falseEasting === NO_PREFIX_FALSE_EASTING) {
    // 6-degree CMs (75, 81 … 135) are also 3-degree CMs and the projection is the same: prefer the 3-degree code,
    // the one Chinese cadastral surveys use.
    const offset = (centralMeridian - 75) / 3;
    return Number.isInteger(offset) && offset >= 0 && offset <= 20 ? 4534 + offset : undefined;
  }
  const zone = (falseEasting - NO_PREFIX_FALSE_EASTING) / PREFIX_UNIT;
  if (!Number.isInteger(zone)) return undefined;
  if (zone >= 25 && zone <= 45 && centralMeridian === 3 * zone) return 4513 + zone - 25;
  if (zone >= 13 && zone <= 23 && centralMeridian === 6 * zone - 3) return 4491 + zone - 13;
  return undefined;
}

export function unsupportedCrsError(name: string, where: string): SourceError {
  return new SourceError(
    {
      zh: `不支持的坐标系 ${name}：请先转换为 CGCS2000（EPSG:4490 经纬度或 4491–4554 高斯-克吕格）；若坐标其实是 CGCS2000，可指定其 EPSG 代码`,
      en: `unsupported coordinate system ${name}: convert it to CGCS2000 first (EPSG:4490 lon/lat or Gauss-Kruger 4491–4554); if the coordinates are CGCS2000 after all, give their EPSG code`,
    },
    where,
  );
}

/** A supported EPSG code's definition; refuses any other code by name. */
export function crsFromEpsg(epsg: number, where: string): CrsDefinition {
  const definition = crsDefinition(epsg);
  if (!definition) throw unsupportedCrsError(`EPSG:${epsg}`, where);
  return definition;
}

/**
 * A CRS reference as GeoJSON's legacy `crs` member or a user writes it: `EPSG:4545`, `urn:ogc:def:crs:EPSG::4545`,
 * `http://www.opengis.net/def/crs/EPSG/0/4545`, `urn:ogc:def:crs:OGC:1.3:CRS84` (= lon/lat WGS 84).
 */
export function crsFromReference(reference: string, where: string): CrsDefinition {
  const text = reference.trim();
  if (/CRS:?84$/i.test(text)) return crsFromEpsg(4326, where);
  const match = /EPSG(?::+|\/\d+\/|\/)(\d+)$/i.exec(text) ?? /^(\d+)$/.exec(text);
  if (!match) throw unsupportedCrsError(text, where);
  return crsFromEpsg(Number(match[1]), where);
}

/** Normalised for comparing names: lower case, letters and digits only. */
function squeeze(text: string | undefined): string {
  return (text ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

const GEOGRAPHIC_KEYWORDS = ['GEOGCS', 'GEOGCRS', 'GEODCRS', 'GEODETICCRS', 'GEOGRAPHICCRS'];
const PROJECTED_KEYWORDS = ['PROJCS', 'PROJCRS', 'PROJECTEDCRS'];
const BASE_GEOGRAPHIC_KEYWORDS = [...GEOGRAPHIC_KEYWORDS, 'BASEGEOGCRS', 'BASEGEODCRS'];

/**
 * Identifies a CRS from WKT (ESRI or OGC WKT1, WKT2): by its EPSG authority, else by its name (ESRI
 * `CGCS2000_3_Degree_GK_Zone_35`, `CGCS2000_GK_CM_105E` … or EPSG `CGCS2000 / 3-degree Gauss-Kruger zone 35`),
 * else by its parameters. A name is always checked against the parameters it comes with.
 */
export function identifyCrs(wkt: string, where: string): CrsDefinition {
  const tree = parseWktTree(wkt);
  if (!tree) {
    throw new SourceError(
      { zh: '无法解析坐标系定义（WKT）', en: 'cannot parse the coordinate system definition (WKT)' },
      where,
    );
  }
  const root = horizontalComponent(tree);
  const name = nodeName(root) ?? root.keyword;
  const authority = nodeAuthority(root);
  if (authority?.authority === 'EPSG') {
    if (!crsDefinition(authority.code)) throw unsupportedCrsError(`${name} (EPSG:${authority.code})`, where);
    return named(authority.code);
  }

  const isProjected = PROJECTED_KEYWORDS.includes(root.keyword);
  const isGeographic = GEOGRAPHIC_KEYWORDS.includes(root.keyword);
  if (!isProjected && !isGeographic) throw unsupportedCrsError(name, where);
  const geographicNode = isGeographic ? root : childNode(root, BASE_GEOGRAPHIC_KEYWORDS);
  const datum = datumOf(geographicNode);
  if (isGeographic) {
    if (datum === 'cgcs2000') return named(4490);
    if (datum === 'wgs84') return named(4326);
    throw unsupportedCrsError(name, where);
  }
  if (datum !== 'cgcs2000') throw unsupportedCrsError(name, where);
  const fromParameters = gaussKrugerFromParameters(root);
  const fromName = gaussKrugerFromName(name);
  if (fromName !== undefined) {
    const definition = crsDefinition(fromName) as CrsDefinition;
    if (
      fromParameters === 'no-parameters' ||
      (fromParameters !== undefined &&
        fromParameters.centralMeridian === definition.centralMeridian &&
        fromParameters.falseEasting === definition.falseEasting)
    ) {
      return { ...definition, name };
    }
    throw new SourceError(
      {
        zh: `坐标系名称 ${name} 与其参数（中央经线、东偏）不一致，无法确定坐标系`,
        en: `the coordinate system's name ${name} disagrees with its parameters (central meridian, false easting)`,
      },
      where,
    );
  }
  if (fromParameters === undefined || fromParameters === 'no-parameters')
    throw unsupportedCrsError(name, where);
  return { ...(crsDefinition(fromParameters.epsg) as CrsDefinition), name };

  function named(epsg: number): CrsDefinition {
    return { ...(crsDefinition(epsg) as CrsDefinition), name };
  }
}

/** A compound CRS (horizontal + height) is read by its horizontal part. */
function horizontalComponent(tree: WktNode): WktNode {
  if (tree.keyword !== 'COMPD_CS' && tree.keyword !== 'COMPOUNDCRS') return tree;
  return childNode(tree, [...PROJECTED_KEYWORDS, ...GEOGRAPHIC_KEYWORDS]) ?? tree;
}

const OTHER_DATUM_WORDS = [
  'beijing',
  'xian',
  'krasovsky',
  'krassowsky',
  'nad',
  'northamerican',
  'etrs',
  'european',
  'gda',
  'itrf',
  'pulkovo',
  'tokyo',
  'hongkong',
  'macau',
];

/** 'cgcs2000', 'wgs84' or 'other', from the datum's name, checked against its ellipsoid. */
function datumOf(geographicNode: WktNode | undefined): 'cgcs2000' | 'wgs84' | 'other' {
  if (!geographicNode) return 'other';
  const datumNode = childNode(geographicNode, ['DATUM', 'GEODETICDATUM', 'TRF', 'ENSEMBLE']);
  const names = squeeze(`${nodeName(datumNode) ?? ''} ${nodeName(geographicNode) ?? ''}`);
  const ellipsoid = datumNode ? childNode(datumNode, ['SPHEROID', 'ELLIPSOID']) : undefined;
  const semiMajorAxis = ellipsoid?.args[1];
  const inverseFlattening = ellipsoid?.args[2];
  const hasEllipsoid = typeof semiMajorAxis === 'number' && typeof inverseFlattening === 'number';
  const isEllipsoid = (flattening: number) =>
    !hasEllipsoid ||
    (Math.abs(semiMajorAxis - CGCS2000_SEMI_MAJOR_AXIS) < 1e-3 &&
      Math.abs(inverseFlattening - flattening) < 1e-8);
  if (OTHER_DATUM_WORDS.some((word) => names.includes(word))) return 'other';
  if (/cgcs2000|china2000|chinageodeticcoordinatesystem2000/.test(names)) {
    return isEllipsoid(CGCS2000_INVERSE_FLATTENING) ? 'cgcs2000' : 'other';
  }
  if (/wgs84|wgs1984|worldgeodeticsystem1984/.test(names)) {
    return isEllipsoid(WGS84_INVERSE_FLATTENING) ? 'wgs84' : 'other';
  }
  return 'other';
}

const NAME_PATTERN = /^cgcs2000(3degree)?(gk|gausskruger)(zone(\d+)|cm(\d+)e)$/;

/** EPSG code from an ESRI or EPSG CRS name, or undefined when the name is not one of ours. */
function gaussKrugerFromName(name: string): number | undefined {
  const match = NAME_PATTERN.exec(squeeze(name));
  if (!match) return undefined;
  const threeDegree = match[1] !== undefined;
  const zone = match[4] === undefined ? undefined : Number(match[4]);
  const centralMeridian = match[5] === undefined ? undefined : Number(match[5]);
  let epsg: number | undefined;
  if (zone !== undefined) epsg = threeDegree ? 4513 + zone - 25 : 4491 + zone - 13;
  else if (centralMeridian !== undefined) {
    epsg = threeDegree ? 4534 + (centralMeridian - 75) / 3 : 4502 + (centralMeridian - 75) / 6;
  }
  const definition = epsg === undefined ? undefined : crsDefinition(epsg);
  // A zone or meridian outside the family's range gives a code of the other family: check it round-trips.
  if (
    !definition ||
    definition.zoneWidth !== (threeDegree ? 3 : 6) ||
    (zone !== undefined && definition.zonePrefix !== zone) ||
    (centralMeridian !== undefined && definition.centralMeridian !== centralMeridian)
  ) {
    return undefined;
  }
  return definition.epsg;
}

interface ProjectionParameters {
  epsg: number;
  centralMeridian: number;
  falseEasting: number;
}

/**
 * The Gauss-Krüger code described by a projected CRS's method and parameters; undefined when they describe
 * something else (another projection, scale ≠ 1, a false northing, a unit other than the metre).
 */
function gaussKrugerFromParameters(root: WktNode): ProjectionParameters | 'no-parameters' | undefined {
  const conversion = childNode(root, ['CONVERSION']) ?? root;
  const methodNode = childNode(conversion, ['PROJECTION', 'METHOD']);
  const parameters = new Map<string, number>();
  for (const parameter of childNodes(conversion, ['PARAMETER'])) {
    const [parameterName, value] = parameter.args;
    if (typeof parameterName === 'string' && typeof value === 'number') {
      parameters.set(parameterKey(parameterName), value);
    }
  }
  if (!methodNode && parameters.size === 0) return 'no-parameters';
  const method = squeeze(nodeName(methodNode));
  if (!['transversemercator', 'gausskruger', 'gausskrueger'].includes(method)) return undefined;
  const unit = childNode(root, ['UNIT', 'LENGTHUNIT']);
  const unitFactor = unit?.args[1];
  if (typeof unitFactor === 'number' && Math.abs(unitFactor - 1) > 1e-12) return undefined;
  const centralMeridian = parameters.get('centralMeridian');
  const falseEasting = parameters.get('falseEasting');
  if (centralMeridian === undefined || falseEasting === undefined) return undefined;
  if ((parameters.get('scale') ?? 1) !== 1) return undefined;
  if ((parameters.get('falseNorthing') ?? 0) !== 0) return undefined;
  if ((parameters.get('latitudeOfOrigin') ?? 0) !== 0) return undefined;
  const epsg = gaussKrugerEpsg(centralMeridian, falseEasting);
  return epsg === undefined ? undefined : { epsg, centralMeridian, falseEasting };
}

function parameterKey(name: string): string {
  const key = squeeze(name);
  if (
    ['centralmeridian', 'longitudeofnaturalorigin', 'longitudeoforigin', 'longitudeofcenter'].includes(key)
  ) {
    return 'centralMeridian';
  }
  if (key === 'falseeasting') return 'falseEasting';
  if (key === 'falsenorthing') return 'falseNorthing';
  if (key.startsWith('scalefactor')) return 'scale';
  if (['latitudeoforigin', 'latitudeofnaturalorigin'].includes(key)) return 'latitudeOfOrigin';
  return key;
}

// ── Choosing the CRS of the coordinates as delivered, and projecting them ─────────────────────────────────────

export interface CoordinateExtent {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

export interface CrsDeclaration {
  crs: CrsDefinition;
  source: CrsSource;
  /** Why this system and not the file's (`declaredOrChosen`): said in the report. */
  note?: BilingualMessage;
}

/**
 * The system a file declares (a .prj, a GeoPackage SRS definition), or, where it cannot be used (a datum we do not
 * take, a definition we cannot identify) and the operator has given an EPSG code, theirs, with a note that says
 * so. A stale .prj over CGCS2000 coordinates, or a MapGIS/SuperMap definition of CGCS2000 with an unnamed datum,
 * can then still be read, by the operator's explicit choice.
 */
export function declaredOrChosen(
  definition: string,
  where: string,
  source: CrsSource,
  option: number | undefined,
): CrsDeclaration {
  try {
    return { crs: identifyCrs(definition, where), source };
  } catch (error) {
    if (option === undefined || !(error instanceof SourceError)) throw error;
    const chosen = crsFromEpsg(option, where);
    return {
      crs: chosen,
      source: 'option',
      note: {
        zh: `文件声明的坐标系不能使用（${error.zh}）：按指定的 EPSG:${option} ${chosen.name} 读取`,
        en: `the file's coordinate system cannot be used (${error.en}): read as EPSG:${option} ${chosen.name}, as given`,
      },
    };
  }
}

export interface CrsResolution {
  crs: SourceCrs;
  notes: BilingualMessage[];
  /** The CRS the coordinates are in, as read (after any zone-prefix correction). */
  definition: CrsDefinition;
}

function isLonLat(extent: CoordinateExtent): boolean {
  return extent.minX >= -180 && extent.maxX <= 180 && extent.minY >= -90 && extent.maxY <= 90;
}

/**
 * Where Gauss-Krüger coordinates of a place in China can be: eastings (without the zone number) within 400 km of
 * the central meridian's 500000, wider than a 6-degree zone anywhere in China; northings from 3°N to 54°N. A local
 * survey grid (X 2000, Y 3000) under a CGCS2000 .prj is outside them, and refused rather than put at the equator.
 */
const GK_EASTING_RANGE = [100_000, 900_000] as const;
const GK_NORTHING_RANGE = [300_000, 6_100_000] as const;

function inGaussKrugerRange(minX: number, maxX: number, extent: CoordinateExtent): boolean {
  return (
    minX >= GK_EASTING_RANGE[0] &&
    maxX <= GK_EASTING_RANGE[1] &&
    extent.minY >= GK_NORTHING_RANGE[0] &&
    extent.maxY <= GK_NORTHING_RANGE[1]
  );
}

function isUnprefixedGaussKruger(extent: CoordinateExtent): boolean {
  return inGaussKrugerRange(extent.minX, extent.maxX, extent);
}

/** The zone number carried in X when every X carries the same valid one (13–23 or 25–45), else null. */
function zonePrefixOf(extent: CoordinateExtent): number | null {
  const zone = Math.floor(extent.minX / PREFIX_UNIT);
  if (zone !== Math.floor(extent.maxX / PREFIX_UNIT)) return null;
  if (!((zone >= 13 && zone <= 23) || (zone >= 25 && zone <= 45))) return null;
  const offset = zone * PREFIX_UNIT;
  return inGaussKrugerRange(extent.minX - offset, extent.maxX - offset, extent) ? zone : null;
}

/** The zone-prefixed code whose zone is `zone` (3-degree for 25–45, 6-degree for 13–23). */
function prefixedDefinition(zone: number): CrsDefinition {
  return crsDefinition(zone >= 25 ? 4513 + zone - 25 : 4491 + zone - 13) as CrsDefinition;
}

function describeExtent(extent: CoordinateExtent): string {
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return `X ${round(extent.minX)}…${round(extent.maxX)}, Y ${round(extent.minY)}…${round(extent.maxY)}`;
}

/**
 * The CRS the coordinates are really in, from what the file declares and the coordinates' magnitude:
 * - a declared Gauss-Krüger system whose X carries (or lacks) the zone number is read with the matching
 *   prefixed (or unprefixed) variant, with a note, when the central meridians agree; otherwise refused;
 * - with nothing declared, lon/lat-sized values are `fallback`, and Gauss-Krüger values are accepted only
 *   when X carries a zone number (the only unambiguous case); anything else is refused.
 */
export function resolveCrs(
  extent: CoordinateExtent | null,
  declaration: CrsDeclaration | undefined,
  where: string,
  fallback: { epsg: number; source: CrsSource; note: boolean } = {
    epsg: 4490,
    source: 'detected',
    note: true,
  },
): CrsResolution {
  const notes: BilingualMessage[] = declaration?.note ? [declaration.note] : [];
  const result = (definition: CrsDefinition, source: CrsSource, name = definition.name): CrsResolution => ({
    crs: { epsg: definition.epsg, name, source, zonePrefixedX: definition.zonePrefix !== null },
    notes,
    definition,
  });
  if (declaration) {
    const declared = declaration.crs;
    if (!extent) return result(declared, declaration.source, declared.name);
    if (declared.kind === 'geographic') {
      if (isLonLat(extent)) return result(declared, declaration.source, declared.name);
      throw new SourceError(
        {
          zh: `声明的坐标系 ${declared.name} 是经纬度，但坐标超出经纬度范围（${describeExtent(extent)}）`,
          en: `the declared coordinate system ${declared.name} is lon/lat but the coordinates are out of range (${describeExtent(extent)})`,
        },
        where,
      );
    }
    const zone = zonePrefixOf(extent);
    if (declared.zonePrefix !== null && zone === declared.zonePrefix) {
      return result(declared, declaration.source, declared.name);
    }
    if (declared.zonePrefix === null && isUnprefixedGaussKruger(extent)) {
      return result(declared, declaration.source, declared.name);
    }
    if (declared.zonePrefix !== null && isUnprefixedGaussKruger(extent)) {
      const unprefixed = crsFromEpsg(
        gaussKrugerEpsg(declared.centralMeridian as number, NO_PREFIX_FALSE_EASTING) as number,
        where,
      );
      notes.push({
        zh: `声明的坐标系 ${declared.name} 的 X 带有带号，但坐标的 X 不带带号：按 ${unprefixed.name}（EPSG:${unprefixed.epsg}）读取`,
        en: `the declared ${declared.name} has the zone number in X, but the coordinates' X has none: read as ${unprefixed.name} (EPSG:${unprefixed.epsg})`,
      });
      return result(unprefixed, declaration.source);
    }
    if (zone !== null && prefixedDefinition(zone).centralMeridian === declared.centralMeridian) {
      const prefixed = prefixedDefinition(zone);
      notes.push({
        zh: `X 坐标带有带号 ${zone}（如 ${Math.round(extent.minX)}），已去掉带号：按 ${prefixed.name}（EPSG:${prefixed.epsg}）读取，声明的是 ${declared.name}`,
        en: `X carries the zone number ${zone} (e.g. ${Math.round(extent.minX)}); stripped it: read as ${prefixed.name} (EPSG:${prefixed.epsg}); declared was ${declared.name}`,
      });
      return result(prefixed, declaration.source);
    }
    throw new SourceError(
      {
        zh: `坐标（${describeExtent(extent)}）与声明的坐标系 ${declared.name}（中央经线 ${declared.centralMeridian}°E）不符${swappedHint(extent).zh}`,
        en: `the coordinates (${describeExtent(extent)}) do not fit the declared ${declared.name} (central meridian ${declared.centralMeridian}°E)${swappedHint(extent).en}`,
      },
      where,
    );
  }
  const fallbackDefinition = crsFromEpsg(fallback.epsg, where);
  if (!extent) return result(fallbackDefinition, fallback.source);
  if (isLonLat(extent)) {
    if (fallback.note) {
      notes.push({
        zh: `未声明坐标系，坐标是经纬度：按 ${fallbackDefinition.name}（EPSG:${fallbackDefinition.epsg}）读取`,
        en: `no coordinate system declared and the coordinates are lon/lat: read as ${fallbackDefinition.name} (EPSG:${fallbackDefinition.epsg})`,
      });
    }
    return result(fallbackDefinition, fallback.source);
  }
  const zone = zonePrefixOf(extent);
  if (zone !== null) {
    const prefixed = prefixedDefinition(zone);
    notes.push({
      zh: `未声明坐标系；X 坐标带有带号 ${zone}：按 ${prefixed.name}（EPSG:${prefixed.epsg}）读取`,
      en: `no coordinate system declared; X carries the zone number ${zone}: read as ${prefixed.name} (EPSG:${prefixed.epsg})`,
    });
    return result(prefixed, 'detected');
  }
  throw new SourceError(
    {
      zh: `未声明坐标系，且无法从坐标（${describeExtent(extent)}）确定：请提供 .prj 或指定 EPSG 代码${swappedHint(extent).zh}`,
      en: `no coordinate system declared and the coordinates (${describeExtent(extent)}) do not identify one: supply a .prj or an EPSG code${swappedHint(extent).en}`,
    },
    where,
  );
}

/** Chinese surveyors call the northing X: a file with the axes swapped is a common mistake worth naming. */
function swappedHint(extent: CoordinateExtent): BilingualMessage {
  const swapped = { minX: extent.minY, maxX: extent.maxY, minY: extent.minX, maxY: extent.maxX };
  if (zonePrefixOf(swapped) === null && !isUnprefixedGaussKruger(swapped)) return { zh: '', en: '' };
  return { zh: '（X、Y 似乎互换了）', en: ' (X and Y look swapped)' };
}

// ── Projection ─────────────────────────────────────────────────────────────────────────────────────────────────

type Projector = (position: Position) => void;

const LON_LAT_GRS80 = '+proj=longlat +ellps=GRS80 +no_defs';
const DEGREES_PER_RADIAN = 180 / Math.PI;
const projectors = new Map<number, Projector>();

/**
 * Overwrites a position's [x, y] with [lon, lat] in the CRS's own geographic system (GRS80 = CGCS2000's ellipsoid,
 * so no datum shift). Returns null for a geographic CRS (nothing to do).
 */
export function toLonLat(definition: CrsDefinition): Projector | null {
  if (definition.kind === 'geographic') return null;
  let projector = projectors.get(definition.epsg);
  if (!projector) {
    projector = makeProjector(definition.centralMeridian as number, definition.falseEasting as number);
    projectors.set(definition.epsg, projector);
  }
  return projector;
}

function makeProjector(centralMeridian: number, falseEasting: number): Projector {
  const definition = gaussKrugerProj4(centralMeridian, falseEasting);
  const converter = proj4(definition, LON_LAT_GRS80);
  // proj4's projection object inverts in place without the converter's array copies and datum checks: half the
  // time on 10^6 vertices. It is not proj4's documented surface, so it is used only when it agrees with the
  // documented converter on a probe point; otherwise the converter is used.
  const projection = proj4.Proj(definition) as unknown as {
    inverse?: (point: { x: number; y: number }) => { x: number; y: number };
  };
  const probe = converter.inverse([centralMeridian + 1.234, 30.5]) as [number, number];
  const expected = converter.forward([probe[0], probe[1]]) as number[];
  const fast = projection.inverse?.bind(projection);
  if (fast) {
    const point = fast({ x: probe[0], y: probe[1] });
    if (
      Math.abs(point.x * DEGREES_PER_RADIAN - (expected[0] as number)) < 1e-12 &&
      Math.abs(point.y * DEGREES_PER_RADIAN - (expected[1] as number)) < 1e-12
    ) {
      return (position) => {
        const point = fast({ x: position[0] as number, y: position[1] as number });
        position[0] = point.x * DEGREES_PER_RADIAN;
        position[1] = point.y * DEGREES_PER_RADIAN;
      };
    }
  }
  return (position) => {
    const [longitude, latitude] = converter.forward([
      position[0] as number,
      position[1] as number,
    ]) as number[];
    position[0] = longitude as number;
    position[1] = latitude as number;
  };
}

export type ReadGeometry = Polygon | MultiPolygon | null;

/** The extent of raw coordinates, or null when there are none. */
/**
 * Beyond 10^9 no coordinate of a supported system can be (a zone-prefixed X is below 5·10^7): such a vertex (1e300,
 * a typo's extra digits) is left out of the extent the coordinate system is decided from, so that it does not
 * refuse the whole file; its record is then reported on its own, its coordinates not being lon/lat.
 */
const IMPLAUSIBLE_COORDINATE = 1e9;

function plausibleCoordinate(x: number, y: number): boolean {
  return Math.abs(x) < IMPLAUSIBLE_COORDINATE && Math.abs(y) < IMPLAUSIBLE_COORDINATE;
}

export function extentOf(geometries: Iterable<ReadGeometry>): CoordinateExtent | null {
  const extent = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };
  for (const geometry of geometries) {
    if (!geometry) continue;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of polygons) {
      for (const ring of polygon) {
        for (const position of ring) {
          const x = position[0] as number;
          const y = position[1] as number;
          if (!plausibleCoordinate(x, y)) continue;
          if (x < extent.minX) extent.minX = x;
          if (x > extent.maxX) extent.maxX = x;
          if (y < extent.minY) extent.minY = y;
          if (y > extent.maxY) extent.maxY = y;
        }
      }
    }
  }
  return extent.minX === Infinity ? null : extent;
}

/** Projects every position in place to lon/lat. */
export function projectInPlace(geometries: Iterable<ReadGeometry>, definition: CrsDefinition): void {
  const projector = toLonLat(definition);
  if (!projector) return;
  for (const geometry of geometries) {
    if (!geometry) continue;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of polygons)
      for (const ring of polygon) for (const position of ring) projector(position);
  }
}

/** `extentOf` over flat [x, y, x, y, …] coordinates (a GeoPackage layer read into `FlatGeometries`). */
export function extentOfCoordinates(coordinates: Float64Array): CoordinateExtent | null {
  const extent = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };
  for (let at = 0; at < coordinates.length; at += 2) {
    const x = coordinates[at] as number;
    const y = coordinates[at + 1] as number;
    if (!plausibleCoordinate(x, y)) continue;
    if (x < extent.minX) extent.minX = x;
    if (x > extent.maxX) extent.maxX = x;
    if (y < extent.minY) extent.minY = y;
    if (y > extent.maxY) extent.maxY = y;
  }
  return extent.minX === Infinity ? null : extent;
}

/** `projectInPlace` over flat [x, y, x, y, …] coordinates: the same projector, pair by pair. */
export function projectCoordinatesInPlace(coordinates: Float64Array, definition: CrsDefinition): void {
  const projector = toLonLat(definition);
  if (!projector) return;
  const position: Position = [0, 0];
  for (let at = 0; at < coordinates.length; at += 2) {
    position[0] = coordinates[at] as number;
    position[1] = coordinates[at + 1] as number;
    projector(position);
    coordinates[at] = position[0] as number;
    coordinates[at + 1] = position[1] as number;
  }
}
