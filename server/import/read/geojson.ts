/**
 * GeoJSON (RFC 7946: lon/lat WGS 84, UTF-8), and the 2008 GeoJSON draft's `crs` member that many Chinese tools
 * still write (`{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4545"}}`). Coordinates are taken as
 * (x = easting/longitude, y = northing/latitude), as GDAL reads them, whatever the CRS's official axis order.
 * Geometries are kept exactly as read: a bow-tie ring stays a bow-tie for validation to report.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import {
  type CrsDeclaration,
  crsFromEpsg,
  crsFromReference,
  extentOf,
  projectInPlace,
  resolveCrs,
} from '../crs.ts';
import type {
  GeoJsonSourceFeature,
  SourceFeature,
  SourceField,
  SourceLayer,
  SourceValue,
} from '../source.ts';
import { SourceError } from '../source.ts';
import { assembleRings } from './shapefile.ts';
import { decodeTextFile } from './text-encoding.ts';

export interface GeoJsonOptions {
  encoding?: string | undefined;
  crs?: number | undefined;
}

interface ParsedGeoJson {
  features: unknown[];
  crs: unknown;
}

/** The character codes the number scanner looks at. */
const QUOTE = 34;
const BACKSLASH = 92;
const MINUS = 45;
const PLUS = 43;
const POINT = 46;
const isDigit = (code: number) => code >= 48 && code <= 57;
const isExponent = (code: number) => code === 101 || code === 69;

/**
 * `JSON.parse` reads every number as a double: a parcel code written as a bare integer of 16 to 19 digits
 * (4401110010010012341) would come out rounded, where GDAL reads an Integer64. Such integers, outside strings, are
 * quoted before parsing, so that they arrive as their digits; numbers with a fraction or an exponent (coordinates)
 * are left as they are.
 */
function quoteLongIntegers(text: string): string {
  if (!/\d{16}/.test(text)) return text;
  const pieces: string[] = [];
  let copied = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index++;
      else if (code === QUOTE) inString = false;
      continue;
    }
    if (code === QUOTE) {
      inString = true;
      continue;
    }
    if (code !== MINUS && !isDigit(code)) continue;
    // One number token: sign, integer digits, then any fraction and exponent.
    const start = index;
    let end = code === MINUS ? index + 1 : index;
    while (end < text.length && isDigit(text.charCodeAt(end))) end++;
    const integerDigits = end - start - (code === MINUS ? 1 : 0);
    let whole = true;
    if (text.charCodeAt(end) === POINT) {
      whole = false;
      end++;
      while (end < text.length && isDigit(text.charCodeAt(end))) end++;
    }
    if (isExponent(text.charCodeAt(end))) {
      whole = false;
      end++;
      if (text.charCodeAt(end) === MINUS || text.charCodeAt(end) === PLUS) end++;
      while (end < text.length && isDigit(text.charCodeAt(end))) end++;
    }
    if (whole && integerDigits >= 16) {
      pieces.push(text.slice(copied, start), '"', text.slice(start, end), '"');
      copied = end;
    }
    index = end - 1;
  }
  if (copied === 0) return text;
  pieces.push(text.slice(copied));
  return pieces.join('');
}

/**
 * GeoJSON Text Sequences (RFC 8142: each feature after a record separator) and newline-delimited GeoJSON (one
 * feature per line), as GDAL's GeoJSONSeq driver writes them: the features, or null when the text is not such a
 * sequence (the caller then reports its JSON error).
 */
const RECORD_SEPARATOR = String.fromCharCode(0x1e);

function featureSequence(text: string): unknown[] | null {
  const records = text
    .replaceAll(RECORD_SEPARATOR, '\n')
    .split('\n')
    .filter((record) => record.trim() !== '');
  if (records.length === 0) return null;
  const features: unknown[] = [];
  for (const record of records) {
    try {
      const feature = JSON.parse(record) as { type?: unknown };
      if (feature?.type !== 'Feature') return null;
      features.push(feature);
    } catch {
      return null;
    }
  }
  return features;
}

/** An Esri JSON feature set (an ArcGIS REST query, `arcpy.FeaturesToJSON`): features of attributes and rings. */
interface EsriFeatureSet {
  spatialReference?: { wkid?: unknown; latestWkid?: unknown };
  features: { attributes?: unknown; geometry?: { rings?: unknown } | null }[];
}

function isEsriFeatureSet(root: unknown): root is EsriFeatureSet {
  const candidate = root as { features?: unknown; type?: unknown };
  if (!candidate || candidate.type !== undefined || !Array.isArray(candidate.features)) return false;
  const first = candidate.features[0] as { attributes?: unknown } | undefined;
  return first === undefined || (typeof first === 'object' && first !== null && 'attributes' in first);
}

/**
 * The feature set as GeoJSON features: each feature's rings assembled as a shapefile's are (Esri's rule: outer
 * rings clockwise, holes counter-clockwise; `assembleRings`), its spatial reference's EPSG code as a `crs` member.
 */
function esriFeatureSet(root: EsriFeatureSet): ParsedGeoJson {
  const wkid = root.spatialReference?.latestWkid ?? root.spatialReference?.wkid;
  const features = root.features.map((feature) => {
    const rings = feature.geometry?.rings;
    const geometry =
      Array.isArray(rings) && rings.length > 0 && isCoordinateArray(rings, 3)
        ? assembleRings((rings as Position[][]).map(copyRing))
        : null;
    return { type: 'Feature', properties: feature.attributes ?? {}, geometry };
  });
  return {
    features,
    crs: typeof wkid === 'number' ? { type: 'EPSG', properties: { code: wkid } } : undefined,
  };
}

function parse(bytes: Uint8Array, fileName: string, encoding: string | undefined) {
  const decoded = decodeTextFile(bytes, encoding, fileName);
  let document: unknown;
  const text = quoteLongIntegers(decoded.text.replace(/^\uFEFF/, ''));
  try {
    document = JSON.parse(text);
  } catch (error) {
    const sequence = featureSequence(text);
    if (sequence) return { parsed: { features: sequence, crs: undefined }, encoding: decoded.encoding };
    throw new SourceError(
      {
        zh: `不是有效的 GeoJSON（JSON 语法错误，文件可能不完整）：${fileName}`,
        en: `not valid GeoJSON (JSON syntax error; the file may be truncated): ${fileName} — ${(error as Error).message}`,
      },
      fileName,
    );
  }
  const root = document as { type?: unknown; features?: unknown; crs?: unknown };
  let parsed: ParsedGeoJson;
  if (root?.type === 'FeatureCollection' && Array.isArray(root.features)) {
    parsed = { features: root.features, crs: root.crs };
  } else if (root?.type === 'Feature') {
    parsed = { features: [root], crs: root.crs };
  } else if (isEsriFeatureSet(root)) {
    parsed = esriFeatureSet(root);
  } else {
    throw new SourceError(
      {
        zh: `GeoJSON 顶层必须是 FeatureCollection 或 Feature（或 Esri JSON 的要素集）：${fileName}`,
        en: `a GeoJSON file must hold a FeatureCollection or a Feature (or an Esri JSON feature set): ${fileName}`,
      },
      fileName,
    );
  }
  return { parsed, encoding: decoded.encoding };
}

function crsDeclaration(
  crs: unknown,
  fileName: string,
  option: number | undefined,
): CrsDeclaration | undefined {
  if (crs !== undefined && crs !== null) {
    const member = crs as { type?: unknown; properties?: { name?: unknown; code?: unknown } };
    if (member.type === 'name' && typeof member.properties?.name === 'string') {
      return { crs: crsFromReference(member.properties.name, fileName), source: 'geojson-crs' };
    }
    if (member.type === 'EPSG' && member.properties?.code !== undefined) {
      return { crs: crsFromEpsg(Number(member.properties.code), fileName), source: 'geojson-crs' };
    }
    throw new SourceError(
      {
        zh: `无法识别 GeoJSON 的 crs 成员 ${JSON.stringify(crs)}`,
        en: `unrecognised GeoJSON crs member ${JSON.stringify(crs)}`,
      },
      fileName,
    );
  }
  if (option !== undefined) return { crs: crsFromEpsg(option, fileName), source: 'option' };
  return undefined;
}

function readGeometry(value: unknown, index: number, fileName: string): Polygon | MultiPolygon | null {
  if (value === null || value === undefined) return null;
  const geometry = value as { type?: unknown; coordinates?: unknown };
  const where = `${fileName} #${index + 1}`;
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
    throw new SourceError(
      {
        zh: `第 ${index + 1} 个要素的几何类型是 ${String(geometry.type)}，不是面：宗地必须是 Polygon 或 MultiPolygon`,
        en: `feature ${index + 1} has geometry type ${String(geometry.type)}: parcels must be Polygon or MultiPolygon`,
      },
      where,
    );
  }
  const depth = geometry.type === 'Polygon' ? 3 : 4;
  if (!isCoordinateArray(geometry.coordinates, depth)) {
    throw new SourceError(
      {
        zh: `第 ${index + 1} 个要素的坐标结构不是 ${geometry.type}`,
        en: `feature ${index + 1}: its coordinates are not a ${geometry.type}`,
      },
      where,
    );
  }
  const coordinates = geometry.coordinates as Position[][] | Position[][][];
  if (coordinates.length === 0) return null;
  // Positions are copied to [x, y] so that projecting in place never writes into a third (Z) value's slot.
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: (coordinates as Position[][]).map(copyRing) }
    : {
        type: 'MultiPolygon',
        coordinates: (coordinates as Position[][][]).map((polygon) => polygon.map(copyRing)),
      };
}

function copyRing(ring: Position[]): Position[] {
  return ring.map((position) => [position[0] as number, position[1] as number]);
}

function isCoordinateArray(value: unknown, depth: number): boolean {
  if (!Array.isArray(value)) return false;
  if (depth === 1) return value.length >= 2 && typeof value[0] === 'number' && typeof value[1] === 'number';
  return value.every((item) => isCoordinateArray(item, depth - 1));
}

function propertyValue(value: unknown): SourceValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  // Nested objects are not attributes a parcel can map; keep their text so nothing is lost silently.
  return JSON.stringify(value);
}

function inferFields(features: SourceFeature[]): SourceField[] {
  const types = new Map<string, Set<string>>();
  for (const feature of features) {
    for (const [name, value] of Object.entries(feature.properties)) {
      let seen = types.get(name);
      if (!seen) {
        seen = new Set();
        types.set(name, seen);
      }
      if (value === null) continue;
      seen.add(typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value);
    }
  }
  return [...types].map(([name, seen]) => {
    let type: SourceField['type'] = 'string';
    if (seen.size > 0 && [...seen].every((kind) => kind === 'integer')) type = 'integer';
    else if (seen.size > 0 && [...seen].every((kind) => kind === 'integer' || kind === 'number'))
      type = 'number';
    else if (seen.size === 1 && seen.has('boolean')) type = 'boolean';
    return { name, type };
  });
}

export function readGeoJson(
  bytes: Uint8Array,
  fileName: string,
  layerName: string,
  options: GeoJsonOptions = {},
): SourceLayer {
  const { parsed, encoding } = parse(bytes, fileName, options.encoding);
  const features: GeoJsonSourceFeature[] = parsed.features.map((item, index) => {
    const feature = item as { type?: unknown; properties?: unknown; geometry?: unknown };
    if (feature?.type !== 'Feature') {
      throw new SourceError(
        { zh: `第 ${index + 1} 项不是 Feature`, en: `item ${index + 1} is not a Feature` },
        `${fileName} #${index + 1}`,
      );
    }
    const properties: Record<string, SourceValue> = {};
    if (feature.properties && typeof feature.properties === 'object') {
      for (const [name, value] of Object.entries(feature.properties)) properties[name] = propertyValue(value);
    }
    return { index, properties, geometry: readGeometry(feature.geometry, index, fileName) };
  });
  const geometries = features.map((feature) => feature.geometry);
  const resolution = resolveCrs(
    extentOf(geometries),
    crsDeclaration(parsed.crs, fileName, options.crs),
    fileName,
    { epsg: 4326, source: 'geojson-default', note: false },
  );
  projectInPlace(geometries, resolution.definition);
  return {
    format: 'geojson',
    layerName,
    fields: inferFields(features),
    crs: resolution.crs,
    encoding:
      encoding.source === 'detected' && encoding.name === 'utf-8'
        ? { name: 'utf-8', source: 'format' }
        : encoding,
    features,
    notes: resolution.notes,
  };
}

/** Feature count and geometry types (e.g. `Polygon/MultiPolygon`), for choosing a layer. */
export function describeGeoJson(
  bytes: Uint8Array,
  fileName: string,
  layerName: string,
): { name: string; featureCount: number; geometryType: string } {
  const { parsed } = parse(bytes, fileName, undefined);
  const types = new Set<string>();
  for (const item of parsed.features) {
    const type = (item as { geometry?: { type?: unknown } })?.geometry?.type;
    if (typeof type === 'string') types.add(type);
  }
  return {
    name: layerName,
    featureCount: parsed.features.length,
    geometryType: [...types].join('/') || 'None',
  };
}
