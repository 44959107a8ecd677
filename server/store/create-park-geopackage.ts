/**
 * Writes a park (sample sources, benchmark data, or an export) into a new GeoPackage file. The file is written under
 * a temporary name and renamed into place only after the single transaction commits, so a crash or a bad record
 * never leaves a half-built store behind.
 */
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { ellipsoidArea, gaussKrugerZoneForExtent, planeArea } from '../domain/areas.ts';
import {
  type Axis,
  isClearanceStatus,
  isLandClass,
  isSigningStatus,
  isStructure,
  statusDefinition,
} from '../domain/statuses.ts';
import { DatasetError } from './dataset-error.ts';
import { boundsOf, encodeGeometryBlob, GeometryBlobWriter } from './geopackage/geometry-blob.ts';
import {
  createAttributeTable,
  createFeatureTable,
  createGeoPackageCore,
  EVENTS_COLUMNS,
  ensureApplicationTables,
  PARCELS_TABLE,
  PARK_TABLE,
  STORAGE_SRS_ID,
  updateContentsExtent,
  VILLAGES_TABLE,
} from './geopackage/schema.ts';
import type { ParcelSourceProperties, ParkDataset, ParkProperties } from './park-dataset.ts';

type AreaFeature<Properties> = Feature<Polygon | MultiPolygon, Properties>;

function asMultiPolygon(geometry: Polygon | MultiPolygon): MultiPolygon {
  return geometry.type === 'MultiPolygon'
    ? geometry
    : { type: 'MultiPolygon', coordinates: [geometry.coordinates] };
}

function parkFeature(dataset: ParkDataset): AreaFeature<ParkProperties> {
  const feature = dataset.park.type === 'FeatureCollection' ? dataset.park.features[0] : dataset.park;
  if (!feature)
    throw new DatasetError('park', 'geometry', { zh: '缺少园区红线', en: 'The park boundary is missing' });
  return feature;
}

function validateParcel(feature: AreaFeature<ParcelSourceProperties>, villageCodes: Set<string>): void {
  const properties = feature.properties;
  const record = `parcel ${properties?.code ?? '(no code)'}`;
  const fail = (field: string, zh: string, en: string): never => {
    throw new DatasetError(record, field, { zh, en });
  };
  if (!properties?.code) fail('code', '缺少宗地编码', 'parcel code is missing');
  if (
    !feature.geometry ||
    (feature.geometry.type !== 'Polygon' && feature.geometry.type !== 'MultiPolygon')
  ) {
    fail('geometry', '几何必须是面（Polygon/MultiPolygon）', 'geometry must be a Polygon or MultiPolygon');
  }
  if (!villageCodes.has(properties.village)) {
    fail('village', `未知的村代码“${properties.village}”`, `unknown village code "${properties.village}"`);
  }
  if (!isLandClass(properties.landClass)) {
    fail('landClass', `未知的地类“${properties.landClass}”`, `unknown land class "${properties.landClass}"`);
  }
  if (!isSigningStatus(properties.signing)) {
    fail(
      'signing',
      `未知的签约状态“${properties.signing}”`,
      `unknown signing status "${properties.signing}"`,
    );
  }
  if (!isClearanceStatus(properties.clearance)) {
    fail(
      'clearance',
      `未知的拆除状态“${properties.clearance}”`,
      `unknown clearance status "${properties.clearance}"`,
    );
  }
  if (properties.structure !== null && !isStructure(properties.structure)) {
    fail('structure', `未知的结构“${properties.structure}”`, `unknown structure "${properties.structure}"`);
  }
  if (properties.buildingArea !== null && !(properties.buildingArea >= 0)) {
    fail('buildingArea', '建筑面积不能为负数', 'building area cannot be negative');
  }
}

export interface CreateOptions {
  /** Time of the build, used as `updated_at` for parcels without events. */
  builtAt: string;
  /**
   * Further writes into the new file before it is renamed into place (a survey import into a new park): whatever
   * it throws leaves no file behind, as for a bad record of the dataset.
   */
  afterBuild?: (database: Database.Database) => void;
}

export function createParkGeoPackage(path: string, dataset: ParkDataset, options: CreateOptions): void {
  const temporaryPath = `${path}.building`;
  rmSync(temporaryPath, { force: true });
  const database = new Database(temporaryPath);
  // The whole file is written in one transaction: with SQLite's default 2 MB page cache, a 100k-parcel build spills
  // and re-reads pages of the table and its code index as it goes (a third of the insert time). The cache only
  // grows as far as the file does.
  database.pragma('cache_size = -65536');
  // The file is new and nobody else opens it before it is renamed into place: a crash or a failure part-way leaves
  // only `<path>.building`, which the catch below (or the next build, above) deletes, and the park file is either
  // absent or complete. So the rollback journal is kept in memory (a failed transaction still rolls back; nothing
  // is written twice) and nothing is synced while the file is written; it is synced once, whole, before the
  // rename, so the renamed file never stands for pages still in the page cache.
  database.pragma('journal_mode = MEMORY');
  database.pragma('synchronous = OFF');
  try {
    writeDataset(database, dataset, options);
    options.afterBuild?.(database);
    database.close();
    syncFile(temporaryPath);
    if (existsSync(path)) rmSync(path);
    renameSync(temporaryPath, path);
  } catch (error) {
    if (database.open) database.close();
    rmSync(temporaryPath, { force: true });
    throw error;
  }
}

function syncFile(path: string): void {
  const descriptor = openSync(path, 'r+');
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

function writeDataset(database: Database.Database, dataset: ParkDataset, options: CreateOptions): void {
  const park = parkFeature(dataset);
  const parkBounds = boundsOf(park.geometry);
  const zone = gaussKrugerZoneForExtent(parkBounds[0], parkBounds[2]);
  const villageCodes = new Set(dataset.villages.features.map((village) => village.properties.code));
  const parcelCodes = new Map<string, number>();

  const write = database.transaction(() => {
    createGeoPackageCore(database);
    createFeatureTable(database, PARK_TABLE);
    createFeatureTable(database, VILLAGES_TABLE);
    createFeatureTable(database, PARCELS_TABLE);
    createAttributeTable(
      database,
      'events',
      '状态变更事件（只追加） append-only status change log',
      EVENTS_COLUMNS,
    );
    database.exec('CREATE INDEX events_parcel ON events(parcel_id, id)');

    database
      .prepare('INSERT INTO park (geom, name, name_en, town, announcement_date) VALUES (?, ?, ?, ?, ?)')
      .run(
        encodeGeometryBlob(asMultiPolygon(park.geometry), STORAGE_SRS_ID),
        park.properties.name,
        park.properties.nameEn,
        park.properties.town,
        park.properties.announcementDate,
      );

    const insertVillage = database.prepare(
      'INSERT INTO villages (geom, code, name, name_en, town, leader, group_count) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const village of dataset.villages.features) {
      const properties = village.properties;
      insertVillage.run(
        encodeGeometryBlob(asMultiPolygon(village.geometry), STORAGE_SRS_ID),
        properties.code,
        properties.name,
        properties.nameEn,
        properties.town,
        properties.leader,
        properties.groupCount,
      );
    }

    const lastEventAt = new Map<string, string>();
    for (const event of dataset.events) lastEventAt.set(event.parcelCode, event.at);

    const insertParcel = database.prepare(
      `INSERT INTO parcels (geom, code, holder, id_number, phone, village, village_group, land_class, building_area,
         structure, cadre, signing, clearance, survey_area_m2, ellipsoid_area_m2, plane_area_m2, version, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
    );
    const blobs = new GeometryBlobWriter();
    for (const parcel of dataset.parcels.features) {
      validateParcel(parcel, villageCodes);
      const properties = parcel.properties;
      if (parcelCodes.has(properties.code)) {
        throw new DatasetError(`parcel ${properties.code}`, 'code', {
          zh: `宗地编码“${properties.code}”重复`,
          en: `duplicate parcel code "${properties.code}"`,
        });
      }
      const result = insertParcel.run(
        blobs.encode(asMultiPolygon(parcel.geometry), STORAGE_SRS_ID),
        properties.code,
        properties.holder,
        properties.idNumber,
        properties.phone,
        properties.village,
        properties.group,
        properties.landClass,
        properties.buildingArea,
        properties.structure,
        properties.cadre ? 1 : 0,
        properties.signing,
        properties.clearance,
        properties.surveyArea,
        ellipsoidArea(parcel.geometry),
        planeArea(parcel.geometry, zone),
        lastEventAt.get(properties.code) ?? options.builtAt,
      );
      parcelCodes.set(properties.code, Number(result.lastInsertRowid));
    }

    const insertEvent = database.prepare(
      'INSERT INTO events (parcel_id, axis, from_status, to_status, at, user, note, kind, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const event of dataset.events) {
      const parcelId = parcelCodes.get(event.parcelCode);
      if (parcelId === undefined) {
        throw new DatasetError(`event ${event.id}`, 'parcelCode', {
          zh: `事件引用了不存在的宗地“${event.parcelCode}”`,
          en: `event refers to unknown parcel "${event.parcelCode}"`,
        });
      }
      const isSigning = event.axis === 'signing';
      const fromValid = isSigning ? isSigningStatus(event.from) : isClearanceStatus(event.from);
      const toValid = isSigning ? isSigningStatus(event.to) : isClearanceStatus(event.to);
      if (!fromValid || !toValid || (event.axis !== 'signing' && event.axis !== 'clearance')) {
        throw new DatasetError(`event ${event.id}`, 'axis/from/to', {
          zh: `事件状态无效：${event.axis} ${event.from} → ${event.to}`,
          en: `invalid event statuses: ${event.axis} ${event.from} → ${event.to}`,
        });
      }
      const backwards = isBackwards(event.axis, event.from, event.to);
      insertEvent.run(
        parcelId,
        event.axis,
        event.from,
        event.to,
        event.at,
        event.user,
        event.note,
        backwards ? 'correction' : 'forward',
        event.at,
      );
    }
    for (const table of [PARK_TABLE, VILLAGES_TABLE, PARCELS_TABLE])
      updateContentsExtent(database, table.name);
  });
  write();
  ensureApplicationTables(database);
}

function isBackwards(axis: Axis, from: string, to: string): boolean {
  return (statusDefinition(axis, to)?.order ?? 0) < (statusDefinition(axis, from)?.order ?? 0);
}
