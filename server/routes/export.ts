import { Hono } from 'hono';
import type { AppEnvironment } from '../auth/session.ts';
import { canSeeCompensationLedger } from '../domain/compensation-permissions.ts';
import { formatParcelFilter, matchesFilter } from '../domain/filters.ts';
import type { User } from '../domain/users.ts';
import { toCsv } from '../export/csv.ts';
import { toGeoJson } from '../export/geojson.ts';
import { toGeoPackage } from '../export/geopackage.ts';
import { columnsFor, type ExportContext } from '../export/parcel-columns.ts';
import { FIELD_NAME_STYLES, type FieldNameStyle } from '../export/shapefile/parcel-fields.ts';
import {
  parcelShapefile,
  SHAPEFILE_CRS_KINDS,
  type ShapefileCrsKind,
} from '../export/shapefile/parcel-shapefile.ts';
import { SHAPEFILE_ENCODINGS, type ShapefileEncoding } from '../export/shapefile/text-codec.ts';
import { shapefileZip } from '../export/shapefile/write-shapefile.ts';
import { statisticsRows } from '../export/statistics-rows.ts';
import { toXlsx } from '../export/xlsx.ts';
import type { ParcelStore } from '../store/parcel-store.ts';
import { exportCompensation } from './compensation-export.ts';
import { CONTENT_TYPES, downloadHeaders } from './download.ts';
import { type ErrorDetail, errorBody, filterErrorBody } from './errors.ts';
import { filterFromUrl } from './filter-query.ts';
import { exportFileName, groupName, statisticsFor } from './statistics-query.ts';

const EXPORT_FORMATS = ['csv', 'xlsx', 'geojson', 'gpkg', 'shapefile'] as const;
type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `GET /api/export?format=…&<filter>`: one row or feature per parcel that matches the filter. */
export function exportRoutes(store: ParcelStore) {
  return new Hono<AppEnvironment>().get('/', async (c) => {
    const parsed = filterFromUrl(c.req.url, store);
    if (!parsed.ok) return c.json(filterErrorBody(parsed.errors), 400);
    const format = (c.req.query('format') ?? 'csv') as ExportFormat;
    if (!EXPORT_FORMATS.includes(format)) {
      return c.json(
        errorBody({ zh: '导出格式无效', en: 'Invalid export format' }, [
          {
            field: 'format',
            value: format,
            zh: '可选值：csv、xlsx、geojson、gpkg、shapefile',
            en: 'allowed: csv, xlsx, geojson, gpkg, shapefile',
          },
        ]),
        400,
      );
    }
    const shapefile = shapefileOptionsFrom(c.req.query());
    if (format === 'shapefile' && shapefile.errors.length > 0) {
      return c.json(
        errorBody({ zh: 'Shapefile 导出参数无效', en: 'Invalid Shapefile export option' }, shapefile.errors),
        400,
      );
    }
    const filter = parsed.filter;
    const records = store.records().filter((record) => matchesFilter(record.summary, filter));
    const context: ExportContext = {
      villagesByCode: new Map(store.villages().map((village) => [village.code, village])),
      zone: store.park.zone,
      asOf: store.asOf(),
      // Household amounts only for the roles allowed to see them (hq, viewer): a team's export has no money.
      compensation: canSeeCompensationLedger(c.get('user') as User).allowed
        ? exportCompensation(store, records)
        : undefined,
    };
    const columns = columnsFor(context);
    const statistics = statisticsFor(store, filter, 'village');
    const filterText = formatParcelFilter(filter).toString() || '全部 all';
    const information: [string, string][] = [
      ['filter 筛选条件', filterText],
      ['asOf 数据截至', statistics.asOf],
      ['households 户数', String(records.length)],
      ...Object.entries(statistics.measures).map(([key, measure]): [string, string] => [
        `measure.${key} 口径`,
        `${measure.zh} / ${measure.en}`,
      ]),
    ];
    const fileName = exportFileName('征拆地块_parcels', filter, format);
    const header = columns.map((column) => column.name);
    const rows = () => records.map((record) => columns.map((column) => column.value(record, context)));

    switch (format) {
      case 'csv':
        return c.body(toCsv([header, ...rows()]), 200, downloadHeaders(fileName, CONTENT_TYPES.csv));
      case 'xlsx': {
        const statisticsSheet = statisticsRows(
          statistics,
          (key) => groupName(store, 'village', key),
          filterText,
        );
        const bytes = await toXlsx([
          {
            name: '宗地 parcels',
            rows: [columns.map((column) => `${column.zh} ${column.name}`), ...rows()],
            boldRows: [0],
          },
          { name: '统计 statistics', rows: statisticsSheet, boldRows: [0] },
          { name: '说明 about', rows: [['项目 item', '内容 value'], ...information], boldRows: [0] },
        ]);
        return c.body(bytes as Uint8Array<ArrayBuffer>, 200, downloadHeaders(fileName, CONTENT_TYPES.xlsx));
      }
      case 'geojson':
        return c.body(
          toGeoJson(records, context, {
            name: fileName.replace(/\.geojson$/, ''),
            asOf: statistics.asOf,
            filter: filterText,
            measures: statistics.measures,
            totals: statistics.total,
          }),
          200,
          downloadHeaders(fileName, CONTENT_TYPES.geojson),
        );
      case 'gpkg':
        return c.body(
          toGeoPackage(records, context, information) as Uint8Array<ArrayBuffer>,
          200,
          downloadHeaders(fileName, CONTENT_TYPES.gpkg),
        );
      case 'shapefile': {
        // `.shp.zip`: GDAL (≥ 3.1) and QGIS open it without unzipping. The entries inside get an ASCII name.
        const now = new Date();
        const zipName = exportFileName('征拆地块_parcels', filter, 'shp.zip', now);
        const layerName = exportFileName('parcels', filter, 'shp', now).replace(/\.shp$/, '');
        const files = parcelShapefile(records, context, { ...shapefile.options, modified: now });
        return c.body(
          shapefileZip(files, layerName, now) as Uint8Array<ArrayBuffer>,
          200,
          downloadHeaders(zipName, CONTENT_TYPES.zip),
        );
      }
    }
  });
}

interface ShapefileQueryOptions {
  encoding: ShapefileEncoding;
  crs: ShapefileCrsKind;
  fieldNames: FieldNameStyle;
}

/**
 * `encoding=gbk|utf-8` (default gbk: what Chinese surveyors' tools read), `crs=lonlat|gauss-kruger` (default
 * lonlat, EPSG:4490), `fieldNames=chinese|english` (default chinese; a UTF-8 file always has English names).
 */
function shapefileOptionsFrom(query: Record<string, string>): {
  options: ShapefileQueryOptions;
  errors: ErrorDetail[];
} {
  const errors: ErrorDetail[] = [];
  const pick = <T extends string>(field: string, allowed: readonly T[], fallback: T): T => {
    const value = (query[field] ?? fallback).toLowerCase();
    if ((allowed as readonly string[]).includes(value)) return value as T;
    errors.push({
      field,
      value: query[field] ?? '',
      zh: `可选值：${allowed.join('、')}`,
      en: `allowed: ${allowed.join(', ')}`,
    });
    return fallback;
  };
  const options = {
    encoding: pick('encoding', SHAPEFILE_ENCODINGS, 'gbk'),
    crs: pick('crs', SHAPEFILE_CRS_KINDS, 'lonlat'),
    fieldNames: pick('fieldNames', FIELD_NAME_STYLES, 'chinese'),
  };
  // The defaults stand in for a bad value; the caller refuses the request when `errors` is not empty.
  return { options, errors };
}
