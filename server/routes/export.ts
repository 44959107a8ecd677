import { Hono } from 'hono';
import type { AppEnvironment } from '../auth/session.ts';
import { canSeeCompensationLedger } from '../domain/compensation-permissions.ts';
import { formatParcelFilter, matchesFilter } from '../domain/filters.ts';
import type { User } from '../domain/users.ts';
import { toCsv } from '../export/csv.ts';
import { toGeoJson } from '../export/geojson.ts';
import { toGeoPackage } from '../export/geopackage.ts';
import { columnsFor, type ExportContext } from '../export/parcel-columns.ts';
import { statisticsRows } from '../export/statistics-rows.ts';
import { toXlsx } from '../export/xlsx.ts';
import type { ParcelStore } from '../store/parcel-store.ts';
import { exportCompensation } from './compensation-export.ts';
import { CONTENT_TYPES, downloadHeaders } from './download.ts';
import { errorBody, filterErrorBody } from './errors.ts';
import { filterFromUrl } from './filter-query.ts';
import { exportFileName, groupName, statisticsFor } from './statistics-query.ts';

const EXPORT_FORMATS = ['csv', 'xlsx', 'geojson', 'gpkg'] as const;
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
            zh: '可选值：csv、xlsx、geojson、gpkg',
            en: 'allowed: csv, xlsx, geojson, gpkg',
          },
        ]),
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
    }
  });
}
