/**
 * GeoPackage export: the matching parcels with the export columns (areas named by their 口径), plus an
 * `export_info` attribute table with the filter, the 口径 and the as-of time. Built in a temporary file (SQLite
 * needs a file) and returned as bytes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { encodeGeometryBlob } from '../store/geopackage/geometry-blob.ts';
import {
  createAttributeTable,
  createFeatureTable,
  createGeoPackageCore,
  STORAGE_SRS_ID,
  updateContentsExtent,
} from '../store/geopackage/schema.ts';
import type { ParcelRecord } from '../store/parcel-store.ts';
import { columnsFor, type ExportContext } from './parcel-columns.ts';

const SQL_TYPES = { text: 'TEXT', integer: 'INTEGER', real: 'REAL', boolean: 'BOOLEAN' } as const;

export function toGeoPackage(
  records: readonly ParcelRecord[],
  context: ExportContext,
  information: readonly [string, string][],
): Uint8Array {
  const directory = mkdtempSync(join(tmpdir(), 'parcel-export-'));
  const path = join(directory, 'export.gpkg');
  try {
    const database = new Database(path);
    // The same columns as the CSV/XLSX/GeoJSON of this request (compensation only for roles allowed to see it).
    const columns = columnsFor(context);
    database.transaction(() => {
      createGeoPackageCore(database);
      // `id` is kept as an attribute: the GeoPackage's own fid is the row id of this file.
      const columnDefinitions = columns
        .map((column) => `"${column.name}" ${SQL_TYPES[column.type]}`)
        .join(', ');
      createFeatureTable(database, {
        name: 'parcels',
        description: information.map(([key, value]) => `${key}: ${value}`).join('; '),
        geometryType: 'MULTIPOLYGON',
        columns: columnDefinitions,
      });
      const insert = database.prepare(
        `INSERT INTO parcels (geom, ${columns.map((column) => `"${column.name}"`).join(', ')})
         VALUES (?, ${columns.map(() => '?').join(', ')})`,
      );
      for (const record of records) {
        const geometry =
          record.geometry.type === 'MultiPolygon'
            ? record.geometry
            : { type: 'MultiPolygon' as const, coordinates: [record.geometry.coordinates] };
        insert.run(
          encodeGeometryBlob(geometry, STORAGE_SRS_ID),
          ...columns.map((column) => {
            const value = column.value(record, context);
            return typeof value === 'boolean' ? (value ? 1 : 0) : value;
          }),
        );
      }
      if (records.length > 0) updateContentsExtent(database, 'parcels');
      createAttributeTable(
        database,
        'export_info',
        '导出说明：筛选条件、口径、数据截至时间',
        'key TEXT PRIMARY KEY, value TEXT',
      );
      const insertInformation = database.prepare('INSERT INTO export_info (key, value) VALUES (?, ?)');
      for (const [key, value] of information) insertInformation.run(key, value);
    })();
    database.close();
    return readFileSync(path);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
