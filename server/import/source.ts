/**
 * The survey import's shared shapes. A reader (`read/`) turns a delivered file into a `SourceLayer` in lon/lat;
 * the mapping (`mapping.ts`) turns source attributes into our fields; validation (`validate.ts`) reports what is
 * wrong before anything is written; the store commits the whole import or nothing.
 *
 *   file ──read──▶ SourceLayer ──mapping──▶ ImportCandidate[] ──validate──▶ ValidationReport ──commit──▶ store
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { BilingualMessage } from '../domain/transitions.ts';
import type { ImportGeometry } from './flat-geometries.ts';

export type SourceFormat = 'shapefile' | 'geopackage' | 'geojson' | 'csv';

export type SourceValue = string | number | boolean | null;

export interface SourceField {
  /** As written in the source (e.g. `宗地编码`, `ZDDM`), decoded with the source's encoding. */
  name: string;
  type: 'string' | 'number' | 'integer' | 'boolean' | 'date';
  /**
   * The name fills its format's limit (a DBF's 10 bytes) and may be the start of a longer one: `宗地编码` is 12 bytes
   * in UTF-8, and GDAL and QGIS write it to a UTF-8 `.dbf` as `宗地编` and the first byte of `码`.
   */
  nameMayBeCut?: true;
}

/** Where the coordinate system was read from, so the report can say why a CRS was chosen. */
export type CrsSource =
  | 'prj'
  | 'geopackage-srs'
  | 'geojson-crs'
  | 'geojson-default'
  | 'csv-option'
  /** `readSurveyFile(…, { crs })` for a file that declares none (a Shapefile without `.prj`). */
  | 'option'
  | 'detected';

export interface SourceCrs {
  /** EPSG code: 4326, 4490, 4491–4554. */
  epsg: number;
  /** Human name, e.g. `CGCS2000 / 3-degree Gauss-Kruger zone 35` or `CGCS2000_3_Degree_GK_CM_105E`. */
  name: string;
  source: CrsSource;
  /** True when X carried the zone number (e.g. 35 5xx xxx) and it was stripped (EPSG:4513–4533 style). */
  zonePrefixedX: boolean;
}

export interface SourceFeature {
  /** 0-based record number in the source, for messages ("第 12 条记录 / record 12" shows index + 1). */
  index: number;
  /** The record's own id where the format has one a GIS shows (a GeoPackage's fid), named beside its number. */
  sourceId?: number;
  properties: Record<string, SourceValue>;
  /**
   * Lon/lat (EPSG:4490 ≈ 4326 at survey accuracy), as read: NOT repaired, rings may self-intersect.
   * Null when the record has no or an empty geometry.
   */
  geometry: ImportGeometry | null;
}

/** A feature as the readers that build GeoJSON make it (GeoJSON, CSV, Shapefile). */
export type GeoJsonSourceFeature = SourceFeature & { geometry: Polygon | MultiPolygon | null };

export interface SourceLayer {
  format: SourceFormat;
  /** Shapefile base name, GeoPackage table, GeoJSON file name, CSV file name. */
  layerName: string;
  fields: SourceField[];
  crs: SourceCrs;
  /** Text encoding the attributes were decoded with (`utf-8`, `gbk`), and how it was decided. */
  encoding: { name: string; source: 'cpg' | 'dbf-language-driver' | 'detected' | 'option' | 'format' };
  features: SourceFeature[];
  /** Things the reader decided that the user should know (e.g. "X had a zone prefix 35; stripped"). */
  notes: BilingualMessage[];
}

/**
 * Which attributes a reader needs to read, decided from the layer's fields once it knows them (the importer reads
 * only the mapped ones: a 100k-record table's unmapped columns are half the reading). `fields` still lists every
 * field; each feature's `properties` then holds only the wanted ones. Without it, everything is read.
 */
export type WantedAttributes = (fields: readonly SourceField[]) => ReadonlySet<string>;

/** Thrown by readers for a file that cannot be read at all (wrong format, truncated, unknown CRS, zip bomb). */
export class SourceError extends Error {
  readonly zh: string;
  readonly en: string;
  /** The file, record or field the problem is in, when known. */
  readonly where: string | undefined;
  constructor(message: BilingualMessage, where?: string) {
    super(`${message.zh} / ${message.en}${where ? ` (${where})` : ''}`);
    this.name = 'SourceError';
    this.zh = message.zh;
    this.en = message.en;
    this.where = where;
  }
}

/** Our fields an import can fill. `code` is required; the rest have defaults or stay null. */
export const TARGET_FIELDS = [
  'code',
  'holder',
  'village',
  'group',
  'landClass',
  'buildingArea',
  'structure',
  'surveyArea',
  'idNumber',
  'phone',
  'cadre',
  'signing',
  'clearance',
] as const;
export type TargetField = (typeof TARGET_FIELDS)[number];

/** Target field → source field name (or null: not mapped). Saved as JSON for the next delivery. */
export type FieldMapping = Partial<Record<TargetField, string | null>>;

/** One record after mapping: our field values, normalized, with the source record it came from. */
export interface ImportCandidate {
  index: number;
  /** `SourceFeature.sourceId`: the fid QGIS shows for a GeoPackage record. */
  sourceId?: number;
  code: string | null;
  holder: string | null;
  /** The village as the source wrote it (code or name); resolved against the park's villages in validation. */
  village: string | null;
  group: string | null;
  /** Our code (`homestead` …) or null when missing; `raw` keeps what the source said for the report. */
  landClass: { code: string | null; raw: string | null };
  buildingArea: number | null;
  structure: { code: string | null; raw: string | null };
  surveyArea: number | null;
  idNumber: string | null;
  phone: string | null;
  cadre: boolean;
  signing: { code: string | null; raw: string | null };
  clearance: { code: string | null; raw: string | null };
  geometry: ImportGeometry | null;
  /**
   * Values the mapping could not read (`buildingArea: "约120"`, `cadre: "待定"`): the field is left null/false and the
   * validation report names the value. Absent when every value was read.
   */
  invalidValues?: { field: TargetField; raw: string }[];
}
