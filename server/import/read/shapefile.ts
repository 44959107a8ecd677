/**
 * ESRI Shapefile (ESRI Shapefile Technical Description, July 1998): polygon layers (type 5, and PolygonZ 15 /
 * PolygonM 25 with Z and M dropped). Parsed with a DataView over the file's bytes; the only objects made per
 * vertex are the GeoJSON positions themselves.
 *
 * A shapefile polygon is a flat list of rings: outer rings run clockwise, holes counter-clockwise (spec p. 8).
 * Holes are given to the smallest outer ring that contains them, giving a Polygon or a MultiPolygon. Rings are
 * kept in their source order and orientation; nothing is repaired here (that is validation's job).
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import {
  type CrsDeclaration,
  crsFromEpsg,
  declaredOrChosen,
  extentOf,
  projectInPlace,
  resolveCrs,
} from '../crs.ts';
import type { SourceFeature, SourceLayer, WantedAttributes } from '../source.ts';
import { SourceError } from '../source.ts';
import { readDbf, readDbfRecordCount } from './dbf.ts';

const HEADER_BYTES = 100;
const FILE_CODE = 9994;
const NULL_SHAPE = 0;
const POLYGON_TYPES = new Set([5, 15, 25]);
const SHAPE_TYPE_NAMES: Record<number, string> = {
  0: 'Null',
  1: 'Point',
  3: 'PolyLine',
  5: 'Polygon',
  8: 'MultiPoint',
  11: 'PointZ',
  13: 'PolyLineZ',
  15: 'PolygonZ',
  18: 'MultiPointZ',
  21: 'PointM',
  23: 'PolyLineM',
  25: 'PolygonM',
  28: 'MultiPointM',
  31: 'MultiPatch',
};

/** The files of one shapefile, already read (from disk or from a zip). */
export interface ShapefileFiles {
  /** Layer name: the base name without folder or extension. */
  baseName: string;
  shp: { name: string; bytes: Uint8Array };
  /** The index: where each record is in the .shp, in the order of the .dbf's records. */
  shx?: Uint8Array | undefined;
  dbf: { name: string; bytes: Uint8Array } | undefined;
  prj: string | undefined;
  cpg: string | undefined;
}

function truncated(fileName: string): SourceError {
  return new SourceError({ zh: `文件不完整：${fileName}`, en: `file is truncated: ${fileName}` }, fileName);
}

export function shapeTypeName(shapeType: number): string {
  return SHAPE_TYPE_NAMES[shapeType] ?? `type ${shapeType}`;
}

/** Whether a .shp's header declares polygons (Polygon, PolygonZ, PolygonM): the only layers parcels can be. */
export function isPolygonShapeType(shapeType: number): boolean {
  return POLYGON_TYPES.has(shapeType);
}

/** The shape type from the 100-byte main file header. */
export function readShapeType(shp: Uint8Array, fileName: string): number {
  if (shp.length < HEADER_BYTES) throw truncated(fileName);
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  if (view.getInt32(0, false) !== FILE_CODE) {
    throw new SourceError(
      {
        zh: `不是 Shapefile 主文件（.shp）：${fileName}`,
        en: `not a Shapefile main file (.shp): ${fileName}`,
      },
      fileName,
    );
  }
  return view.getInt32(32, true);
}

/**
 * Where each record's content is in the .shp, from the .shx (ESRI Shapefile Technical Description, "Index file"):
 * record i of the index is record i of the .dbf, wherever it is in the .shp (an editor may append a changed shape
 * and leave the old one in place). Null when there is no usable index: the .shp is then read in file order.
 */
function indexedRecords(
  shx: Uint8Array | undefined,
  shpLength: number,
): { start: number; length: number }[] | null {
  if (!shx || shx.length < HEADER_BYTES || (shx.length - HEADER_BYTES) % 8 !== 0) return null;
  const view = new DataView(shx.buffer, shx.byteOffset, shx.byteLength);
  if (view.getInt32(0, false) !== FILE_CODE) return null;
  const records: { start: number; length: number }[] = [];
  for (let entry = HEADER_BYTES; entry < shx.length; entry += 8) {
    // Offset and content length in 16-bit words; the content starts after the record's 8-byte header.
    const start = view.getInt32(entry, false) * 2 + 8;
    const length = view.getInt32(entry + 4, false) * 2;
    if (start < HEADER_BYTES + 8 || length < 4 || start + length > shpLength) return null;
    records.push({ start, length });
  }
  return records;
}

/** Every record's geometry in source coordinates, in record order (the .shx's when given and usable). */
export function readShapeGeometries(
  shp: Uint8Array,
  fileName: string,
  shx?: Uint8Array,
): (Polygon | MultiPolygon | null)[] {
  const shapeType = readShapeType(shp, fileName);
  if (shapeType !== NULL_SHAPE && !POLYGON_TYPES.has(shapeType)) {
    throw new SourceError(
      {
        zh: `图层的几何类型是 ${shapeTypeName(shapeType)}，不是面：宗地必须是面（Polygon）`,
        en: `the layer's geometry type is ${shapeTypeName(shapeType)}, not Polygon: parcels must be polygons`,
      },
      fileName,
    );
  }
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  const geometries: (Polygon | MultiPolygon | null)[] = [];
  const readRecord = (start: number, contentLength: number): void => {
    const recordType = view.getInt32(start, true);
    if (recordType === NULL_SHAPE) geometries.push(null);
    else if (POLYGON_TYPES.has(recordType)) {
      geometries.push(readPolygonRecord(view, start, contentLength, fileName, geometries.length));
    } else {
      throw new SourceError(
        {
          zh: `第 ${geometries.length + 1} 条记录的几何类型是 ${shapeTypeName(recordType)}，不是面`,
          en: `record ${geometries.length + 1} has geometry type ${shapeTypeName(recordType)}, not Polygon`,
        },
        `${fileName} #${geometries.length + 1}`,
      );
    }
  };
  const indexed = indexedRecords(shx, shp.length);
  if (indexed) {
    for (const { start, length } of indexed) readRecord(start, length);
    return geometries;
  }
  // The header's file length (in 16-bit words) says how much was written; less on disk means a cut-off copy.
  const fileLength = view.getInt32(24, false) * 2;
  if (fileLength > shp.length) throw truncated(fileName);
  let cursor = HEADER_BYTES;
  while (cursor + 8 <= fileLength) {
    const contentLength = view.getInt32(cursor + 4, false) * 2;
    const start = cursor + 8;
    if (contentLength < 4 || start + contentLength > fileLength) throw truncated(fileName);
    readRecord(start, contentLength);
    cursor = start + contentLength;
  }
  return geometries;
}

function readPolygonRecord(
  view: DataView,
  start: number,
  contentLength: number,
  fileName: string,
  index: number,
): Polygon | MultiPolygon | null {
  // Content: type (4), box (32), numParts (4), numPoints (4), parts (4·numParts), points (16·numPoints), [Z, M].
  const partCount = view.getInt32(start + 36, true);
  const pointCount = view.getInt32(start + 40, true);
  const partsStart = start + 44;
  const pointsStart = partsStart + 4 * partCount;
  if (partCount < 0 || pointCount < 0 || pointsStart + 16 * pointCount > start + contentLength) {
    throw new SourceError(
      {
        zh: `第 ${index + 1} 条记录的点数超出记录长度，文件已损坏`,
        en: `record ${index + 1}: its point count exceeds the record length; the file is corrupt`,
      },
      `${fileName} #${index + 1}`,
    );
  }
  if (partCount === 0 || pointCount === 0) return null;
  const rings: Position[][] = [];
  for (let part = 0; part < partCount; part++) {
    const first = view.getInt32(partsStart + 4 * part, true);
    const last = part + 1 < partCount ? view.getInt32(partsStart + 4 * (part + 1), true) : pointCount;
    if (first < 0 || last > pointCount || first > last) {
      throw new SourceError(
        { zh: `第 ${index + 1} 条记录的环索引无效`, en: `record ${index + 1}: invalid ring index` },
        `${fileName} #${index + 1}`,
      );
    }
    const ring: Position[] = new Array(last - first);
    for (let point = first; point < last; point++) {
      const offset = pointsStart + 16 * point;
      ring[point - first] = [view.getFloat64(offset, true), view.getFloat64(offset + 8, true)];
    }
    rings.push(ring);
  }
  return assembleRings(rings);
}

/** Twice the signed area (shoelace, relative to the first vertex for precision): < 0 for a clockwise ring. */
export function signedArea(ring: readonly Position[]): number {
  const origin = ring[0];
  if (!origin) return 0;
  const originX = origin[0] as number;
  const originY = origin[1] as number;
  let twiceArea = 0;
  for (let index = 1; index + 1 < ring.length; index++) {
    const current = ring[index] as Position;
    const next = ring[index + 1] as Position;
    twiceArea +=
      ((current[0] as number) - originX) * ((next[1] as number) - originY) -
      ((next[0] as number) - originX) * ((current[1] as number) - originY);
  }
  return twiceArea / 2;
}

function pointInRing(x: number, y: number, ring: readonly Position[]): boolean {
  let inside = false;
  for (let index = 0, previous = ring.length - 1; index < ring.length; previous = index++) {
    const xi = (ring[index] as Position)[0] as number;
    const yi = (ring[index] as Position)[1] as number;
    const xj = (ring[previous] as Position)[0] as number;
    const yj = (ring[previous] as Position)[1] as number;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Rings → Polygon or MultiPolygon: clockwise rings are outer rings, the others holes of the smallest outer ring
 * containing them. Some tools ignore the rule: a file whose rings all run counter-clockwise, or whose orientation
 * contradicts the nesting (a counter-clockwise "hole" in no outer ring that holds a clockwise one: every ring
 * reversed), is read by nesting instead: a ring inside an odd number of larger rings is a hole. A hole inside no
 * outer ring is kept as a polygon of its own, as GDAL does, so that validation can report it rather than the reader
 * dropping it.
 */
export function assembleRings(rings: Position[][]): Polygon | MultiPolygon {
  if (rings.length === 1) return { type: 'Polygon', coordinates: rings };
  const areas = rings.map(signedArea);
  const firstPointIn = (index: number, other: number) =>
    pointInRing(
      (rings[index] as Position[])[0]?.[0] as number,
      (rings[index] as Position[])[0]?.[1] as number,
      rings[other] as Position[],
    );
  let outerIndexes = rings.map((_, index) => index).filter((index) => (areas[index] as number) <= 0);
  const isOuterByOrientation = new Set(outerIndexes);
  const reversed = rings.some(
    (_, hole) =>
      !isOuterByOrientation.has(hole) &&
      !outerIndexes.some((outer) => firstPointIn(hole, outer)) &&
      outerIndexes.some((outer) => firstPointIn(outer, hole)),
  );
  if (outerIndexes.length === 0 || reversed) {
    outerIndexes = rings
      .map((_, index) => index)
      .filter((index) => {
        const depth = rings.filter(
          (_, other) =>
            other !== index &&
            Math.abs(areas[other] as number) > Math.abs(areas[index] as number) &&
            firstPointIn(index, other),
        ).length;
        return depth % 2 === 0;
      });
  }
  const polygons = outerIndexes.map((index) => [rings[index] as Position[]]);
  const isOuter = new Set(outerIndexes);
  for (let index = 0; index < rings.length; index++) {
    if (isOuter.has(index)) continue;
    const hole = rings[index] as Position[];
    let owner = -1;
    if (polygons.length === 1) owner = 0;
    else {
      const x = hole[0]?.[0] as number;
      const y = hole[0]?.[1] as number;
      let smallest = Number.POSITIVE_INFINITY;
      outerIndexes.forEach((outerIndex, polygonIndex) => {
        const area = Math.abs(areas[outerIndex] as number);
        if (area < smallest && pointInRing(x, y, rings[outerIndex] as Position[])) {
          smallest = area;
          owner = polygonIndex;
        }
      });
    }
    if (owner < 0) polygons.push([hole]);
    else (polygons[owner] as Position[][]).push(hole);
  }
  return polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0] as Position[][] }
    : { type: 'MultiPolygon', coordinates: polygons };
}

function missingDbf(files: ShapefileFiles): SourceError {
  return new SourceError(
    {
      zh: `缺少属性表 ${files.baseName}.dbf：Shapefile 需要 .shp、.dbf（以及 .prj）一起提供`,
      en: `the attribute table ${files.baseName}.dbf is missing: a Shapefile needs .shp and .dbf (and .prj) together`,
    },
    files.shp.name,
  );
}

export interface ShapefileOptions {
  encoding?: string | undefined;
  crs?: number | undefined;
  attributes?: WantedAttributes | undefined;
}

export function readShapefile(files: ShapefileFiles, options: ShapefileOptions = {}): SourceLayer {
  if (!files.dbf) throw missingDbf(files);
  const geometries = readShapeGeometries(files.shp.bytes, files.shp.name, files.shx);
  const table = readDbf(files.dbf.bytes, files.dbf.name, {
    cpg: files.cpg,
    encoding: options.encoding,
    attributes: options.attributes,
  });
  if (geometries.length !== table.recordCount) {
    throw new SourceError(
      {
        zh: `${files.shp.name} 有 ${geometries.length} 个图形，而 ${files.dbf.name} 有 ${table.recordCount} 条记录：文件不配套或不完整`,
        en: `${files.shp.name} has ${geometries.length} shapes but ${files.dbf.name} has ${table.recordCount} records: the files do not match or one is truncated`,
      },
      files.shp.name,
    );
  }
  const declaration = shapefileCrsDeclaration(files, options);
  const resolution = resolveCrs(extentOf(geometries), declaration, files.shp.name);
  projectInPlace(geometries, resolution.definition);
  const features: SourceFeature[] = [];
  for (let index = 0; index < geometries.length; index++) {
    const properties = table.records[index];
    // A record marked deleted in the DBF is not part of the layer (as in GDAL); indexes keep the file's numbering.
    if (properties) features.push({ index, properties, geometry: geometries[index] ?? null });
  }
  return {
    format: 'shapefile',
    layerName: files.baseName,
    fields: table.fields,
    crs: resolution.crs,
    encoding: table.encoding,
    features,
    notes: [...table.notes, ...resolution.notes],
  };
}

function shapefileCrsDeclaration(
  files: ShapefileFiles,
  options: ShapefileOptions,
): CrsDeclaration | undefined {
  if (files.prj?.trim()) return declaredOrChosen(files.prj, `${files.baseName}.prj`, 'prj', options.crs);
  if (options.crs !== undefined) return { crs: crsFromEpsg(options.crs, files.shp.name), source: 'option' };
  return undefined;
}

/** Feature count and geometry type from the first bytes of the .shp (100) and .dbf (32), for choosing a layer. */
export function describeShapefile(files: ShapefileFiles): {
  name: string;
  featureCount: number;
  geometryType: string;
} {
  if (!files.dbf) throw missingDbf(files);
  return {
    name: files.baseName,
    featureCount: readDbfRecordCount(files.dbf.bytes, files.dbf.name),
    geometryType: shapeTypeName(readShapeType(files.shp.bytes, files.shp.name)),
  };
}
