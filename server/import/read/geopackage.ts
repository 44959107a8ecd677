/**
 * GeoPackage (OGC 12-128r18) feature tables. Every table registered in `gpkg_geometry_columns` is a layer; its
 * SRS comes from `gpkg_spatial_ref_sys` (organization EPSG + id when it is ours, else its WKT definition).
 * Geometries are GeoPackage blobs (clause 2.1.3: any envelope variant, either byte order) holding WKB Polygon or
 * MultiPolygon, 2D or ISO/EWKB Z/M — decoded with the store's own GeoPackage codec, straight into one layer's flat
 * arrays (`FlatGeometry`): no GeoJSON position per vertex.
 */
import Database from 'better-sqlite3';
import type { BilingualMessage } from '../../domain/transitions.ts';
import { geometryBlobWkb } from '../../store/geopackage/geometry-blob.ts';
import { decodeWkbInto } from '../../store/geopackage/wkb.ts';
import {
  type CrsDeclaration,
  crsDefinition,
  crsFromEpsg,
  declaredOrChosen,
  extentOfCoordinates,
  projectCoordinatesInPlace,
  resolveCrs,
} from '../crs.ts';
import { type FlatGeometries, FlatGeometriesBuilder } from '../flat-geometries.ts';
import type {
  SourceCrs,
  SourceFeature,
  SourceField,
  SourceLayer,
  SourceValue,
  WantedAttributes,
} from '../source.ts';
import { SourceError } from '../source.ts';

export interface GeoPackageLayerInfo {
  name: string;
  featureCount: number;
  geometryType: string;
}

interface GeometryColumn {
  table: string;
  column: string;
  geometryType: string;
  srsId: number;
}

const POLYGON_TYPES = new Set(['POLYGON', 'MULTIPOLYGON', 'GEOMETRY', 'MULTISURFACE', 'CURVEPOLYGON']);

/**
 * SQLite opens bytes in memory only in rollback-journal mode; a GeoPackage QGIS has edited is left in WAL mode
 * (file format bytes 18 and 19 are 2). The same pages read in either mode, so the copy says 1, as GDAL's reader
 * of a zipped file effectively does.
 */
function inRollbackJournalMode(bytes: Uint8Array): Buffer {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.length < 100 || view[18] !== 2 || view[19] !== 2) return view;
  // A copy: the bytes are the zip's.
  const copy = Buffer.from(view);
  copy[18] = 1;
  copy[19] = 1;
  return copy;
}

/** Opens a GeoPackage read-only: from a path, or from bytes (an entry of a zip) as an in-memory copy. */
function open(source: string | Uint8Array, fileName: string): Database.Database {
  try {
    const database =
      typeof source === 'string'
        ? new Database(source, { readonly: true, fileMustExist: true })
        : new Database(inRollbackJournalMode(source));
    database.prepare('SELECT count(*) FROM gpkg_geometry_columns').get();
    return database;
  } catch (error) {
    throw new SourceError(
      {
        zh: `无法打开 GeoPackage（文件不完整或不是 GeoPackage）：${fileName}`,
        en: `cannot open the GeoPackage (truncated, or not a GeoPackage): ${fileName} — ${(error as Error).message}`,
      },
      fileName,
    );
  }
}

function geometryColumns(database: Database.Database): GeometryColumn[] {
  return database
    .prepare(
      'SELECT table_name AS "table", column_name AS "column", geometry_type_name AS geometryType, srs_id AS srsId FROM gpkg_geometry_columns ORDER BY table_name',
    )
    .all() as GeometryColumn[];
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * `counted`: a layer whose rows the caller has read already, and so knows the count of: counting a 100k-row table
 * reads all of it again (a tenth of a second).
 */
export function listGeoPackageLayers(
  source: string | Uint8Array,
  fileName: string,
  counted?: { layer: string; featureCount: number },
): GeoPackageLayerInfo[] {
  const database = open(source, fileName);
  try {
    return geometryColumns(database).map((column) => ({
      name: column.table,
      featureCount:
        column.table === counted?.layer
          ? counted.featureCount
          : (
              database.prepare(`SELECT count(*) AS count FROM ${quoteIdentifier(column.table)}`).get() as {
                count: number;
              }
            ).count,
      geometryType: column.geometryType,
    }));
  } finally {
    database.close();
  }
}

function chooseLayer(columns: GeometryColumn[], layer: string | undefined, fileName: string): GeometryColumn {
  if (layer !== undefined) {
    const chosen = columns.find((column) => column.table === layer);
    if (chosen) return chosen;
    throw new SourceError(
      {
        zh: `GeoPackage 中没有图层 ${layer}；有：${columns.map((column) => column.table).join('、')}`,
        en: `the GeoPackage has no layer ${layer}; it has: ${columns.map((column) => column.table).join(', ')}`,
      },
      fileName,
    );
  }
  if (columns.length === 1) return columns[0] as GeometryColumn;
  if (columns.length === 0) {
    throw new SourceError(
      {
        zh: `GeoPackage 中没有要素图层：${fileName}`,
        en: `the GeoPackage has no feature layer: ${fileName}`,
      },
      fileName,
    );
  }
  throw new SourceError(
    {
      zh: `GeoPackage 中有多个图层，请选择一个：${columns.map((column) => column.table).join('、')}`,
      en: `the GeoPackage has several layers; choose one: ${columns.map((column) => column.table).join(', ')}`,
    },
    fileName,
  );
}

function srsDeclaration(
  database: Database.Database,
  srsId: number,
  fileName: string,
  option: number | undefined,
): CrsDeclaration | undefined {
  const row = database
    .prepare(
      'SELECT srs_name AS name, organization, organization_coordsys_id AS code, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?',
    )
    .get(srsId) as { name: string; organization: string; code: number; definition: string } | undefined;
  // srs_id 0 and -1 are the standard's "undefined geographic / cartesian" systems, and a definition of
  // "undefined" declares nothing either. Any other row declares its system, whatever its organization: GDAL writes
  // organization NONE with the full WKT for every system without an EPSG code (a Xi'an 1980 one among them).
  const undefinedDefinition = !row?.definition?.trim() || row.definition.trim() === 'undefined';
  const where = `${fileName} gpkg_spatial_ref_sys ${srsId}`;
  if (
    !row ||
    srsId === 0 ||
    srsId === -1 ||
    (undefinedDefinition && row.organization.toUpperCase() !== 'EPSG')
  ) {
    return option === undefined ? undefined : { crs: crsFromEpsg(option, fileName), source: 'option' };
  }
  if (row.organization.toUpperCase() === 'EPSG' && crsDefinition(row.code)) {
    return { crs: crsFromEpsg(row.code, where), source: 'geopackage-srs' };
  }
  if (!undefinedDefinition) return declaredOrChosen(row.definition, where, 'geopackage-srs', option);
  throw new SourceError(
    {
      zh: `不支持的坐标系 ${row.name}（${row.organization}:${row.code}）：请先转换为 CGCS2000`,
      en: `unsupported coordinate system ${row.name} (${row.organization}:${row.code}): convert it to CGCS2000 first`,
    },
    where,
  );
}

function fieldType(declared: string): SourceField['type'] {
  const type = declared.toUpperCase();
  if (/^(INTEGER|INT|MEDIUMINT|SMALLINT|TINYINT|BIGINT)$/.test(type)) return 'integer';
  if (/^(REAL|DOUBLE|FLOAT|NUMERIC)/.test(type)) return 'number';
  if (type === 'BOOLEAN') return 'boolean';
  if (type === 'DATE') return 'date';
  return 'string';
}

/** A feature table to read, as its metadata describes it. */
interface LayerToRead {
  layer: GeometryColumn;
  declaration: CrsDeclaration | undefined;
  fields: SourceField[];
  /** The attribute columns to read: the wanted ones (`WantedAttributes`), or all. */
  readColumns: { name: string }[];
  /** Whether each of `readColumns` is a boolean. */
  isBoolean: boolean[];
  /** The table's INTEGER PRIMARY KEY column (its rowid), when it has one: the order records are numbered in. */
  key: string | null;
}

/**
 * The chosen layer of an open GeoPackage, with everything about it that can be refused before a row is read (a
 * missing or non-polygon layer, an unsupported SRS), in that order.
 */
function layerToRead(
  database: Database.Database,
  fileName: string,
  options: {
    layer?: string | undefined;
    crs?: number | undefined;
    attributes?: WantedAttributes | undefined;
  },
): LayerToRead {
  const layer = chooseLayer(geometryColumns(database), options.layer, fileName);
  if (!POLYGON_TYPES.has(layer.geometryType.toUpperCase())) {
    throw new SourceError(
      {
        zh: `图层 ${layer.table} 的几何类型是 ${layer.geometryType}，不是面：宗地必须是面`,
        en: `layer ${layer.table} has geometry type ${layer.geometryType}, not polygons: parcels must be polygons`,
      },
      fileName,
    );
  }
  const declaration = srsDeclaration(database, layer.srsId, fileName, options.crs);
  const columns = database.prepare(`PRAGMA table_info(${quoteIdentifier(layer.table)})`).all() as {
    name: string;
    type: string;
    pk: number;
  }[];
  const isKey = (column: { type: string; pk: number }) => column.pk === 1 && /^INT/i.test(column.type);
  const attributeColumns = columns.filter((column) => column.name !== layer.column && !isKey(column));
  const fields: SourceField[] = attributeColumns.map((column) => ({
    name: column.name,
    type: fieldType(column.type),
  }));
  const wanted = options.attributes?.(fields);
  const readColumns = wanted
    ? attributeColumns.filter((column) => wanted.has(column.name))
    : attributeColumns;
  const booleans = new Set(fields.filter((field) => field.type === 'boolean').map((field) => field.name));
  // Only a single-column INTEGER PRIMARY KEY is the rowid (a composite key's columns are numbered 1, 2, …).
  const keys = columns.filter((column) => column.pk > 0);
  const key =
    keys.length === 1 && isKey(keys[0] as (typeof keys)[number]) ? (keys[0] as { name: string }).name : null;
  return {
    layer,
    declaration,
    fields,
    readColumns,
    isBoolean: readColumns.map((column) => booleans.has(column.name)),
    key,
  };
}

function sourceLayer(
  table: string,
  fields: SourceField[],
  features: SourceFeature[],
  resolution: { crs: SourceCrs; notes: BilingualMessage[] },
): SourceLayer {
  return {
    format: 'geopackage',
    layerName: table,
    fields,
    crs: resolution.crs,
    // GeoPackage text is UTF-8 by definition (SQLite TEXT, clause 1.1.1.1.3).
    encoding: { name: 'utf-8', source: 'format' },
    features,
    notes: resolution.notes,
  };
}

/** A feature's wanted attributes, from a row whose attribute values start at `first`. */
function propertiesOf(row: unknown[], first: number, toRead: LayerToRead): Record<string, SourceValue> {
  const properties: Record<string, SourceValue> = {};
  const { readColumns, isBoolean } = toRead;
  for (let position = 0; position < readColumns.length; position++) {
    properties[(readColumns[position] as { name: string }).name] = attributeValue(
      row[position + first],
      isBoolean[position] === true,
    );
  }
  return properties;
}

/** The layer's coordinates in lon/lat: its CRS resolved from the declaration and the extent, then projected. */
function projected(
  flat: FlatGeometries,
  declaration: CrsDeclaration | undefined,
  fileName: string,
): { crs: SourceCrs; notes: BilingualMessage[] } {
  const resolution = resolveCrs(extentOfCoordinates(flat.coordinates), declaration, fileName);
  projectCoordinatesInPlace(flat.coordinates, resolution.definition);
  return { crs: resolution.crs, notes: resolution.notes };
}

export function readGeoPackage(
  source: string | Uint8Array,
  fileName: string,
  options: {
    layer?: string | undefined;
    crs?: number | undefined;
    attributes?: WantedAttributes | undefined;
  } = {},
): SourceLayer {
  const database = open(source, fileName);
  try {
    const toRead = layerToRead(database, fileName, options);
    const { layer, key } = toRead;
    // The feature's id (its INTEGER PRIMARY KEY, QGIS's fid) after the geometry, when the table has one.
    const selectList = [
      layer.column,
      ...(key ? [key] : []),
      ...toRead.readColumns.map((column) => column.name),
    ]
      .map(quoteIdentifier)
      .join(', ');
    // Integers as BigInt: an INTEGER parcel code of 16–19 digits is exact only so (`attributeValue`).
    const statement = database
      .prepare(`SELECT ${selectList} FROM ${quoteIdentifier(layer.table)}`)
      .raw(true)
      .safeIntegers(true);
    const features: SourceFeature[] = [];
    const builder = new FlatGeometriesBuilder();
    const withGeometry: number[] = [];
    for (const row of statement.iterate() as Iterable<unknown[]>) {
      const index = features.length;
      const properties = propertiesOf(row, key ? 2 : 1, toRead);
      if (decodeFeatureGeometry(row[0], builder, index, layer.table, fileName)) withGeometry.push(index);
      const feature: SourceFeature = { index, properties, geometry: null };
      if (key) feature.sourceId = Number(row[1]);
      features.push(feature);
    }
    const flat = builder.finish();
    for (const position of withGeometry) {
      (features[position] as SourceFeature).geometry = { type: 'FlatGeometry', flat, position };
    }
    return sourceLayer(layer.table, toRead.fields, features, projected(flat, toRead.declaration, fileName));
  } finally {
    database.close();
  }
}

/**
 * What a thread that reads a layer's geometries alone (`readGeoPackageGeometries`) is asked to read: plain data,
 * to post to a worker.
 */
export interface GeoPackageGeometriesRequest {
  path: string;
  fileName: string;
  table: string;
  column: string;
  /** The INTEGER PRIMARY KEY both reads order the rows by, so that record n is the same row in each. */
  key: string;
  /** The layer's `--crs` option, for a GeoPackage that declares no SRS. */
  crs: number | undefined;
}

/** A layer's geometries as `readGeoPackage` reads them: in lon/lat, in shared memory, with the CRS decided. */
export interface GeoPackageGeometries {
  flat: FlatGeometries;
  crs: SourceCrs;
  notes: BilingualMessage[];
}

/**
 * The geometries of a layer, by record, decoded and projected exactly as `readGeoPackage` does, with the same
 * errors (a broken blob names its record). Runs on the area worker while the caller reads the attributes
 * (`readGeoPackageAlongside`); or on the caller's own thread when the worker cannot.
 */
export function readGeoPackageGeometries(request: GeoPackageGeometriesRequest): GeoPackageGeometries {
  const { path, fileName, table, column, key } = request;
  const database = open(path, fileName);
  try {
    const layer = chooseLayer(geometryColumns(database), table, fileName);
    const declaration = srsDeclaration(database, layer.srsId, fileName, request.crs);
    const statement = database
      .prepare(
        `SELECT ${quoteIdentifier(column)} FROM ${quoteIdentifier(table)} ORDER BY ${quoteIdentifier(key)}`,
      )
      .pluck(true);
    const builder = new FlatGeometriesBuilder();
    for (const blob of statement.iterate())
      decodeFeatureGeometry(blob, builder, builder.count, table, fileName);
    const flat = builder.finish();
    return { flat, ...projected(flat, declaration, fileName) };
  } finally {
    database.close();
  }
}

/**
 * `readGeoPackage` of a file on disk in two halves at once: `readGeometries` reads the geometries elsewhere (the
 * area worker: `readGeoPackageGeometries`), while this thread reads the attributes, both in the order of the
 * table's INTEGER PRIMARY KEY, which is the order a table scan gives its rows. The same layer, errors in the same
 * order: the layer's own refusals first, then a broken geometry, then the CRS. `readGeometries` resolves null when
 * it cannot: the geometries are then read here. A table without such a key is read as `readGeoPackage` reads it.
 */
export async function readGeoPackageAlongside(
  path: string,
  fileName: string,
  options: {
    layer?: string | undefined;
    crs?: number | undefined;
    attributes?: WantedAttributes | undefined;
  },
  readGeometries: (request: GeoPackageGeometriesRequest) => Promise<GeoPackageGeometries | null>,
): Promise<SourceLayer> {
  const database = open(path, fileName);
  let features: SourceFeature[];
  let toRead: LayerToRead;
  let request: GeoPackageGeometriesRequest;
  let geometries: Promise<GeoPackageGeometries | null>;
  try {
    toRead = layerToRead(database, fileName, options);
    const { layer, key } = toRead;
    if (key === null) return readGeoPackage(path, fileName, options);
    request = { path, fileName, table: layer.table, column: layer.column, key, crs: options.crs };
    geometries = readGeometries(request);
    // Awaited once the attributes are read; if reading them fails first, a refusal of the geometries that comes
    // later must not end the process as an unhandled rejection.
    geometries.catch(() => undefined);
    features = [];
    // The key first (the feature's fid, named in findings), then the wanted attributes, in the key's order.
    const selectList = [key, ...toRead.readColumns.map((column) => column.name)]
      .map(quoteIdentifier)
      .join(', ');
    const statement = database
      .prepare(`SELECT ${selectList} FROM ${quoteIdentifier(layer.table)} ORDER BY ${quoteIdentifier(key)}`)
      .raw(true)
      .safeIntegers(true);
    for (const row of statement.iterate() as Iterable<unknown[]>) {
      features.push({
        index: features.length,
        properties: propertiesOf(row, 1, toRead),
        geometry: null,
        sourceId: Number(row[0]),
      });
    }
  } finally {
    database.close();
  }
  const read = (await geometries) ?? readGeoPackageGeometries(request);
  const { flat } = read;
  if (flat.geometryParts.length !== features.length + 1) {
    throw new Error(
      `readGeoPackageAlongside: ${flat.geometryParts.length - 1} geometries for ${features.length} records`,
    );
  }
  for (let position = 0; position < features.length; position++) {
    // A record with no part has no geometry (`decodeFeatureGeometry`).
    if ((flat.geometryParts[position + 1] as number) > (flat.geometryParts[position] as number)) {
      (features[position] as SourceFeature).geometry = { type: 'FlatGeometry', flat, position };
    }
  }
  return sourceLayer(toRead.layer.table, toRead.fields, features, read);
}

const MAX_SAFE_BIGINT = BigInt(Number.MAX_SAFE_INTEGER);

function attributeValue(value: unknown, isBoolean: boolean): SourceValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') {
    if (isBoolean) return value !== 0n;
    // Beyond 2^53 a number would round: a 19-digit parcel code (4401110010010012341) stays its digits.
    return value >= -MAX_SAFE_BIGINT && value <= MAX_SAFE_BIGINT ? Number(value) : value.toString();
  }
  if (isBoolean && typeof value === 'number') return value !== 0;
  if (typeof value === 'string' || typeof value === 'number') return value;
  // A BLOB attribute carries nothing a parcel field can use.
  return null;
}

/**
 * Decodes a feature's geometry blob into `builder` as geometry `index`; false when it has none (no blob, an empty
 * geometry, or no part).
 */
function decodeFeatureGeometry(
  value: unknown,
  builder: FlatGeometriesBuilder,
  index: number,
  table: string,
  fileName: string,
): boolean {
  try {
    const blob = value as Uint8Array | null | undefined;
    const wkbOffset = blob === null || blob === undefined ? null : geometryBlobWkb(blob).wkbOffset;
    const parts = wkbOffset === null ? 0 : decodeWkbInto(blob as Uint8Array, wkbOffset, builder);
    if (parts === 0) builder.abandonGeometry();
    builder.endGeometry();
    return parts > 0;
  } catch (error) {
    throw new SourceError(
      {
        zh: `第 ${index + 1} 条记录的几何无法读取（只支持面：Polygon、MultiPolygon、CurvePolygon、MultiSurface）：${(error as Error).message}`,
        en: `record ${index + 1}: the geometry cannot be read (only surfaces: Polygon, MultiPolygon, CurvePolygon, MultiSurface): ${(error as Error).message}`,
      },
      `${fileName} ${table} #${index + 1}`,
    );
  }
}
