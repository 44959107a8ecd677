/**
 * A Polygon Shapefile from longitude-latitude features: `.shp` + `.shx` (geometry), `.dbf` (attributes), `.prj`
 * (the coordinate system as ESRI WKT) and `.cpg` (the DBF's encoding, which GDAL, QGIS and ArcGIS read before the
 * DBF's own language byte). Pure: bytes in memory, no file system.
 */
import { zipSync } from 'fflate';
import { prjOf, projectionFor, type ShapefileCrs } from './coordinate-systems.ts';
import { type AttributeValue, CODE_PAGE_NAME, type DbfField, encodeDbf } from './dbf.ts';
import { encodeShapes, type ShapeGeometry, shapeOf } from './shp.ts';
import type { ShapefileEncoding } from './text-codec.ts';

export interface ShapefileFeature {
  /** Longitude-latitude (EPSG:4490/4326); null writes a null shape. */
  geometry: ShapeGeometry | null;
  /** Values by DBF field name; a missing one is null. */
  attributes: Readonly<Record<string, AttributeValue>>;
}

export interface ShapefileOptions {
  fields: readonly DbfField[];
  encoding: ShapefileEncoding;
  /** Default: longitude-latitude, EPSG:4490. */
  crs?: ShapefileCrs;
  /** The DBF's "last update" date (default: now). */
  modified?: Date;
}

export interface ShapefileFiles {
  shp: Uint8Array;
  shx: Uint8Array;
  dbf: Uint8Array;
  prj: Uint8Array;
  cpg: Uint8Array;
}

export function writeShapefile(
  features: readonly ShapefileFeature[],
  options: ShapefileOptions,
): ShapefileFiles {
  const crs = options.crs ?? { kind: 'lonlat' };
  const project = projectionFor(crs);
  const { shp, shx } = encodeShapes(features.map((feature) => shapeOf(feature.geometry, project)));
  const text = new TextEncoder();
  return {
    shp,
    shx,
    dbf: encodeDbf(
      options.fields,
      features.map((feature) => feature.attributes),
      options.encoding,
      options.modified ?? new Date(),
    ),
    prj: text.encode(prjOf(crs)),
    cpg: text.encode(CODE_PAGE_NAME[options.encoding]),
  };
}

export const SHAPEFILE_EXTENSIONS = ['shp', 'shx', 'dbf', 'prj', 'cpg'] as const;

/**
 * The five files in one zip, as `<baseName>.shp` … `<baseName>.cpg`. Keep `baseName` ASCII: zip tools on Chinese
 * Windows read entry names as GBK unless the UTF-8 flag is honoured, and GDAL uses the name as the layer name.
 */
export function shapefileZip(
  files: ShapefileFiles,
  baseName: string,
  modified: Date = new Date(),
): Uint8Array {
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const extension of SHAPEFILE_EXTENSIONS) {
    entries[`${baseName}.${extension}`] = [files[extension], { mtime: modified }];
  }
  return zipSync(entries);
}
