/**
 * Committing a validated survey into the store: the parcels of a delivery are matched to the store's by parcel code.
 * A new code is added; an existing one gets the delivery's geometry and survey attributes (and its areas recomputed)
 * but keeps its statuses, version history and events: statuses move only through the field workflow. Parcels the
 * delivery no longer has are removed only when the operator asks for it; their events stay in the audit log.
 *
 * Everything happens in one SQLite transaction: an error anywhere leaves the GeoPackage exactly as it was.
 */
import type Database from 'better-sqlite3';
import type { MultiPolygon, Polygon } from 'geojson';
import { ellipsoidArea, type GaussKrugerZone, planeArea } from '../domain/areas.ts';
import type { ClearanceStatus, LandClass, SigningStatus, Structure } from '../domain/statuses.ts';
import { asGeoJson, type ImportGeometry } from '../import/flat-geometries.ts';
import { batchedInsert } from './geopackage/batched-insert.ts';
import {
  encodeGeometryBlob,
  type FlatGeometryBlobs,
  GeometryBlobWriter,
} from './geopackage/geometry-blob.ts';
import {
  EnvelopeExtent,
  type ParcelRow,
  STORAGE_SRS_ID,
  setContentsExtent,
  updateContentsExtent,
} from './geopackage/schema.ts';

export type AreaGeometry = Polygon | MultiPolygon;

/** One parcel of a delivery, after mapping, validation and geometry repair. */
export interface ImportedParcel {
  code: string;
  holder: string;
  /** A village code of the park (existing, or one of the plan's `newVillages`). */
  village: string;
  group: string;
  landClass: LandClass;
  buildingArea: number | null;
  structure: Structure | null;
  surveyArea: number | null;
  idNumber: string | null;
  phone: string | null;
  cadre: boolean;
  /** Used only when the parcel is new; an existing parcel keeps its statuses. */
  signing: SigningStatus;
  clearance: ClearanceStatus;
  /** GeoJSON, or flat (a GeoPackage delivery as read): written as a MultiPolygon either way. */
  geometry: ImportGeometry;
  /** Areas already computed by validation (㎡); the plane one counts only if it is in the park's zone. */
  areas?: { ellipsoid: number; plane: number; planeZoneEpsg: number };
  /**
   * The report found this parcel's geometry the same as the stored one (`geometryKey`: the same rings, whatever
   * the start vertex, the orientation or the last bits of a reprojection): the stored geometry and its areas stay
   * as they are, so that the commit changes what the report said it would and nothing else.
   */
  sameGeometryAsStored?: true;
}

export interface ImportedVillage {
  code: string;
  name: string;
  geometry: AreaGeometry;
}

/** Attributes a delivery may carry; one it does not carry (not mapped) keeps the stored value. */
export type DeliveredAttribute =
  | 'holder'
  | 'village'
  | 'group'
  | 'landClass'
  | 'buildingArea'
  | 'structure'
  | 'surveyArea'
  | 'idNumber'
  | 'phone'
  | 'cadre';

export interface SurveyImportPlan {
  parcels: readonly ImportedParcel[];
  /**
   * What the delivery carries. An existing parcel keeps the stored value of anything else, and of an ID number or
   * phone the delivery leaves empty (surveyors rarely deliver them; a masked one is read as empty).
   */
  delivered: readonly DeliveredAttribute[];
  newVillages: readonly ImportedVillage[];
  /**
   * Stored parcels to delete: those of the delivered villages that the delivery no longer has, as its report listed
   * them, when the operator asked (`--remove-missing`); none by default. Every other stored parcel is kept.
   */
  remove: readonly string[];
  /** What was imported, for the `imports` audit table. */
  source: { fileName: string; format: string; crs: string; sha256: string; records: number };
  /** Computed ahead of the write, on another thread, from the very geometries of `parcels` (`prepareImport`). */
  precomputed?: {
    /** The convex hull of every parcel's geometry, in order (`convexHullOf`): a new park's red line. */
    outline: Polygon | null;
    /** The blobs of the parcels' flat geometries, when the caller writes at once. */
    blobs: FlatGeometryBlobs | null;
  };
}

export interface SurveyImportResult {
  importId: number;
  added: string[];
  changed: string[];
  removed: string[];
  /** In the store but not in the delivery, and kept (removeMissing off). */
  kept: string[];
  unchanged: number;
}

/** What the import reads of a stored parcel: everything a delivery may change, and the row id. */
type StoredParcelRow = Omit<ParcelRow, 'signing' | 'clearance' | 'updated_at'>;

function asMultiPolygon(geometry: AreaGeometry): MultiPolygon {
  return geometry.type === 'MultiPolygon'
    ? geometry
    : { type: 'MultiPolygon', coordinates: [geometry.coordinates] };
}

/** [ellipsoidal, plane] area of a parcel to store: validation's when they are in the park's zone, else computed. */
function areasOf(parcel: ImportedParcel, zone: GaussKrugerZone): [number, number] {
  const known = parcel.areas;
  if (known && known.planeZoneEpsg === zone.epsg) return [known.ellipsoid, known.plane];
  const geometry = asGeoJson(parcel.geometry);
  return [known?.ellipsoid ?? ellipsoidArea(geometry), planeArea(geometry, zone)];
}

function sameBytes(left: Uint8Array, right: Uint8Array): boolean {
  if (left.byteLength !== right.byteLength) return false;
  for (let index = 0; index < left.byteLength; index++) if (left[index] !== right[index]) return false;
  return true;
}

/**
 * Writes the plan in one transaction and returns what changed. `zone` is the park's Gauss-Krüger zone: every plane
 * area of a park is measured in the same zone.
 */
export function writeSurveyImport(
  database: Database.Database,
  plan: SurveyImportPlan,
  zone: GaussKrugerZone,
  username: string,
  importedAt: string,
): SurveyImportResult {
  const result: SurveyImportResult = {
    importId: 0,
    added: [],
    changed: [],
    removed: [],
    kept: [],
    unchanged: 0,
  };
  database.transaction(() => {
    const stored = new Map<string, StoredParcelRow>();
    for (const row of database
      .prepare(
        `SELECT fid, code, holder, id_number, phone, village, village_group, land_class, building_area, structure,
                cadre, survey_area_m2, ellipsoid_area_m2, plane_area_m2, geom, version FROM parcels`,
      )
      .all() as StoredParcelRow[])
      stored.set(row.code, row);

    const insertVillage = database.prepare(
      'INSERT INTO villages (geom, code, name, name_en, town, leader, group_count) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const village of plan.newVillages) {
      insertVillage.run(
        encodeGeometryBlob(asMultiPolygon(village.geometry), STORAGE_SRS_ID),
        village.code,
        village.name,
        village.name,
        '',
        '',
        0,
      );
    }

    const insertParcel = batchedInsert(
      database,
      `INSERT INTO parcels (geom, code, holder, id_number, phone, village, village_group, land_class, building_area,
         structure, cadre, signing, clearance, survey_area_m2, ellipsoid_area_m2, plane_area_m2, version, updated_at)
       VALUES`,
      '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)',
      17,
    );
    const updateParcel = database.prepare(
      `UPDATE parcels SET geom = ?, holder = ?, id_number = ?, phone = ?, village = ?, village_group = ?,
         land_class = ?, building_area = ?, structure = ?, cadre = ?, survey_area_m2 = ?, ellipsoid_area_m2 = ?,
         plane_area_m2 = ?, version = version + 1, updated_at = ? WHERE fid = ?`,
    );
    const deliveredCodes = new Set<string>();
    const delivered = new Set(plan.delivered);
    // The parcels table's extent after the import, from the blobs in hand (delivered and kept rows).
    const extent = new EnvelopeExtent();
    const blobs = new GeometryBlobWriter(plan.precomputed?.blobs ?? null);
    for (let parcel of plan.parcels) {
      // Only to tell which stored parcels the delivery no longer has: none in a new park, where 100k codes cost
      // a tenth of a second to hash into the set.
      if (stored.size > 0) deliveredCodes.add(parcel.code);
      const existing = stored.get(parcel.code);
      const keepGeometry = existing !== undefined && parcel.sameGeometryAsStored === true;
      // A flat geometry is written as a MultiPolygon as it is.
      const geometry = keepGeometry
        ? existing.geom
        : blobs.encode(
            parcel.geometry.type === 'FlatGeometry' ? parcel.geometry : asMultiPolygon(parcel.geometry),
            STORAGE_SRS_ID,
          );
      extent.add(geometry);
      if (!existing) {
        insertParcel.add(
          geometry,
          parcel.code,
          parcel.holder,
          parcel.idNumber,
          parcel.phone,
          parcel.village,
          parcel.group,
          parcel.landClass,
          parcel.buildingArea,
          parcel.structure,
          parcel.cadre ? 1 : 0,
          parcel.signing,
          parcel.clearance,
          parcel.surveyArea,
          ...areasOf(parcel, zone),
          importedAt,
        );
        result.added.push(parcel.code);
        continue;
      }
      const keep = <Value>(attribute: DeliveredAttribute, value: Value, stored: Value): Value =>
        delivered.has(attribute) ? value : stored;
      parcel = {
        ...parcel,
        holder: keep('holder', parcel.holder, existing.holder),
        village: keep('village', parcel.village, existing.village),
        group: keep('group', parcel.group, existing.village_group ?? ''),
        landClass: keep('landClass', parcel.landClass, existing.land_class as LandClass),
        buildingArea: keep('buildingArea', parcel.buildingArea, existing.building_area),
        structure: keep('structure', parcel.structure, existing.structure as Structure | null),
        surveyArea: keep('surveyArea', parcel.surveyArea, existing.survey_area_m2),
        idNumber: keep('idNumber', parcel.idNumber, existing.id_number) ?? existing.id_number,
        phone: keep('phone', parcel.phone, existing.phone) ?? existing.phone,
        cadre: keep('cadre', parcel.cadre, existing.cadre === 1),
      };
      const unchanged =
        sameBytes(existing.geom, geometry) &&
        existing.holder === parcel.holder &&
        existing.id_number === parcel.idNumber &&
        existing.phone === parcel.phone &&
        existing.village === parcel.village &&
        (existing.village_group ?? '') === parcel.group &&
        existing.land_class === parcel.landClass &&
        existing.building_area === parcel.buildingArea &&
        existing.structure === parcel.structure &&
        existing.cadre === (parcel.cadre ? 1 : 0) &&
        existing.survey_area_m2 === parcel.surveyArea;
      if (unchanged) {
        result.unchanged++;
        continue;
      }
      updateParcel.run(
        geometry,
        parcel.holder,
        parcel.idNumber,
        parcel.phone,
        parcel.village,
        parcel.group,
        parcel.landClass,
        parcel.buildingArea,
        parcel.structure,
        parcel.cadre ? 1 : 0,
        parcel.surveyArea,
        ...(keepGeometry ? [existing.ellipsoid_area_m2, existing.plane_area_m2] : areasOf(parcel, zone)),
        importedAt,
        existing.fid,
      );
      result.changed.push(parcel.code);
    }

    insertParcel.flush();

    const deleteParcel = database.prepare('DELETE FROM parcels WHERE fid = ?');
    const removing = new Set(plan.remove);
    for (const [code, row] of stored) {
      if (deliveredCodes.has(code)) continue;
      if (removing.has(code)) {
        deleteParcel.run(row.fid);
        result.removed.push(code);
      } else {
        extent.add(row.geom);
        result.kept.push(code);
      }
    }
    setContentsExtent(database, 'parcels', extent.extent());
    if (plan.newVillages.length > 0) updateContentsExtent(database, 'villages');

    const recorded = database
      .prepare(
        `INSERT INTO imports (imported_at, user, file_name, format, crs, sha256, records, added, changed, removed,
           unchanged) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        importedAt,
        username,
        plan.source.fileName,
        plan.source.format,
        plan.source.crs,
        plan.source.sha256,
        plan.source.records,
        result.added.length,
        result.changed.length,
        result.removed.length,
        result.unchanged,
      );
    result.importId = Number(recorded.lastInsertRowid);
  })();
  return result;
}
