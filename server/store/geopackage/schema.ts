/**
 * GeoPackage 1.3 container (OGC 12-128r18): the core tables, the SRS rows the standard requires, and the product's
 * own feature and attribute tables. A file made here opens unchanged in QGIS and GDAL (`ogrinfo data/park.gpkg`).
 */
import type { Database } from 'better-sqlite3';
import { COMPENSATION_INDEXES_AND_TRIGGERS, COMPENSATION_TABLES } from './compensation-schema.ts';

/** 'GPKG' as a 32-bit integer: PRAGMA application_id (clause 1.1.1.1.1). */
const GEOPACKAGE_APPLICATION_ID = 0x47504b47;
/**
 * 10300 = GeoPackage 1.3.0: PRAGMA user_version (clause 1.1.1.1.1). The tables written here are identical in 1.3 and
 * 1.4; declaring 1.3 keeps GDAL 3.6 (Debian 12, QGIS 3.22 era) from warning "may only be partially supported".
 */
const GEOPACKAGE_USER_VERSION = 10300;

/** Parcels are stored in CGCS2000 geographic coordinates, longitude-latitude order as GeoPackage specifies. */
export const STORAGE_SRS_ID = 4490;

const CGCS2000_WKT =
  'GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,' +
  'AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],' +
  'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]]';

const WGS84_WKT =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],' +
  'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],' +
  'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]';

export function createGeoPackageCore(database: Database): void {
  database.pragma(`application_id = ${GEOPACKAGE_APPLICATION_ID}`);
  database.pragma(`user_version = ${GEOPACKAGE_USER_VERSION}`);
  database.exec(`
    CREATE TABLE gpkg_spatial_ref_sys (
      srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
      organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
    CREATE TABLE gpkg_contents (
      table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
      last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
      min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
      CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
    CREATE TABLE gpkg_geometry_columns (
      table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL,
      z TINYINT NOT NULL, m TINYINT NOT NULL,
      CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
      CONSTRAINT uk_gc_table_name UNIQUE (table_name),
      CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
      CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
  `);
  const insertSrs = database.prepare(
    'INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition, description) VALUES (?, ?, ?, ?, ?, ?)',
  );
  insertSrs.run(
    'Undefined cartesian SRS',
    -1,
    'NONE',
    -1,
    'undefined',
    'undefined cartesian coordinate reference system',
  );
  insertSrs.run(
    'Undefined geographic SRS',
    0,
    'NONE',
    0,
    'undefined',
    'undefined geographic coordinate reference system',
  );
  insertSrs.run(
    'WGS 84 geodetic',
    4326,
    'EPSG',
    4326,
    WGS84_WKT,
    'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid',
  );
  insertSrs.run(
    'China Geodetic Coordinate System 2000',
    4490,
    'EPSG',
    4490,
    CGCS2000_WKT,
    'CGCS2000 geographic 2D',
  );
}

export interface FeatureTableDefinition {
  name: string;
  description: string;
  geometryType: 'POLYGON' | 'MULTIPOLYGON';
  /** Column definitions after `fid` and `geom`. */
  columns: string;
}

export function createFeatureTable(database: Database, table: FeatureTableDefinition): void {
  database.exec(
    `CREATE TABLE "${table.name}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom ${table.geometryType}, ${table.columns})`,
  );
  database
    .prepare(
      'INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES (?, ?, ?, ?, ?)',
    )
    .run(table.name, 'features', table.name, table.description, STORAGE_SRS_ID);
  database
    .prepare('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)')
    .run(table.name, 'geom', table.geometryType, STORAGE_SRS_ID);
}

export function createAttributeTable(
  database: Database,
  name: string,
  description: string,
  columns: string,
): void {
  database.exec(`CREATE TABLE "${name}" (${columns})`);
  database
    .prepare('INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES (?, ?, ?, ?)')
    .run(name, 'attributes', name, description);
}

/**
 * gpkg_contents.min_x … max_y: the extent QGIS zooms to when it opens the layer. One pass over the blobs' envelopes
 * ([minx, maxx, miny, maxy] after the 8-byte header in blobs this product writes), in JavaScript: four SQL
 * aggregates over a user function would cross into JavaScript four times per row.
 */
export function updateContentsExtent(database: Database, tableName: string): void {
  const extent = new EnvelopeExtent();
  for (const blob of database
    .prepare(`SELECT geom FROM "${tableName}"`)
    .pluck()
    .iterate() as IterableIterator<Uint8Array | null>)
    extent.add(blob);
  setContentsExtent(database, tableName, extent.extent());
}

export type ContentsExtent = [minX: number, maxX: number, minY: number, maxY: number] | null;

/** The union of geometry blobs' envelopes, read as `updateContentsExtent` reads them, one blob at a time. */
export class EnvelopeExtent {
  private minX = Number.POSITIVE_INFINITY;
  private maxX = Number.NEGATIVE_INFINITY;
  private minY = Number.POSITIVE_INFINITY;
  private maxY = Number.NEGATIVE_INFINITY;

  add(blob: Uint8Array | null): void {
    if (!blob || blob.byteLength < 40) return;
    const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
    this.minX = Math.min(this.minX, view.getFloat64(8, true));
    this.maxX = Math.max(this.maxX, view.getFloat64(16, true));
    this.minY = Math.min(this.minY, view.getFloat64(24, true));
    this.maxY = Math.max(this.maxY, view.getFloat64(32, true));
  }

  /** Null when no blob had an envelope. */
  extent(): ContentsExtent {
    return Number.isFinite(this.minX) ? [this.minX, this.maxX, this.minY, this.maxY] : null;
  }
}

/**
 * Writes a table's extent computed by the caller: a survey import knows every blob the table holds after it
 * (kept, updated and inserted rows) and need not read 100k rows back.
 */
export function setContentsExtent(database: Database, tableName: string, extent: ContentsExtent): void {
  database
    .prepare(
      `UPDATE gpkg_contents SET min_x = ?, max_x = ?, min_y = ?, max_y = ?,
         last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now')
       WHERE table_name = ?`,
    )
    .run(...(extent ?? [null, null, null, null]), tableName);
}

/** The product's tables. Column names are snake_case, as GIS users expect in QGIS's attribute table. */
export const PARK_TABLE: FeatureTableDefinition = {
  name: 'park',
  description: '园区红线 park boundary',
  geometryType: 'MULTIPOLYGON',
  columns: 'name TEXT NOT NULL, name_en TEXT, town TEXT, announcement_date TEXT',
};

export const VILLAGES_TABLE: FeatureTableDefinition = {
  name: 'villages',
  description: '村界 village boundaries',
  geometryType: 'MULTIPOLYGON',
  columns:
    'code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, name_en TEXT, town TEXT, leader TEXT, group_count INTEGER',
};

export const PARCELS_TABLE: FeatureTableDefinition = {
  name: 'parcels',
  description: '宗地（户） household parcels with status and areas',
  geometryType: 'MULTIPOLYGON',
  columns: [
    'code TEXT NOT NULL UNIQUE',
    'holder TEXT NOT NULL',
    'id_number TEXT',
    'phone TEXT',
    'village TEXT NOT NULL',
    'village_group TEXT',
    'land_class TEXT NOT NULL',
    'building_area REAL',
    'structure TEXT',
    'cadre INTEGER NOT NULL DEFAULT 0',
    'signing TEXT NOT NULL',
    'clearance TEXT NOT NULL',
    'survey_area_m2 REAL',
    'ellipsoid_area_m2 REAL NOT NULL',
    'plane_area_m2 REAL NOT NULL',
    'version INTEGER NOT NULL DEFAULT 1',
    'updated_at TEXT NOT NULL',
  ].join(', '),
};

/** A row of the `parcels` table as better-sqlite3 returns it. */
export interface ParcelRow {
  fid: number;
  geom: Uint8Array;
  code: string;
  holder: string;
  id_number: string | null;
  phone: string | null;
  village: string;
  village_group: string | null;
  land_class: string;
  building_area: number | null;
  structure: string | null;
  cadre: number;
  signing: string;
  clearance: string;
  survey_area_m2: number | null;
  ellipsoid_area_m2: number;
  plane_area_m2: number;
  version: number;
  updated_at: string;
}

export const EVENTS_COLUMNS = [
  'id INTEGER PRIMARY KEY AUTOINCREMENT',
  'parcel_id INTEGER NOT NULL',
  'axis TEXT NOT NULL',
  'from_status TEXT NOT NULL',
  'to_status TEXT NOT NULL',
  'at TEXT NOT NULL',
  'user TEXT NOT NULL',
  'note TEXT NOT NULL',
  "kind TEXT NOT NULL DEFAULT 'forward'",
  "recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
  'problem_id INTEGER',
].join(', ');

const APPLICATION_TABLES: { name: string; description: string; columns: string }[] = [
  {
    name: 'users',
    description: '用户（口令为 scrypt 散列） users, passwords hashed with scrypt',
    columns: [
      'id INTEGER PRIMARY KEY AUTOINCREMENT',
      'username TEXT NOT NULL UNIQUE',
      'display_name TEXT NOT NULL',
      "role TEXT NOT NULL CHECK (role IN ('hq', 'team', 'viewer'))",
      "villages TEXT NOT NULL DEFAULT ''",
      'password_hash TEXT NOT NULL',
      'disabled INTEGER NOT NULL DEFAULT 0',
      "created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
    ].join(', '),
  },
  {
    name: 'sessions',
    description: '登录会话（仅存令牌散列） sign-in sessions, token hashes only',
    columns: [
      'token_hash TEXT PRIMARY KEY',
      'user_id INTEGER NOT NULL REFERENCES users(id)',
      'csrf_token TEXT NOT NULL',
      'created_at TEXT NOT NULL',
      'expires_at TEXT NOT NULL',
    ].join(', '),
  },
  {
    name: 'problems',
    description: '问题上报 problems reported on households',
    columns: [
      'id INTEGER PRIMARY KEY AUTOINCREMENT',
      'parcel_id INTEGER NOT NULL',
      'kind TEXT NOT NULL',
      'description TEXT NOT NULL',
      "status TEXT NOT NULL CHECK (status IN ('open', 'assigned', 'resolved'))",
      'assignee TEXT',
      'reported_by TEXT NOT NULL',
      'reported_at TEXT NOT NULL',
      'updated_at TEXT NOT NULL',
      'version INTEGER NOT NULL DEFAULT 1',
    ].join(', '),
  },
  {
    name: 'imports',
    description: '测绘成果导入记录 survey imports',
    columns: [
      'id INTEGER PRIMARY KEY AUTOINCREMENT',
      'imported_at TEXT NOT NULL',
      'user TEXT NOT NULL',
      'file_name TEXT NOT NULL',
      'format TEXT NOT NULL',
      'crs TEXT NOT NULL',
      'sha256 TEXT NOT NULL',
      'records INTEGER NOT NULL',
      'added INTEGER NOT NULL',
      'changed INTEGER NOT NULL',
      'removed INTEGER NOT NULL',
      'unchanged INTEGER NOT NULL',
    ].join(', '),
  },
  {
    name: 'plans',
    description: '各村计划（签约、交地目标日期与阶段目标） village plans: target dates and milestones',
    columns: [
      'village TEXT PRIMARY KEY',
      'start_date TEXT NOT NULL',
      'signed_by TEXT NOT NULL',
      'handed_over_by TEXT NOT NULL',
      "milestones TEXT NOT NULL DEFAULT '[]'",
      'version INTEGER NOT NULL DEFAULT 1',
      'updated_at TEXT NOT NULL',
      'updated_by TEXT NOT NULL',
    ].join(', '),
  },
  ...COMPENSATION_TABLES,
];

/**
 * Creates the application tables a store needs beyond the park data, and adds columns later versions introduced.
 * Idempotent: runs on every open, so a GeoPackage built by an earlier version is brought up to date in place.
 */
export function ensureApplicationTables(database: Database): void {
  database.transaction(() => {
    const existing = new Set(
      database.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[],
    );
    for (const table of APPLICATION_TABLES) {
      if (!existing.has(table.name))
        createAttributeTable(database, table.name, table.description, table.columns);
    }
    const eventColumns = new Set(
      (database.prepare('PRAGMA table_info(events)').all() as { name: string }[]).map(
        (column) => column.name,
      ),
    );
    if (!eventColumns.has('problem_id')) database.exec('ALTER TABLE events ADD COLUMN problem_id INTEGER');
    database.exec('CREATE INDEX IF NOT EXISTS problems_parcel ON problems(parcel_id)');
    database.exec(COMPENSATION_INDEXES_AND_TRIGGERS);
  })();
}
