/**
 * The embedded store: a GeoPackage opened with better-sqlite3 in WAL mode, read once at start-up into an in-memory
 * index (summaries, geometry, bounds, a Flatbush spatial index and precomputed areas). Reads never touch SQLite.
 */

import { booleanPointInPolygon, centroid, pointOnFeature } from '@turf/turf';
import Database from 'better-sqlite3';
import Flatbush from 'flatbush';
import { gaussKrugerZoneForExtent } from '../domain/areas.ts';
import type { ParcelSummary } from '../domain/parcel.ts';
import type { ClearanceStatus, LandClass, SigningStatus, Structure } from '../domain/statuses.ts';
import { type Bounds, boundsOf, decodeGeometryBlob } from './geopackage/geometry-blob.ts';
import type { AreaGeometry, ParcelRecord, ParcelStore, Park, VillageRecord } from './parcel-store.ts';

interface ParcelRow {
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

/** A single-polygon MultiPolygon is served as a Polygon: that is what it is, and what GeoJSON users expect. */
function simplestGeometry(blob: Uint8Array, record: string): AreaGeometry {
  const { geometry } = decodeGeometryBlob(blob);
  if (!geometry) throw new Error(`${record}: empty geometry`);
  if (geometry.type === 'MultiPolygon' && geometry.coordinates.length === 1) {
    return { type: 'Polygon', coordinates: geometry.coordinates[0] as AreaGeometry['coordinates'] as never };
  }
  return geometry;
}

function labelPointOf(geometry: AreaGeometry): [number, number] {
  const feature = { type: 'Feature' as const, properties: {}, geometry };
  const center = centroid(feature);
  const point = booleanPointInPolygon(center, feature) ? center : pointOnFeature(feature);
  return point.geometry.coordinates as [number, number];
}

export class GeoPackageStore implements ParcelStore {
  readonly park: Park;
  private readonly database: Database.Database;
  private readonly villageRecords: VillageRecord[];
  private readonly parcelRecords: ParcelRecord[];
  private readonly summaries: ParcelSummary[];
  private readonly recordsById = new Map<number, ParcelRecord>();
  private readonly spatialIndex: Flatbush;
  private latestChange: string;
  private revisionCounter = 1;

  private constructor(database: Database.Database) {
    this.database = database;
    this.park = this.readPark();
    this.villageRecords = this.readVillages();
    this.parcelRecords = this.readParcels();
    this.summaries = this.parcelRecords.map((record) => record.summary);
    for (const record of this.parcelRecords) this.recordsById.set(record.summary.id, record);
    this.spatialIndex = new Flatbush(Math.max(1, this.parcelRecords.length));
    for (const record of this.parcelRecords) this.spatialIndex.add(...record.bounds);
    if (this.parcelRecords.length === 0) this.spatialIndex.add(0, 0, 0, 0);
    this.spatialIndex.finish();
    this.latestChange = this.readLatestChange();
  }

  /** Opens an existing GeoPackage. WAL + synchronous=FULL: a write acknowledged to a client survives `kill -9`. */
  static open(path: string): GeoPackageStore {
    const database = new Database(path, { fileMustExist: true });
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    database.pragma('foreign_keys = ON');
    return new GeoPackageStore(database);
  }

  private readPark(): Park {
    const row = this.database
      .prepare('SELECT geom, name, name_en, town, announcement_date FROM park ORDER BY fid LIMIT 1')
      .get() as
      | { geom: Uint8Array; name: string; name_en: string; town: string; announcement_date: string }
      | undefined;
    if (!row) throw new Error('the GeoPackage has no park boundary (table "park" is empty)');
    const boundary = simplestGeometry(row.geom, 'park');
    const bounds = boundsOf(boundary);
    return {
      name: row.name,
      nameEn: row.name_en,
      town: row.town,
      announcementDate: row.announcement_date,
      boundary,
      bounds,
      zone: gaussKrugerZoneForExtent(bounds[0], bounds[2]),
    };
  }

  private readVillages(): VillageRecord[] {
    const rows = this.database
      .prepare('SELECT geom, code, name, name_en, town, leader, group_count FROM villages ORDER BY code')
      .all() as {
      geom: Uint8Array;
      code: string;
      name: string;
      name_en: string;
      town: string;
      leader: string;
      group_count: number;
    }[];
    return rows.map((row) => {
      const geometry = simplestGeometry(row.geom, `village ${row.code}`);
      return {
        code: row.code,
        name: row.name,
        nameEn: row.name_en,
        town: row.town,
        leader: row.leader,
        groupCount: row.group_count,
        geometry,
        labelPoint: labelPointOf(geometry),
      };
    });
  }

  private readParcels(): ParcelRecord[] {
    const rows = this.database.prepare('SELECT * FROM parcels ORDER BY fid').all() as ParcelRow[];
    return rows.map((row) => {
      const geometry = simplestGeometry(row.geom, `parcel ${row.code}`);
      return {
        summary: {
          id: row.fid,
          code: row.code,
          holder: row.holder,
          village: row.village,
          group: row.village_group ?? '',
          landClass: row.land_class as LandClass,
          buildingArea: row.building_area,
          structure: row.structure as Structure | null,
          cadre: row.cadre === 1,
          signing: row.signing as SigningStatus,
          clearance: row.clearance as ClearanceStatus,
          surveyArea: row.survey_area_m2,
          ellipsoidArea: row.ellipsoid_area_m2,
          planeArea: row.plane_area_m2,
          version: row.version,
          updatedAt: row.updated_at,
        },
        geometry,
        bounds: boundsOf(geometry),
        idNumber: row.id_number,
        phone: row.phone,
      };
    });
  }

  /** The latest of every event time and every parcel's last change (compared as instants: offsets may differ). */
  private readLatestChange(): string {
    const eventTimes = this.database.prepare('SELECT DISTINCT at FROM events').pluck().all() as string[];
    let latest = '';
    for (const time of [...eventTimes, ...this.summaries.map((parcel) => parcel.updatedAt)]) {
      if (latest === '' || Date.parse(time) > Date.parse(latest)) latest = time;
    }
    return latest;
  }

  villages(): readonly VillageRecord[] {
    return this.villageRecords;
  }

  parcels(): readonly ParcelSummary[] {
    return this.summaries;
  }

  records(): readonly ParcelRecord[] {
    return this.parcelRecords;
  }

  parcel(id: number): ParcelRecord | undefined {
    return this.recordsById.get(id);
  }

  parcelIdsInBounds(bounds: Bounds): number[] {
    if (this.parcelRecords.length === 0) return [];
    return this.spatialIndex
      .search(...bounds)
      .map((index) => (this.parcelRecords[index] as ParcelRecord).summary.id);
  }

  asOf(): string {
    return this.latestChange;
  }

  revision(): number {
    return this.revisionCounter;
  }

  close(): void {
    this.database.close();
  }
}
